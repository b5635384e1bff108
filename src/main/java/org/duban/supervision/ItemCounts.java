package org.duban.supervision;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the operations metrics count of supervised_item: one query each, however many items there are. */
@Component
public class ItemCounts {
  private final JdbcClient jdbc;

  ItemCounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A department's open items, and how many of them are overdue ({@link SupervisedItem#isOverdue()}). */
  public record Open(long open, long overdue) {}

  public record Created(String campaignId, String stageId, long items) {}

  /** By department id: only departments with open items appear. */
  public Map<String, Open> openByDepartment() {
    record Row(String department, ItemStatus status, LocalDate due) {}
    List<Row> rows = jdbc.sql("select department_id, status, due_date from supervised_item where status <> 'CLOSED'")
        .query((rs, n) -> new Row(rs.getString(1), ItemStatus.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class)))
        .list();
    Map<String, Open> result = new TreeMap<>();
    for (Row row : rows) {
      long overdue = SupervisedItem.isOverdue(row.status(), row.due()) ? 1 : 0;
      result.merge(row.department(), new Open(1, overdue), (a, b) -> new Open(a.open() + b.open(), a.overdue() + b.overdue()));
    }
    return result;
  }

  /** Items created so far per campaign and stage: how far a stage's launch has come. */
  public List<Created> createdByStage() {
    return jdbc.sql("select campaign_id, stage_id, count(*) from supervised_item group by campaign_id, stage_id order by campaign_id, stage_id")
        .query((rs, n) -> new Created(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
  }
}

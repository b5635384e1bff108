package org.duban.supervision;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** item_alert (what each item's schedule came to), notice_entry (the 通报 list) and item_urge. */
@Repository
public class AlertRepository {
  private final JdbcClient jdbc;

  AlertRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Set<String> keys(String serial) {
    return new HashSet<>(jdbc.sql("select alert_key from item_alert where item_serial = ?").param(serial).query(String.class).list());
  }

  void record(String key, String serial, AlertSchedule.Kind kind, int level, OffsetDateTime plannedAt, String outcome,
      OffsetDateTime at) {
    jdbc.sql("insert into item_alert (alert_key, item_serial, kind, level, planned_at, outcome, recorded_at) values (?,?,?,?,?,?,?)")
        .params(key, serial, kind.name(), level, plannedAt, outcome, at).update();
  }

  public record AlertRecord(String key, String serial, String kind, int level, OffsetDateTime plannedAt, String outcome) {}

  public List<AlertRecord> ofItem(String serial) {
    return jdbc.sql("select alert_key, item_serial, kind, level, planned_at, outcome from item_alert where item_serial = ? order by planned_at, alert_key")
        .param(serial)
        .query((rs, n) -> new AlertRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
            rs.getObject(5, OffsetDateTime.class), rs.getString(6)))
        .list();
  }

  void notice(String serial, String campaignId, String departmentId, int level, int daysOverdue, OffsetDateTime at) {
    jdbc.sql("insert into notice_entry (item_serial, campaign_id, department_id, level, days_overdue, recorded_at) values (?,?,?,?,?,?)")
        .params(serial, campaignId, departmentId, level, daysOverdue, at).update();
  }

  public record NoticeEntry(String serial, String campaignId, String departmentId, int level, int daysOverdue, OffsetDateTime recordedAt) {}

  public List<NoticeEntry> notices() {
    return jdbc.sql("select item_serial, campaign_id, department_id, level, days_overdue, recorded_at from notice_entry order by recorded_at, item_serial")
        .query((rs, n) -> new NoticeEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
            rs.getObject(6, OffsetDateTime.class)))
        .list();
  }

  /** False when the item was urged today already (the primary key says so). */
  boolean urge(String serial, java.time.LocalDate day, String by, OffsetDateTime at) {
    try {
      jdbc.sql("insert into item_urge (item_serial, urged_on, urged_by, urged_at) values (?,?,?,?)").params(serial, day, by, at).update();
      return true;
    } catch (org.springframework.dao.DuplicateKeyException e) {
      return false;
    }
  }
}

package org.duban.notification;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many mails of the outbox are in each status, for the operations metrics: one query. */
@Component
public class OutboxCounts {
  private final JdbcClient jdbc;

  OutboxCounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every status, 0 where none. */
  public Map<Notification.Status, Long> byStatus() {
    Map<Notification.Status, Long> counts = new EnumMap<>(Notification.Status.class);
    for (Notification.Status status : Notification.Status.values()) {
      counts.put(status, 0L);
    }
    jdbc.sql("select status, count(*) from notification group by status")
        .query(rs -> {
          counts.put(Notification.Status.valueOf(rs.getString(1)), rs.getLong(2));
        });
    return counts;
  }
}

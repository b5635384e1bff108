package org.duban.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class NotificationRepository {
  private static final String COLUMNS = "id, idempotency_key, item_serial, kind, recipient_id, recipient_name,"
      + " recipient_email, subject, body_text, body_html, message_id, status, attempts, next_attempt_at, last_error,"
      + " created_at, sent_at";

  private final JdbcClient jdbc;

  NotificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(String idempotencyKey) {
    return jdbc.sql("select count(*) from notification where idempotency_key = ?").param(idempotencyKey)
        .query(Integer.class).single() > 0;
  }

  /** {@code createdAt} is the engine's time (what people read); {@code dueAt} the wall clock (when to send). */
  void insert(OutgoingMail mail, String messageId, Notification.Status status, OffsetDateTime createdAt, OffsetDateTime dueAt) {
    jdbc.sql("insert into notification (idempotency_key, item_serial, kind, recipient_id, recipient_name, recipient_email,"
            + " subject, body_text, body_html, message_id, status, attempts, next_attempt_at, created_at)"
            + " values (?,?,?,?,?,?,?,?,?,?,?,0,?,?)")
        .params(mail.idempotencyKey(), mail.itemSerial(), mail.kind().name(), mail.to().id(), mail.to().name(),
            mail.to().email(), mail.subject(), mail.text(), mail.html(), messageId, status.name(), dueAt, createdAt)
        .update();
  }

  /** Ids of pending mails due now and not leased by another node. */
  List<Long> due(OffsetDateTime now, int limit) {
    return jdbc.sql("select id from notification where status = 'PENDING' and next_attempt_at <= ?"
            + " and (lease_until is null or lease_until < ?) order by id fetch first " + limit + " rows only")
        .params(now, now).query(Long.class).list();
  }

  /** Takes a mail for this node until the lease ends; false when another node was faster. */
  boolean lease(long id, OffsetDateTime now, OffsetDateTime until) {
    return jdbc.sql("update notification set lease_until = ?, attempts = attempts + 1 where id = ? and status = 'PENDING'"
            + " and (lease_until is null or lease_until < ?)")
        .params(until, id, now).update() == 1;
  }

  Optional<Notification> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from notification where id = ?").param(id).query(this::map).optional();
  }

  void sent(long id, OffsetDateTime at) {
    jdbc.sql("update notification set status = 'SENT', sent_at = ?, lease_until = null, last_error = null where id = ?")
        .params(at, id).update();
  }

  void failed(long id, String error, OffsetDateTime retryAt, boolean exhausted) {
    jdbc.sql("update notification set status = ?, next_attempt_at = ?, lease_until = null, last_error = ? where id = ?")
        .params(exhausted ? "FAILED" : "PENDING", retryAt, error.length() > 2000 ? error.substring(0, 2000) : error, id)
        .update();
  }

  boolean retry(long id, OffsetDateTime now) {
    return jdbc.sql("update notification set status = 'PENDING', attempts = 0, next_attempt_at = ?, lease_until = null"
            + " where id = ? and status = 'FAILED'").params(now, id).update() == 1;
  }

  List<Notification> list(String status, String itemSerial, int limit) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from notification where 1 = 1");
    var params = new java.util.ArrayList<Object>();
    if (status != null) {
      sql.append(" and status = ?");
      params.add(status);
    }
    if (itemSerial != null) {
      sql.append(" and item_serial = ?");
      params.add(itemSerial);
    }
    sql.append(" order by id desc fetch first ").append(limit).append(" rows only");
    return jdbc.sql(sql.toString()).params(params).query(this::map).list();
  }

  private Notification map(ResultSet rs, int row) throws SQLException {
    return new Notification(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("item_serial"),
        MailKind.valueOf(rs.getString("kind")), rs.getString("recipient_id"), rs.getString("recipient_name"),
        rs.getString("recipient_email"), rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"),
        rs.getString("message_id"), Notification.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
        rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getString("last_error"),
        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class));
  }
}

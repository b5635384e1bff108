package org.duban.notification;

import java.time.OffsetDateTime;

/** A row of the outbox. */
public record Notification(
    long id, String idempotencyKey, String itemSerial, MailKind kind, String recipientId, String recipientName,
    String recipientEmail, String subject, String bodyText, String bodyHtml, String messageId, Status status,
    int attempts, OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt) {

  public enum Status {
    /** waiting for delivery (or for an SMTP server to be configured) */
    PENDING,
    SENT,
    /** retries exhausted: the administrator sees it and can retry it */
    FAILED,
    /** the recipient has no e-mail address */
    NO_ADDRESS
  }
}

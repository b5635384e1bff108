package org.duban.notification;

/**
 * One mail to one recipient. The idempotency key (item, kind, level, date, recipient) makes a
 * retried alert write the same mail once, and the Message-ID derives from it.
 */
public record OutgoingMail(String idempotencyKey, String itemSerial, MailKind kind, Recipient to, String subject,
    String text, String html) {}

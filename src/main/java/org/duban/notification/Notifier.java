package org.duban.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes mails into the outbox in the caller's transaction (the one that raises an alert) and wakes
 * the sender after it commits: SMTP trouble can never roll an escalation back.
 */
@Component
public class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final NotificationRepository outbox;
  private final OutboxSender sender;

  Notifier(NotificationRepository outbox, OutboxSender sender) {
    this.outbox = outbox;
    this.sender = sender;
  }

  static OffsetDateTime now() {
    return OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE);
  }

  public void queue(List<OutgoingMail> mails) {
    for (OutgoingMail mail : mails) {
      if (outbox.exists(mail.idempotencyKey())) {
        continue; // written by an earlier try of the same alert
      }
      Notification.Status status = mail.to().hasAddress() ? Notification.Status.PENDING : Notification.Status.NO_ADDRESS;
      if (status == Notification.Status.NO_ADDRESS) {
        log.warn("No e-mail address for {} ({}): mail '{}' is kept in the outbox as NO_ADDRESS",
            mail.to().id(), mail.to().name(), mail.subject());
      }
      outbox.insert(mail, messageId(mail.idempotencyKey()), status, now(), OutboxSender.wallClock());
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          sender.wakeUp();
        }
      });
    } else {
      sender.wakeUp();
    }
  }

  static String messageId(String idempotencyKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 20) + "@duban>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

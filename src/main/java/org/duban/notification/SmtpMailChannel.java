package org.duban.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** The only code that talks SMTP. A batch goes over one connection (JavaMailSender.send(MimeMessage...)). */
class SmtpMailChannel implements MailChannel {
  private final JavaMailSender sender;
  private final MailSettings settings;

  SmtpMailChannel(JavaMailSender sender, MailSettings settings) {
    this.sender = sender;
    this.settings = settings;
  }

  @Override
  public Map<Long, String> deliver(List<Notification> batch) {
    Map<Long, String> errors = new HashMap<>();
    Map<MimeMessage, Long> ids = new IdentityHashMap<>();
    List<MimeMessage> messages = new ArrayList<>();
    for (Notification n : batch) {
      try {
        MimeMessage m = message(n);
        ids.put(m, n.id());
        messages.add(m);
      } catch (MessagingException | RuntimeException e) {
        errors.put(n.id(), "cannot be written: " + e.getMessage());
      }
    }
    if (messages.isEmpty()) {
      return errors;
    }
    try {
      sender.send(messages.toArray(MimeMessage[]::new));
    } catch (MailSendException e) {
      if (e.getFailedMessages().isEmpty()) {
        ids.values().forEach(id -> errors.put(id, String.valueOf(e.getMessage())));
      } else {
        e.getFailedMessages().forEach((message, cause) -> {
          Long id = ids.get(message);
          if (id != null) {
            errors.put(id, String.valueOf(cause.getMessage()));
          }
        });
      }
    } catch (MailException e) {
      ids.values().forEach(id -> errors.put(id, String.valueOf(e.getMessage())));
    }
    return errors;
  }

  private MimeMessage message(Notification n) throws MessagingException {
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(settings.from());
    helper.setTo(n.recipientEmail());
    helper.setSubject(n.subject());
    helper.setText(n.bodyText(), n.bodyHtml());
    // the Message-ID is ours, derived from the idempotency key: a resend after a crash carries the same
    // one (JavaMailSenderImpl keeps a Message-ID that is set before sending)
    message.setHeader("Message-ID", n.messageId());
    return message;
  }
}

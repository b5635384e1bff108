package org.duban.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration
@EnableConfigurationProperties(MailSettings.class)
class NotificationConfiguration {
  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  static {
    // jakarta.mail otherwise scans the class path (ServiceLoader) for its StreamProvider on every MIME
    // part and encoded word: 62-69 % of the senders' CPU in the storm benchmark (docs/benchmarks.md)
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  /** SMTP when Spring has a mail sender (spring.mail.host is set); otherwise the outbox only keeps mail. */
  @Bean
  @ConditionalOnProperty("spring.mail.host")
  MailChannel smtpMailChannel(JavaMailSender sender, MailSettings settings) {
    return new SmtpMailChannel(sender, settings);
  }
}

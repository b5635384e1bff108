package org.duban.notification;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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

  /**
   * Health "mail" without an SMTP server: nothing to check, and nothing lost either (the outbox keeps
   * every mail), so UNKNOWN rather than DOWN. With spring.mail.host, Spring's own mail health connects to it.
   */
  @Bean
  @ConditionalOnExpression("'${spring.mail.host:}'.isBlank()")
  HealthIndicator mailHealthIndicator() {
    return () -> Health.unknown()
        .withDetail("smtp", "未配置 SMTP 服务器（spring.mail.host）")
        .withDetail("outbox", "邮件全部保存在发件箱中，不会丢失；系统管理员可在 /api/admin/notifications 查看")
        .build();
  }
}

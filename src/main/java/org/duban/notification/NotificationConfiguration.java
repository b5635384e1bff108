package org.duban.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration
@EnableConfigurationProperties(MailSettings.class)
class NotificationConfiguration {
  /** SMTP when Spring has a mail sender (spring.mail.host is set); otherwise the outbox only keeps mail. */
  @Bean
  @ConditionalOnProperty("spring.mail.host")
  MailChannel smtpMailChannel(JavaMailSender sender, MailSettings settings) {
    return new SmtpMailChannel(sender, settings);
  }
}

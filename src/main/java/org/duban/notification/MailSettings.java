package org.duban.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * duban.mail.*: how mail is written and delivered. The SMTP server itself is Spring's spring.mail.*;
 * without spring.mail.host mails are kept in the outbox and listed for the administrator.
 */
@ConfigurationProperties("duban.mail")
public record MailSettings(
    @DefaultValue("督办系统 <duban@localhost>") String from,
    /* where the links in mails point: the address people reach the application at */
    @DefaultValue("http://localhost:8080") String baseUrl,
    /* the creation office's contact, printed in every mail */
    @DefaultValue("创建办，电话 0000-00000000") String officeContact,
    /* government mail servers throttle: never send faster than this */
    @DefaultValue("50") double maxPerSecond,
    /* mails sent over one SMTP connection */
    @DefaultValue("50") int batchSize,
    /* SMTP connections used side by side (one sending thread each) */
    @DefaultValue("4") int connections,
    @DefaultValue("8") int maxAttempts,
    /* the first retry waits this long, each further one twice as long (at most an hour) */
    @DefaultValue("30") int retryBaseSeconds) {}

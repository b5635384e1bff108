package org.duban.notification;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.duban.organization.Roles;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outbox for the administrator: what went, what waits (no SMTP server yet), what failed, and a retry. */
@RestController
class NotificationController {
  private final NotificationRepository outbox;
  private final OutboxSender sender;
  private final ObjectProvider<MailChannel> channel;

  NotificationController(NotificationRepository outbox, OutboxSender sender, ObjectProvider<MailChannel> channel) {
    this.outbox = outbox;
    this.sender = sender;
    this.channel = channel;
  }

  record View(long id, String itemSerial, String kind, String recipientId, String recipientName, String recipientEmail,
      String subject, String status, int attempts, String lastError, Object createdAt, Object sentAt, String messageId) {}

  @GetMapping("/api/admin/notifications")
  Map<String, Object> list(@RequestParam(required = false) Notification.Status status,
      @RequestParam(required = false) String item, @RequestParam(defaultValue = "200") int limit, HttpServletRequest request) {
    CurrentUser.of(request).require("查看邮件发送记录（仅系统管理员和创建办可以）", Roles.ADMIN, Roles.CREATION_OFFICE);
    List<View> rows = outbox.list(status == null ? null : status.name(), item, Math.max(1, Math.min(limit, 1000))).stream()
        .map(n -> new View(n.id(), n.itemSerial(), n.kind().name(), n.recipientId(), n.recipientName(), n.recipientEmail(),
            n.subject(), n.status().name(), n.attempts(), n.lastError(), n.createdAt(), n.sentAt(), n.messageId()))
        .toList();
    return Map.of("smtpConfigured", channel.getIfAvailable() != null, "notifications", rows);
  }

  @PostMapping("/api/admin/notifications/{id}/retry")
  Map<String, Object> retry(@PathVariable long id, HttpServletRequest request) {
    CurrentUser.of(request).require("重发邮件（仅系统管理员可以）", Roles.ADMIN);
    if (!outbox.retry(id, OutboxSender.wallClock())) {
      throw ApiException.badRequest("邮件 " + id + " 不存在或不是发送失败状态");
    }
    sender.wakeUp();
    return Map.of("id", id, "status", "PENDING");
  }
}

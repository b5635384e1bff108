package org.duban.system;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.duban.organization.Roles;
import org.duban.supervision.Deadlines;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo only: moves the engine's clock forward (it keeps ticking from there), so a visitor can watch
 * a reminder or an escalation fall due without waiting for days. Absent outside the demo profile.
 */
@Profile("demo")
@RestController
class DemoClock {
  record Travel(LocalDateTime to) {}

  @GetMapping("/api/demo/clock")
  Map<String, Object> now() {
    return Map.of("now", ClockUtil.getCurrentTime().toInstant().atZone(Deadlines.ZONE).toLocalDateTime().toString());
  }

  @PostMapping("/api/demo/clock")
  Map<String, Object> travel(@RequestBody Travel body, HttpServletRequest request) {
    CurrentUser.of(request).require("调整演示时钟（仅系统管理员可以）", Roles.ADMIN);
    if (body == null || body.to() == null) {
      throw ApiException.badRequest("to: 必须填写目标时间，如 2026-12-04T09:00");
    }
    Date target = Date.from(body.to().atZone(Deadlines.ZONE).toInstant());
    long offset = target.getTime() - System.currentTimeMillis();
    if (offset < Duration.ofMillis(ClockUtil.getCurrentTime().getTime() - System.currentTimeMillis()).toMillis()) {
      throw ApiException.badRequest("to: 演示时钟只能向前调整（当前 " + now().get("now") + "）");
    }
    ClockUtil.offset(offset);
    return now();
  }
}

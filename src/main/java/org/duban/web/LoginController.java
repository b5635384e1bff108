package org.duban.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.duban.organization.Roles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The administrator's view of the login throttle: who is locked, and an early unlock. */
@RestController
class LoginController {
  private final LoginThrottle throttle;

  LoginController(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @GetMapping("/api/admin/logins")
  Map<String, Object> locked(HttpServletRequest request) {
    CurrentUser.of(request).require("查看被锁定的登录账户（仅系统管理员可以）", Roles.ADMIN);
    return Map.of("accounts", throttle.lockedAccounts(), "addresses", throttle.lockedAddresses());
  }

  @PostMapping("/api/admin/logins/{userId}/unlock")
  Map<String, Object> unlock(@PathVariable String userId, HttpServletRequest request) {
    CurrentUser admin = CurrentUser.of(request);
    admin.require("解除登录锁定（仅系统管理员可以）", Roles.ADMIN);
    LoginThrottle.Lock was = throttle.unlock(userId, admin.id(), request.getRemoteAddr())
        .orElseThrow(() -> ApiException.notFound("账户 " + userId + " 没有被锁定，也没有登录失败记录。"));
    return Map.of("id", userId, "wasLocked", was.lockedUntil() != null, "failuresCleared", was.failures());
  }
}

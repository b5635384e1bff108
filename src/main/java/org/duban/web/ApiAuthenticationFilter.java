package org.duban.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One login for Tasklist and Duban's own pages: the Camunda webapps' session is accepted as it
 * is, HTTP Basic serves scripts. The caller becomes the engine's authentication for the request,
 * so every engine call made on its behalf is checked against its authorizations.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {
  /** Session-authenticated writes must carry this header: a cross-site form cannot set it. */
  static final String CSRF_HEADER = "X-Requested-With";
  /** Where a browser without a login is sent from a page: the webapps' login, which links back to the dashboard. */
  static final String LOGIN_PAGE = "/camunda/app/welcome/default/";

  private final ProcessEngine engine;
  private final IdentityService identity;
  private final LoginThrottle throttle;
  /** Spring Boot Actuator's paths on this port (management.endpoints.web.base-path): the administrator's only. */
  private final String actuator;

  ApiAuthenticationFilter(ProcessEngine engine, LoginThrottle throttle, String actuator) {
    this.engine = engine;
    this.identity = engine.getIdentityService();
    this.throttle = throttle;
    this.actuator = actuator;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String basic = request.getHeader("Authorization");
    Optional<CurrentUser> user;
    try {
      user = basic != null && basic.startsWith("Basic ") ? fromBasic(basic, request.getRemoteAddr()) : SessionLogin.of(request, engine.getName());
    } catch (LoginThrottle.Locked locked) {
      throttle.refuse(response, locked);
      return;
    }
    if (user.isEmpty() && isPage(request)) {
      response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
      return;
    }
    if (user.isEmpty()) {
      reject(response, HttpServletResponse.SC_UNAUTHORIZED, "请先登录（Tasklist 登录，或 HTTP Basic 认证）。");
      return;
    }
    if (isActuator(request) && !user.get().isAdmin()) {
      reject(response, HttpServletResponse.SC_FORBIDDEN, "运行监控（" + actuator + "）仅限系统管理员（camunda-admin）访问。");
      return;
    }
    boolean write = !List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod());
    if (write && basic == null && request.getHeader(CSRF_HEADER) == null) {
      reject(response, HttpServletResponse.SC_FORBIDDEN, "请求缺少 " + CSRF_HEADER + " 请求头。");
      return;
    }
    request.setAttribute(CurrentUser.ATTRIBUTE, user.get());
    identity.setAuthentication(user.get().id(), user.get().groups());
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** By the container's decoded path without ";…" parameters, which Spring MVC ignores when it maps the request too. */
  private boolean isActuator(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.equals(actuator) || path.startsWith(actuator + "/");
  }

  /** A person's browser asking for a page (not a script calling the API): it gets the login page instead of JSON. */
  private static boolean isPage(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return (path.startsWith("/dashboard") || path.startsWith("/plans/")) && "GET".equals(request.getMethod());
  }

  /** The user of the Basic credentials; the login throttle refuses a locked account or address (Locked) and counts the answer. */
  private Optional<CurrentUser> fromBasic(String header, String address) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String userId = decoded.substring(0, colon);
    throttle.check(userId, address);
    if (!identity.checkPassword(userId, decoded.substring(colon + 1))) {
      throttle.failed(userId, address);
      return Optional.empty();
    }
    throttle.succeeded(userId);
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    return Optional.of(new CurrentUser(userId, groups));
  }

  private static void reject(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"error\":\"" + message.replace("\"", "'") + "\"}");
  }
}

package org.duban.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.StringTokenizer;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' login form (POST …/api/admin/auth/user/{engine}/login/{app}, form fields username and
 * password) through the login throttle: a locked account or address is refused before the password
 * is checked; afterwards the answer counts (200 the right password, 401 a wrong one). The body is
 * read here and handed on unchanged, and the user name is read from it as Jersey reads the form for
 * Camunda's login resource, so that both see the same name.
 */
class WebappLoginFilter extends OncePerRequestFilter {
  /** The Tasklist form sends well under a kilobyte. */
  private static final int MAX_BODY = 16 * 1024;

  private final LoginThrottle throttle;

  WebappLoginFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // the decoded path without ;parameters, as the login resource is matched (logout is a POST too)
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return !"POST".equalsIgnoreCase(request.getMethod()) || !path.contains("/login/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    MediaType type;
    Charset charset;
    try {
      type = MediaType.parseMediaType(request.getContentType());
      charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
    } catch (RuntimeException e) {
      type = null;
      charset = null;
    }
    if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
      throttle.answer(response, 415, "登录请求须以表单（application/x-www-form-urlencoded）提交用户名和密码。");
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throttle.answer(response, 413, "登录请求过大。");
      return;
    }
    String user;
    try {
      user = username(new String(body, charset), charset);
    } catch (IllegalArgumentException e) {
      throttle.answer(response, 400, "登录请求的表单格式有误。");
      return;
    }
    String address = request.getRemoteAddr();
    try {
      throttle.check(user, address);
    } catch (LoginThrottle.Locked locked) {
      throttle.refuse(response, locked);
      return;
    }
    chain.doFilter(new ReplayedBody(request, body), response);
    if (response.getStatus() == HttpServletResponse.SC_OK) {
      throttle.succeeded(user);
    } else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(user, address);
    }
  }

  /** The first "username" of the form, as Jersey's form provider splits and decodes it (null when absent). */
  private static String username(String form, Charset charset) {
    StringTokenizer tokens = new StringTokenizer(form, "&");
    while (tokens.hasMoreTokens()) {
      String token = tokens.nextToken();
      int eq = token.indexOf('=');
      if (eq < 0 && URLDecoder.decode(token, charset).equals("username")) {
        return null;
      }
      if (eq > 0 && URLDecoder.decode(token.substring(0, eq), charset).equals("username")) {
        return URLDecoder.decode(token.substring(eq + 1), charset);
      }
    }
    return null;
  }
}

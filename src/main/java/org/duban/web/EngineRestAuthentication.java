package org.duban.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * Camunda's /engine-rest authentication as it is (HTTP Basic only; the engine authentication it sets
 * for the request, groups and tenants included), with the login throttle on the user name Camunda
 * itself read from the header: a locked account or address gets 429 instead of Camunda's 401, the
 * right password too, and every answer of a password check is counted.
 */
class EngineRestAuthentication extends ProcessEngineAuthenticationFilter {
  private static final String LOCKED = EngineRestAuthentication.class.getName() + ".locked";

  private final LoginThrottle throttle;

  EngineRestAuthentication(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    super.init(config);
    authenticationProvider = new HttpBasicAuthenticationProvider() {
      @Override
      public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        AuthenticationResult result = super.extractAuthenticatedUser(request, engine);
        String user = result.getAuthenticatedUser();
        if (user == null) {
          return result; // no Basic credentials: Camunda's 401 with its challenge
        }
        try {
          throttle.check(user, request.getRemoteAddr());
        } catch (LoginThrottle.Locked locked) {
          request.setAttribute(LOCKED, locked);
          return AuthenticationResult.unsuccessful(user);
        }
        if (result.isAuthenticated()) {
          throttle.succeeded(user);
        } else {
          throttle.failed(user, request.getRemoteAddr());
        }
        return result;
      }
    };
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    super.doFilter(request, response, chain);
    if (request.getAttribute(LOCKED) instanceof LoginThrottle.Locked locked && !response.isCommitted()) {
      response.reset(); // Camunda's 401 and Basic challenge: nothing written yet
      throttle.refuse((HttpServletResponse) response, locked);
    }
  }
}

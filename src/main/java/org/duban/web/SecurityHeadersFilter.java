package org.duban.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers Camunda's webapps send (camunda.bpm.webapp.header-security), on Duban's own pages, API
 * and assets, set before anything answers so that refusals and errors carry them too: no framing by
 * anybody (Camunda's frame-ancestors 'none'), no MIME sniffing, no address sent to other sites, and
 * a Content-Security-Policy the dashboard and the plan preview work under. Their scripts are files of
 * the application (no inline script, no inline handler, no eval; the preview has none), but the
 * template (the stage progress bars) and ECharts' tooltips write inline style attributes, hence
 * style-src 'unsafe-inline'.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    chain.doFilter(request, response);
  }
}

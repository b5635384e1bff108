package org.duban.web;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Nothing answers without a login: /engine-rest by HTTP Basic, Duban's /api, /items, its pages and /actuator by
 * session or Basic. Only the probes /livez and /readyz are open.
 */
@Configuration
@EnableConfigurationProperties(LoginSettings.class)
class SecurityConfiguration {
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(LoginThrottle throttle) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> bean =
        new FilterRegistrationBean<>(new EngineRestAuthentication(throttle));
    bean.setName("engine-rest-authentication");
    bean.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    bean.addUrlPatterns("/engine-rest/*");
    // before system.TaskGuard, which needs to know who is calling
    bean.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
    return bean;
  }

  /**
   * Also Spring Boot Actuator on the application's port, for the administrator only. The probes a load
   * balancer asks without a login are /livez and /readyz, outside it; on a separate management.server.port
   * the actuator has a server of its own, which this filter does not guard (README, "Operations").
   */
  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(ProcessEngine engine, LoginThrottle throttle,
      @Value("${management.endpoints.web.base-path:/actuator}") String actuator) {
    FilterRegistrationBean<ApiAuthenticationFilter> bean =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(engine, throttle, actuator));
    bean.setName("duban-api-authentication");
    bean.addUrlPatterns("/api/*", "/items/*", "/dashboard", "/dashboard/*", "/plans/*", actuator, actuator + "/*");
    return bean;
  }

  // Logins and headers (issue 9): the webapps' login form through the login throttle (the other two
  // doors, /engine-rest and /api, ask it above), and Camunda's security headers on Duban's own paths.

  @Bean
  FilterRegistrationBean<WebappLoginFilter> webappLogin(LoginThrottle throttle,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapps) {
    FilterRegistrationBean<WebappLoginFilter> bean = new FilterRegistrationBean<>(new WebappLoginFilter(throttle));
    bean.setName("duban-webapp-login");
    bean.addUrlPatterns(webapps + "/api/admin/auth/user/*");
    return bean;
  }

  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
    FilterRegistrationBean<SecurityHeadersFilter> bean = new FilterRegistrationBean<>(new SecurityHeadersFilter());
    bean.setName("duban-security-headers");
    bean.addUrlPatterns("/api/*", "/items/*", "/dashboard", "/dashboard/*", "/plans/*", "/reporting/*", "/preview/*", "/vendor/*");
    // before the login filters, so that their refusals carry the headers too
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return bean;
  }
}

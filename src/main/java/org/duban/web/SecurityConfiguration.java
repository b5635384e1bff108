package org.duban.web;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Nothing answers without a login: /engine-rest by HTTP Basic, Duban's /api, /items and /dashboard by session or Basic. */
@Configuration
class SecurityConfiguration {
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> bean =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    bean.setName("engine-rest-authentication");
    bean.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    bean.addUrlPatterns("/engine-rest/*");
    // before system.TaskGuard, which needs to know who is calling
    bean.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
    return bean;
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(ProcessEngine engine) {
    FilterRegistrationBean<ApiAuthenticationFilter> bean = new FilterRegistrationBean<>(new ApiAuthenticationFilter(engine));
    bean.setName("duban-api-authentication");
    bean.addUrlPatterns("/api/*", "/items/*", "/dashboard", "/dashboard/*");
    return bean;
  }
}

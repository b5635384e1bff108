package org.duban.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The task guard on both engine REST APIs, after their authentication. */
@Configuration
class GuardConfiguration {
  @Bean
  FilterRegistrationBean<TaskGuard> taskGuard(ProcessEngine engine, ObjectMapper json) {
    FilterRegistrationBean<TaskGuard> bean = new FilterRegistrationBean<>(new TaskGuard(engine, json));
    bean.setName("duban-task-guard");
    bean.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    bean.setOrder(Ordered.LOWEST_PRECEDENCE);
    return bean;
  }
}

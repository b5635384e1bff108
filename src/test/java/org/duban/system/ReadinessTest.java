package org.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.duban.support.Http;
import org.duban.support.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real start, with the job executor and a management port of its own: /readyz says OUT_OF_SERVICE
 * (503) while DubanStartup has yet to create the users, and Spring Boot turns readiness to
 * ACCEPTING_TRAFFIC only once the users, grants, filters and processes are there and the job executor
 * runs. Actuator then answers on the management port without a login (it is for the operations network),
 * and the application's port keeps only the probes.
 */
@Tag("ops") // a JVM of its own (pom.xml, surefire execution "ops")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:duban-ops;DB_CLOSE_DELAY=-1",
    "duban.demo.password=demo",
    "duban.demo.start-campaign=false",
    "management.server.port=0",
    "management.prometheus.metrics.export.enabled=true"})
@Import(ReadinessTest.Recorder.class)
class ReadinessTest {
  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired Recorder recorder;

  @DynamicPropertySource
  static void evidenceDir(DynamicPropertyRegistry registry) {
    registry.add("duban.evidence.dir", TestData::evidenceDir);
  }

  /**
   * What the application looked like at two moments of its start: as the ApplicationRunners begin (this
   * one first, DubanStartup after it), and when Spring Boot publishes ACCEPTING_TRAFFIC.
   */
  @TestConfiguration
  static class Recorder implements ApplicationRunner, Ordered {
    final Map<String, Object> beforeStartup = new ConcurrentHashMap<>();
    final Map<String, Object> whenReady = new ConcurrentHashMap<>();
    private final ProcessEngine engine;
    private final ApplicationAvailability availability;
    private final Environment environment;

    Recorder(ProcessEngine engine, ApplicationAvailability availability, Environment environment) {
      this.engine = engine;
      this.availability = availability;
      this.environment = environment;
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The web server answers already. */
    @Override
    public void run(ApplicationArguments args) {
      Http http = Http.anonymous(Integer.parseInt(environment.getProperty("local.server.port")));
      beforeStartup.put("readyz", http.get("/readyz").status());
      beforeStartup.put("livez", http.get("/livez").status());
      beforeStartup.put("readiness", availability.getReadinessState());
      record(beforeStartup);
    }

    @EventListener
    void availabilityChanged(AvailabilityChangeEvent<ReadinessState> event) {
      if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
        record(whenReady);
      }
    }

    private void record(Map<String, Object> facts) {
      facts.put("users", engine.getIdentityService().createUserQuery().userId("head-party-committee").count());
      facts.put("grants", engine.getAuthorizationService().createAuthorizationQuery().groupIdIn("party-committee").count());
      facts.put("filters", engine.getFilterService().createFilterQuery().count());
      facts.put("processes", engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("supervised-item").count());
      facts.put("jobExecutor", ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().isActive());
    }
  }

  @Test
  void readyOnlyOnceDubanStartupIsDoneAndTheJobExecutorRuns() {
    assertThat(recorder.beforeStartup).containsEntry("readyz", 503).containsEntry("livez", 200)
        .containsEntry("readiness", ReadinessState.REFUSING_TRAFFIC)
        .containsEntry("users", 0L).containsEntry("grants", 0L).containsEntry("filters", 0L).containsEntry("processes", 0L)
        .containsEntry("jobExecutor", false);
    assertThat(recorder.whenReady).containsEntry("users", 1L).containsEntry("processes", 1L).containsEntry("jobExecutor", true);
    assertThat((Long) recorder.whenReady.get("grants")).isPositive();
    assertThat((Long) recorder.whenReady.get("filters")).isPositive();

    assertThat(Http.anonymous(port).get("/readyz").body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(Http.anonymous(port).get("/livez").body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void actuatorAnswersOnTheManagementPortAndNotOnTheApplicationsPort() {
    Http.Response readiness = Http.anonymous(managementPort).get("/actuator/health/readiness");
    assertThat(readiness.status()).isEqualTo(200);
    Http.Response health = Http.anonymous(managementPort).get("/actuator/health");
    assertThat(health.json().path("components").path("jobExecutor").path("status").asText()).isEqualTo("UP");
    Http.Response metrics = Http.anonymous(managementPort).get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("duban_items_open{department=\"air\"} 0.0", "jvm_memory_used_bytes");

    assertThat(Http.basic(port, "admin", "demo").get("/actuator/prometheus").status()).isEqualTo(404);
    assertThat(Http.basic(port, "office", "demo").get("/actuator/prometheus").status()).isEqualTo(403);
  }
}

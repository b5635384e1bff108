package org.duban.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.duban.campaign.CampaignService;
import org.duban.support.BureauFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A city's launch (issue 11): a bureau of {@code benchmark.departments} departments (default
 * 1,000) and a plan whose preparation stage has 13 items, each led by one department and assisted
 * by all the others — 13,000 supervised items at 1,000 departments. Measured, in one JVM, engine and
 * database: from the campaign's start until every item exists with its task and its alert timer,
 * and the incidents (must be 0); then the bare engine creating as many user tasks, one process
 * instance each (BASELINES.md's first row), for the ratio. Also 100 departments × 13 in the same run.
 * Prints the figures; asserts only correctness.
 */
@Tag("benchmark")
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:duban-launch;DB_CLOSE_DELAY=-1",
    "duban.demo.password=demo",
    "duban.demo.start-campaign=false",
    "logging.level.org.camunda=warn",
    "logging.level.org.duban=warn"})
class LaunchBenchmark {
  private static final int DEPARTMENTS = Integer.getInteger("benchmark.departments", 1000);
  private static final int ITEMS = 13;
  private static final LocalDate START = LocalDate.of(2026, 3, 2);
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  @Autowired CampaignService campaigns;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.HistoryService history;

  /** The bureau and its two plans, written for this run: the calendar is the project's. */
  @DynamicPropertySource
  static void config(DynamicPropertyRegistry registry) {
    Path dir = BureauFiles.write(organization(DEPARTMENTS), Map.of("launch-all.yaml", plan("launch-all", DEPARTMENTS),
        "launch-100.yaml", plan("launch-100", Math.min(100, DEPARTMENTS))));
    registry.add("duban.config-dir", dir::toString);
  }

  private static String department(int i) {
    return String.format("d%04d", i);
  }

  static String organization(int n) {
    StringBuilder y = new StringBuilder("bureau: 基准测试市生态环境局\nleaders:\n"
        + "  - {id: leader, name: 局长, title: 局长, email: leader@bench.local}\n"
        + "  - {id: deputy, name: 副局长, title: 副局长, email: deputy@bench.local}\n"
        + "leadingGroup: {head: leader, deputies: [deputy]}\n"
        + "creationOffice:\n  director: {id: director, name: 主任, email: director@bench.local}\n"
        + "  staff:\n    - {id: office, name: 创建办, email: office@bench.local}\n"
        + "administrators:\n  - {id: admin, name: 系统管理员, email: admin@bench.local}\n"
        + "departments:\n");
    for (int i = 1; i <= n; i++) {
      String d = department(i);
      y.append("  - {id: ").append(d).append(", name: 单位").append(d).append(", kind: 处室, deputy: deputy, head: {id: head-")
          .append(d).append(", name: 负责人").append(d).append(", email: head-").append(d).append("@bench.local}}\n");
    }
    return y.toString();
  }

  static String plan(String id, int departments) {
    return BureauFiles.plan(id, IntStream.rangeClosed(1, departments).mapToObj(LaunchBenchmark::department).toList(), ITEMS);
  }

  private long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  /** Seconds until the campaign's preparation items all exist with their 办理 task and alert timer. */
  private double launch(String planId, int departments) throws InterruptedException {
    long expected = (long) departments * ITEMS;
    long t0 = System.nanoTime();
    String campaignId = campaigns.start(planId, START);
    while (true) {
      long created = count("select count(*) from supervised_item where campaign_id = ?", campaignId);
      long timers = count("select count(*) from act_ru_job j join supervised_item i on i.process_instance_id = j.process_instance_id_"
          + " where i.campaign_id = ? and j.type_ = 'timer'", campaignId);
      long tasks = count("select count(*) from act_ru_task t join supervised_item i on i.process_instance_id = t.proc_inst_id_"
          + " where i.campaign_id = ?", campaignId);
      if (created == expected && timers == expected && tasks == expected) {
        break;
      }
      assertThat(System.nanoTime() - t0).as("%s: %d of %d items after %s", planId, created, expected, TIMEOUT)
          .isLessThan(TIMEOUT.toNanos());
      assertThat(runtime.createIncidentQuery().count()).as("incidents while launching %s", planId).isZero();
      Thread.sleep(200);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The bare engine: start → user task (candidate group, due date) → end, one instance per task. */
  private double bare(int n) {
    BpmnModelInstance model = Bpmn.createExecutableProcess("bare-task").camundaHistoryTimeToLive(1)
        .startEvent().userTask("Task_Bare").camundaCandidateGroups("${group}").camundaDueDate("${due}").endEvent().done();
    repository.createDeployment().addModelInstance("bare-task.bpmn", model).deploy();
    java.util.Date due = java.util.Date.from(START.plusDays(20).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      runtime.startProcessInstanceByKey("bare-task", java.util.Map.of("group", department(i % DEPARTMENTS + 1), "due", due));
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  @Test
  void aCitysLaunch() throws Exception {
    ClockUtil.setCurrentTime(java.util.Date.from(START.atTime(8, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant()));
    try {
      int small = Math.min(100, DEPARTMENTS);
      double c0 = cpuSeconds();
      double smallSeconds = launch("launch-100", small);
      double c1 = cpuSeconds();
      double allSeconds = launch("launch-all", DEPARTMENTS);
      double c2 = cpuSeconds();
      double bareSeconds = bare(DEPARTMENTS * ITEMS);
      double c3 = cpuSeconds();
      long incidents = runtime.createIncidentQuery().count();
      long launchJobs = history.createHistoricJobLogQuery().creationLog().processDefinitionKey("campaign-stage").count();
      System.out.printf("%n## Launch (issue 11): %d departments × %d items%n", DEPARTMENTS, ITEMS);
      System.out.printf("# JVM: %d processors, max heap %d MB; job executor as in application.yaml%n",
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1024 / 1024);
      System.out.println("| launch | items | seconds | items/s | CPU s (this JVM) | bare engine, same number of user tasks | Duban / bare |");
      System.out.println("|---|---|---|---|---|---|---|");
      System.out.printf("| %d × %d | %d | %.1f | %.0f | %.1f | – | |%n", small, ITEMS, small * ITEMS, smallSeconds,
          small * ITEMS / smallSeconds, c1 - c0);
      System.out.printf("| %d × %d | %d | %.1f | %.0f | %.1f | %.1f s (%.0f/s, CPU %.1f s) | %.2f× |%n", DEPARTMENTS, ITEMS,
          DEPARTMENTS * ITEMS, allSeconds, DEPARTMENTS * ITEMS / allSeconds, c2 - c1, bareSeconds, DEPARTMENTS * ITEMS / bareSeconds,
          c3 - c2, allSeconds / bareSeconds);
      System.out.printf("| incidents | %d | stage jobs created (both campaigns) | %d | | | |%n", incidents, launchJobs);
      assertThat(incidents).isZero();
    } finally {
      ClockUtil.reset();
    }
  }
}

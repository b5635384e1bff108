package org.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.Job;
import org.duban.campaign.CampaignProcess;
import org.duban.supervision.ItemLogContext;
import org.duban.supervision.ItemRole;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Operations on the application's own port (README, "Operations"): the open probes, the rest of Actuator
 * for the administrator only, Duban's gauges against a known scenario, the log context of an alert job,
 * the demo's ready line and the history cleanup's night window. The readiness order at startup, with the
 * real job executor and a management port, is {@link ReadinessTest}'s.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest extends ProcessTest {
  @Autowired DubanStartup startup;

  @Test
  void probesAnswerWithoutALoginAndSayNothingButTheirStatus() {
    for (String probe : List.of("/livez", "/readyz")) {
      Http.Response r = Http.anonymous(port).get(probe);
      assertThat(r.status()).as(probe).isEqualTo(200);
      assertThat(r.json().fieldNames()).toIterable().as(probe + ": no details for anybody").containsExactly("status");
      assertThat(r.json().path("status").asText()).isEqualTo("UP");
    }
  }

  @Test
  void actuatorIsTheAdministratorsByBasicOrTasklistSessionAndRefusedInChineseToEverybodyElse() {
    Http.Response health = Http.basic(port, "admin", "demo").get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("components").path("db").path("status").asText()).isEqualTo("UP");
    // no spring.mail.host here: the outbox keeps the mails, which is no failure
    assertThat(health.json().path("components").path("mail").path("status").asText()).isEqualTo("UNKNOWN");
    assertThat(health.json().path("components").path("mail").path("details").path("smtp").asText()).contains("未配置");
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
    assertThat(Http.tasklistSession(port, "admin", "demo").get("/actuator/prometheus").status()).isEqualTo(200);

    for (Http user : List.of(Http.basic(port, "office", "demo"), Http.tasklistSession(port, "director", "demo"))) {
      // a path parameter (";x") does not lead around the rule: Spring MVC would map it to the endpoint all the same
      for (String path : List.of("/actuator/prometheus", "/actuator;x/prometheus", "/actuator/health;x")) {
        Http.Response refused = user.get(path);
        assertThat(refused.status()).as(path).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("运行监控（/actuator）仅限系统管理员（camunda-admin）访问。");
      }
    }
    Http.Response anonymous = Http.anonymous(port).get("/actuator/health/readiness");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().path("error").asText()).startsWith("请先登录");
  }

  /**
   * Campaign started on Monday 2026-03-02; on Friday the 13th every preparation item due by the 12th has
   * been submitted except one lead item of 机关党委: that one alone is overdue.
   */
  @Test
  void gaugesCountTheScenarioAndAnAlertJobLogsWhatItIsAbout(CapturedOutput output) {
    String campaign = startCampaign(TODAY);
    List<SupervisedItem> preparation = itemsOf(campaign, CampaignProcess.PREPARATION);
    SupervisedItem late = preparation.stream()
        .filter(i -> i.departmentId().equals("party-committee") && i.role() == ItemRole.LEAD)
        .min((a, b) -> a.dueDate().compareTo(b.dueDate())).orElseThrow();
    LocalDate friday = LocalDate.of(2026, 3, 13);
    assertThat(late.dueDate()).isBefore(friday);
    preparation.stream().filter(i -> !i.serial().equals(late.serial()) && i.dueDate().isBefore(friday))
        .forEach(i -> submit(i, "已按要求完成，相关材料已归档备查。"));
    moveTo(friday, 10);

    String before = scrape();
    assertThat(value(before, "duban_items_launched", "campaign=\"" + campaign + "\",stage=\"preparation\"")).isEqualTo(preparation.size());
    Map<String, Long> open = items.ofStage(campaign, CampaignProcess.PREPARATION).stream().filter(SupervisedItem::isOpen)
        .collect(Collectors.groupingBy(SupervisedItem::departmentId, TreeMap::new, Collectors.counting()));
    config.organization().departments().forEach(d -> {
      assertThat(value(before, "duban_items_open", "department=\"" + d.id() + "\"")).as(d.id()).isEqualTo((double) open.getOrDefault(d.id(), 0L));
      assertThat(value(before, "duban_items_overdue", "department=\"" + d.id() + "\"")).as(d.id())
          .isEqualTo(d.id().equals("party-committee") ? 1 : 0);
    });
    long due = management.createJobQuery().executable().count();
    assertThat(due).as("the alert timers that came due").isPositive();
    assertThat(value(before, "duban_jobs_executable", "")).isEqualTo(due);
    assertThat(value(before, "duban_mails", "status=\"pending\"")).isZero();
    assertThat(value(before, "duban_incidents", "")).isZero();

    runJobs(); // the alert jobs, as the job executor would run them: the escalation of the late item among them
    String after = scrape();
    long pending = jdbc.sql("select count(*) from notification where status = 'PENDING'").query(Long.class).single();
    assertThat(pending).as("without SMTP every mail waits in the outbox").isPositive();
    assertThat(value(after, "duban_mails", "status=\"pending\"")).isEqualTo(pending);
    for (String status : List.of("sent", "failed", "no_address")) {
      assertThat(value(after, "duban_mails", "status=\"" + status + "\"")).as(status).isZero();
    }
    assertThat(value(after, "duban_jobs_executable", "")).isZero();

    Job alertJob = management.createJobQuery().processInstanceId(late.processInstanceId()).singleResult();
    runtime.createIncident("failedJob", alertJob.getExecutionId(), alertJob.getId(), "测试用的事故");
    assertThat(value(scrape(), "duban_incidents", "")).isEqualTo(1);

    List<String> raised = output.getOut().lines().filter(l -> l.contains("Alert raised: 1级预警")).toList();
    assertThat(raised).as("the late item's escalation, logged with its campaign, serial and department")
        .anyMatch(l -> l.contains("[" + campaign + " " + late.serial() + " party-committee] ") && l.contains("ItemAlerts"));
    assertThat(MDC.get(ItemLogContext.ITEM)).as("the job's thread keeps nothing of it").isNull();
    assertThat(output.getOut().lines().filter(l -> l.contains("Duban's metrics left out"))).isEmpty();
  }

  @Test
  void theDemoSaysWhereToLogInOnceReady(CapturedOutput output) throws Exception {
    startup.run(new DefaultApplicationArguments());
    List<String> ready = output.getOut().lines().filter(l -> l.contains("督办系统已就绪")).toList();
    assertThat(ready.get(ready.size() - 1)).contains(" INFO ", "督办系统已就绪: http://localhost:" + port
        + "/ — 演示用户（密码 demo）: head-general-office（各部门 head-<部门 id>、liaison-<部门 id>）, office, director, leader, admin");
  }

  @Test
  void historyCleanupWaitsForOneOClockAtNightInShanghai() {
    // the clock says Monday 2026-03-02 10:00 in Shanghai (the JVM runs in Los Angeles): the next window opens on Tuesday
    Job cleanup = history.cleanUpHistoryAsync();
    assertThat(cleanup.getDuedate().toInstant()).isEqualTo(OffsetDateTime.parse("2026-03-03T01:00+08:00").toInstant());
  }

  private String scrape() {
    Http.Response r = Http.basic(port, "admin", "demo").get("/actuator/prometheus");
    assertThat(r.status()).isEqualTo(200);
    return r.body();
  }

  /** The value of one series of the Prometheus text format, e.g. {@code duban_items_open{department="air"} 2.0}. */
  private static double value(String scrape, String name, String labels) {
    String series = labels.isEmpty() ? name : name + "{" + labels + "}";
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
    assertThat(m.find()).as(series + " in\n" + scrape.lines().filter(l -> l.startsWith("duban_")).collect(Collectors.joining("\n"))).isTrue();
    return Double.parseDouble(m.group(1));
  }
}

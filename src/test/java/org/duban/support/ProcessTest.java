package org.duban.support;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignService;
import org.duban.plan.BureauConfig;
import org.duban.plan.Evaluation;
import org.duban.evidence.EvidenceFile;
import org.duban.evidence.EvidenceStore;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.ItemRole;
import org.duban.supervision.SupervisedItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Process tests on the real engine and an in-memory H2 database, with the job executor off:
 * a test runs jobs itself ({@link #runJobs()}) and moves time with ClockUtil ({@link #moveTo}).
 * Every test starts from an empty campaign state and the real users of config/organization.yaml.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:duban-process;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "duban.demo.password=demo",
    "duban.demo.start-campaign=false",
    // Spring Boot's tests switch metrics export off; /actuator/prometheus is under test (OperationsTest, AccessMatrixTest)
    "management.prometheus.metrics.export.enabled=true",
    // refused user input is the expected outcome of some tests: keep the engine from logging it as an error
    "logging.level.org.camunda.bpm.engine.context=off"})
public abstract class ProcessTest {
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected ManagementService management;
  @Autowired protected HistoryService history;
  @Autowired protected IdentityService identity;
  @Autowired protected ItemRepository items;
  @Autowired protected CampaignService campaigns;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected BureauConfig config;
  @Autowired protected EvidenceStore evidence;
  @org.springframework.boot.test.web.server.LocalServerPort protected int port;

  /** Evidence files of the tests go to a directory of their own, never to ./data/evidence. */
  @DynamicPropertySource
  static void evidenceDir(DynamicPropertyRegistry registry) {
    registry.add("duban.evidence.dir", TestData::evidenceDir);
  }

  /** A fixed "today" for every test: Monday 2026-03-02, 10:00 in Shanghai. */
  protected static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  @BeforeEach
  void resetState() {
    ClockUtil.setCurrentTime(at(TODAY, 10));
    TestData.reset(runtime, management, jdbc);
  }

  @AfterEach
  void resetClock() {
    identity.clearAuthentication();
    ClockUtil.reset();
  }

  protected static Date at(LocalDate day, int hour) {
    return Date.from(ZonedDateTime.of(day.atTime(hour, 0), Deadlines.ZONE).toInstant());
  }

  protected void moveTo(LocalDate day, int hour) {
    ClockUtil.setCurrentTime(at(day, hour));
  }

  /** Runs every job that is due now, including the ones those jobs create, as the job executor would. */
  protected int runJobs() {
    int executed = 0;
    for (int round = 0; round < 1000; round++) {
      List<Job> due = management.createJobQuery().executable().list();
      if (due.isEmpty()) {
        return executed;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
        executed++;
      }
    }
    throw new AssertionError("jobs keep coming after 1000 rounds");
  }

  protected String startCampaign(LocalDate start) {
    String id = campaigns.start("civilized-unit", start);
    runJobs();
    return id;
  }

  protected List<SupervisedItem> itemsOf(String campaignId, String stageId) {
    return items.ofStage(campaignId, stageId);
  }

  protected Task handleTask(SupervisedItem item) {
    return tasks.createTaskQuery().processInstanceId(item.processInstanceId())
        .taskDefinitionKey(ItemProcess.TASK_HANDLE).singleResult();
  }

  protected Task reviewTask(SupervisedItem item) {
    return tasks.createTaskQuery().processInstanceId(item.processInstanceId())
        .taskDefinitionKey(ItemProcess.TASK_REVIEW).singleResult();
  }

  /** The department's head attaches a small PDF to the item, as the form's upload does (without the HTTP part). */
  protected EvidenceFile attachEvidence(SupervisedItem item) {
    return evidence.store(item.serial(), "佐证材料-" + item.serial() + ".pdf",
        new ByteArrayInputStream(TestData.SMALL_PDF), "head-" + item.departmentId(), null);
  }

  /**
   * The department's head signs for the item and submits a report, as in Tasklist; a lead item gets
   * a file of evidence first when it has none (its plan item names the evidence it needs).
   */
  protected void submit(SupervisedItem item, String report) {
    if (item.role() == ItemRole.LEAD && evidence.countOf(item.serial()) == 0) {
      attachEvidence(item);
    }
    Task task = handleTask(item);
    asUser("head-" + item.departmentId(), () -> {
      tasks.claim(task.getId(), "head-" + item.departmentId());
      tasks.complete(task.getId(), Map.of(ItemProcess.Var.REPORT, report));
    });
  }

  protected void review(SupervisedItem item, boolean accepted, String comment) {
    Task task = reviewTask(item);
    asUser("office", () -> {
      tasks.claim(task.getId(), "office");
      tasks.complete(task.getId(), comment == null
          ? Map.of(ItemProcess.Var.ACCEPTED, accepted)
          : Map.of(ItemProcess.Var.ACCEPTED, accepted, ItemProcess.Var.REVIEW_COMMENT, comment));
    });
  }

  /** A department's self-check: every own evaluation item graded as {@code grade} says (null: full marks). */
  protected void submitSelfCheck(SupervisedItem item, Function<Evaluation.Numbered, Map<String, Object>> grade) {
    Evaluation evaluation = config.evaluation("civilized-unit").orElseThrow();
    List<Map<String, Object>> scores = new ArrayList<>();
    for (Evaluation.Numbered n : evaluation.numbered()) {
      if (n.criterion().owner().equals(item.departmentId())) {
        Map<String, Object> score = new LinkedHashMap<>(Map.of("criterion", n.criterion().id(), "grade", "A"));
        Map<String, Object> given = grade.apply(n);
        if (given != null) {
          score.putAll(given);
        }
        scores.add(score);
      }
    }
    submitSelfCheckJson(item, toJson(Map.of("scores", scores)));
  }

  protected void submitSelfCheckJson(SupervisedItem item, String json) {
    Task task = handleTask(item);
    asUser("head-" + item.departmentId(), () -> {
      tasks.claim(task.getId(), "head-" + item.departmentId());
      tasks.complete(task.getId(), Map.of(ItemProcess.Var.REPORT, "自查评分已完成，详见评分表。", ItemProcess.Var.SELF_SCORES, json));
    });
  }

  protected static String toJson(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** Submits and accepts every open item of the stage; assisting items close on submission. */
  protected void closeAll(String campaignId, String stageId) {
    for (SupervisedItem item : itemsOf(campaignId, stageId)) {
      if (item.isOpen() && Evaluation.SCORING_PLAN_ITEM.equals(item.planItemId())) {
        submitSelfCheck(item, n -> null);
        review(items.find(item.serial()).orElseThrow(), true, null);
      } else if (item.isOpen()) {
        submit(item, "已按要求完成，相关材料已归档备查。");
        if (item.role() == ItemRole.LEAD) {
          review(items.find(item.serial()).orElseThrow(), true, null);
        }
      }
    }
    runJobs();
  }

  protected void asUser(String userId, Runnable action) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    identity.setAuthentication(userId, groups);
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
    }
  }
}

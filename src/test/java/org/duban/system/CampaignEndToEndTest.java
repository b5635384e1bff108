package org.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.duban.campaign.CampaignProcess;
import org.duban.plan.BureauConfig;
import org.duban.plan.Plan;
import org.duban.supervision.ItemProcess;
import org.duban.support.Http;
import org.duban.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole spine over REST as its users drive it, with the real job executor: the director starts
 * the campaign, heads complete their items, the office reviews, the director approves two stage gates.
 * Runs on H2 ({@link H2CampaignEndToEndTest}) and on PostgreSQL ({@link PostgresCampaignEndToEndTest}).
 */
@org.junit.jupiter.api.Tag("e2e")
abstract class CampaignEndToEndTest {
  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired BureauConfig config;

  Http director;
  Http office;

  @DynamicPropertySource
  static void evidenceDir(DynamicPropertyRegistry registry) {
    registry.add("duban.evidence.dir", TestData::evidenceDir);
  }

  @BeforeEach
  void emptyDatabase() {
    TestData.reset(runtime, management, jdbc);
    director = Http.basic(port, "director", "demo");
    office = Http.basic(port, "office", "demo");
  }

  private Plan.Stage stage(String id) {
    return config.plan("civilized-unit").orElseThrow().requireStage(id);
  }

  private int expectedItems(String stageId) {
    return stage(stageId).items().stream().mapToInt(i -> i.departments().size()).sum();
  }

  private JsonNode itemsOf(String stageId) {
    return office.get("/api/items?stageId=" + stageId).json();
  }

  private JsonNode await(String what, java.util.function.Supplier<JsonNode> poll, java.util.function.Predicate<JsonNode> done) {
    List<JsonNode> last = new ArrayList<>(1);
    org.awaitility.Awaitility.await().alias(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
      JsonNode n = poll.get();
      last.add(0, n);
      return done.test(n);
    });
    return last.get(0);
  }

  /** Every item of the stage done the Tasklist way: the head claims and completes, the office accepts. */
  private void completeStage(String stageId) {
    for (JsonNode item : itemsOf(stageId)) {
      Http head = Http.basic(port, "head-" + item.path("departmentId").asText(), "demo");
      String serial = item.path("serial").asText();
      JsonNode task = await("task of " + serial,
          () -> head.get("/engine-rest/task?processInstanceBusinessKey=" + serial).json(), n -> n.size() == 1).get(0);
      assertThat(task.path("name").asText()).startsWith(serial + " ");
      String id = task.path("id").asText();
      if (item.path("role").asText().equals("LEAD")) {
        // the plan names evidence for every item: the lead uploads a file before completing
        Http.Response uploaded = head.upload("/api/items/" + serial + "/evidence", Map.of(),
            new Http.Upload("佐证材料-" + serial + ".pdf", TestData.SMALL_PDF));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
      }
      assertThat(head.post("/engine-rest/task/" + id + "/claim", "{\"userId\":\"head-" + item.path("departmentId").asText() + "\"}").status()).isEqualTo(204);
      assertThat(head.post("/engine-rest/task/" + id + "/complete",
          "{\"variables\":{\"" + ItemProcess.Var.REPORT + "\":{\"value\":\"已按计划完成，材料已整理归档。\"}}}").status()).isEqualTo(204);
      if (item.path("role").asText().equals("LEAD")) {
        JsonNode review = await("review of " + serial,
            () -> office.get("/engine-rest/task?taskDefinitionKey=" + ItemProcess.TASK_REVIEW + "&processInstanceBusinessKey=" + serial).json(),
            n -> n.size() == 1).get(0);
        String rid = review.path("id").asText();
        assertThat(office.post("/engine-rest/task/" + rid + "/claim", "{\"userId\":\"office\"}").status()).isEqualTo(204);
        assertThat(office.post("/engine-rest/task/" + rid + "/complete",
            "{\"variables\":{\"" + ItemProcess.Var.ACCEPTED + "\":{\"value\":true,\"type\":\"Boolean\"}}}").status()).isEqualTo(204);
      }
    }
  }

  private void approveGate(String stageId) {
    JsonNode gate = await("gate of " + stageId,
        () -> director.get("/engine-rest/task?taskDefinitionKey=" + CampaignProcess.TASK_STAGE_GATE).json(), n -> n.size() == 1).get(0);
    assertThat(gate.path("name").asText()).contains(stage(stageId).name());
    String id = gate.path("id").asText();
    assertThat(director.post("/engine-rest/task/" + id + "/claim", "{\"userId\":\"director\"}").status()).isEqualTo(204);
    assertThat(director.post("/engine-rest/task/" + id + "/complete",
        "{\"variables\":{\"" + CampaignProcess.Var.GATE_APPROVED + "\":{\"value\":true,\"type\":\"Boolean\"}}}").status()).isEqualTo(204);
  }

  @Test
  void throughTwoStagesOverRest() {
    Http.Response started = director.post("/api/campaigns", "{\"planId\":\"civilized-unit\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String campaignId = started.json().path("id").asText();

    await("preparation items", () -> itemsOf(CampaignProcess.PREPARATION),
        n -> n.size() == expectedItems(CampaignProcess.PREPARATION));
    Http.Response twice = director.post("/api/campaigns", "{\"planId\":\"civilized-unit\"}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().path("error").asText()).contains("已有进行中的创建活动");

    completeStage(CampaignProcess.PREPARATION);
    await("preparation closed", () -> director.get("/api/campaigns/" + campaignId + "/stages/preparation/summary").json(),
        n -> n.path("open").asInt() == 0 && n.path("closed").asInt() == expectedItems(CampaignProcess.PREPARATION));
    approveGate(CampaignProcess.PREPARATION);

    await("mobilization items", () -> itemsOf(CampaignProcess.MOBILIZATION),
        n -> n.size() == expectedItems(CampaignProcess.MOBILIZATION));
    completeStage(CampaignProcess.MOBILIZATION);
    approveGate(CampaignProcess.MOBILIZATION);

    await("full-creation items", () -> itemsOf(CampaignProcess.FULL_CREATION),
        n -> n.size() == expectedItems(CampaignProcess.FULL_CREATION));
    JsonNode stages = director.get("/api/campaigns/" + campaignId).json().path("stages");
    assertThat(stages.size()).isEqualTo(3);
    assertThat(stages.get(0).path("decidedBy").asText()).isEqualTo("director");
    assertThat(management.createJobQuery().withException().count()).isZero();
  }

  @Test
  void adHocItemsAndBadInputOverRest() {
    assertThat(director.post("/api/campaigns", "{\"planId\":\"civilized-unit\"}").status()).isEqualTo(201);
    await("preparation items", () -> itemsOf(CampaignProcess.PREPARATION),
        n -> n.size() == expectedItems(CampaignProcess.PREPARATION));
    String due = org.duban.supervision.Deadlines.today().plusDays(7).toString();

    Http.Response added = office.post("/api/items", "{\"title\":\"落实领导小组会议决定：设立文明创建宣传栏\",\"lead\":\"publicity\","
        + "\"assisting\":[\"general-office\"],\"dueDate\":\"" + due + "\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().path("items").size()).isEqualTo(2);
    // a week from today may be a day off: then the item is due on the next working day, as the answer says
    String moved = added.json().path("dueDate").asText();
    assertThat(moved).isGreaterThanOrEqualTo(due);
    JsonNode task = await("ad-hoc task", () -> Http.basic(port, "head-publicity", "demo").get("/engine-rest/task").json(), n -> n.size() == 1).get(0);
    assertThat(task.path("name").asText()).endsWith("落实领导小组会议决定：设立文明创建宣传栏");
    assertThat(task.path("due").asText()).startsWith(moved);

    int before = office.get("/api/items").json().size();
    assertThat(office.post("/api/items", "{\"title\": ").status()).isEqualTo(400);
    Http.Response unknown = office.post("/api/items", "{\"title\":\"x\",\"lead\":\"no-such-dept\",\"dueDate\":\"" + due + "\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").asText()).contains("lead").contains("no-such-dept");
    Http.Response typo = office.post("/api/items", "{\"titel\":\"x\",\"lead\":\"air\",\"dueDate\":\"" + due + "\"}");
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.json().path("error").asText()).contains("titel");
    Http.Response badDate = office.post("/api/items", "{\"title\":\"x\",\"lead\":\"air\",\"dueDate\":\"next week\"}");
    assertThat(badDate.status()).isEqualTo(400);
    Http.Response wrongStage = office.post("/api/items", "{\"title\":\"x\",\"lead\":\"air\",\"stageId\":\"inspection\",\"dueDate\":\"" + due + "\"}");
    assertThat(wrongStage.status()).isEqualTo(400);
    assertThat(wrongStage.json().path("error").asText()).contains("当前阶段");
    assertThat(office.get("/api/items").json().size()).as("nothing stored by refused requests").isEqualTo(before);
    Http.Response unknownPlan = director.post("/api/campaigns", "{\"planId\":\"no-such-plan\"}");
    assertThat(unknownPlan.status()).isEqualTo(400);
    assertThat(unknownPlan.json().path("error").asText()).contains("no-such-plan");
  }
}

package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.supervision.ItemRole;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.duban.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A department head (head-general-office) against another department's (party-committee's) items,
 * over every door: /engine-rest, Tasklist's /camunda/api/engine and Duban's /api.
 */
class AuthorizationTest extends ProcessTest {
  private static final String OUTSIDER = "head-general-office";
  private SupervisedItem foreign;
  private Task foreignTask;
  private String campaignId;

  @BeforeEach
  void campaignWithItemsForBothDepartments() {
    campaignId = startCampaign(TODAY);
    foreign = itemsOf(campaignId, CampaignProcess.PREPARATION).stream()
        .filter(i -> i.departmentId().equals("party-committee") && i.role() == ItemRole.LEAD).findFirst().orElseThrow();
    foreignTask = handleTask(foreign);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.path(field).asText()));
    return values;
  }

  @Test
  void nothingAnswersWithoutALogin() {
    Http anonymous = Http.anonymous(port);
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-instance", "/api/items", "/api/campaigns",
        "/camunda/api/engine/engine/default/task", "/items/" + foreign.serial())) {
      assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
    }
    assertThat(anonymous.post("/api/campaigns", "{\"planId\":\"civilized-unit\"}").status()).isEqualTo(401);
    // (a wrong password locks the user for a while: spend it on a user no other test logs in with)
    assertThat(Http.basic(port, "head-soil", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(Http.basic(port, "nobody", "demo").get("/api/items").status()).isEqualTo(401);
  }

  @Test
  void engineRestShowsAndLetsAHeadWorkOnlyTheOwnDepartmentsTasks() {
    Http outsider = Http.basic(port, OUTSIDER, "demo");
    JsonNode list = outsider.get("/engine-rest/task").json();
    assertThat(list.size()).isPositive();
    list.forEach(t -> assertThat(tasks.getIdentityLinksForTask(t.path("id").asText()))
        .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("general-office")));
    assertThat(texts(list, "id")).doesNotContain(foreignTask.getId());

    assertThat(outsider.get("/engine-rest/task/" + foreignTask.getId()).status()).isIn(403, 404);
    assertThat(outsider.get("/engine-rest/task/" + foreignTask.getId() + "/variables").status()).isIn(403, 404);
    assertThat(outsider.post("/engine-rest/task/" + foreignTask.getId() + "/claim", "{\"userId\":\"" + OUTSIDER + "\"}").status()).isEqualTo(403);
    assertThat(outsider.post("/engine-rest/task/" + foreignTask.getId() + "/complete",
        "{\"variables\":{\"report\":{\"value\":\"冒名提交的办理情况，不应成功。\"}}}").status()).isEqualTo(403);
    assertThat(outsider.get("/engine-rest/process-instance").json().size()).isZero();
    assertThat(texts(outsider.get("/engine-rest/history/task").json(), "id")).doesNotContain(foreignTask.getId());
    assertThat(outsider.get("/engine-rest/history/task?processInstanceId=" + foreign.processInstanceId()).json().size()).isZero();
    assertThat(outsider.get("/engine-rest/history/variable-instance?processInstanceId=" + foreign.processInstanceId()).json().size()).isZero();
    assertThat(handleTask(foreign).getAssignee()).isNull();

    // the owner can: the positive control for the refusals above
    Http owner = Http.basic(port, "head-party-committee", "demo");
    assertThat(texts(owner.get("/engine-rest/task").json(), "id")).contains(foreignTask.getId());
    assertThat(owner.post("/engine-rest/task/" + foreignTask.getId() + "/claim", "{\"userId\":\"head-party-committee\"}").status()).isEqualTo(204);
    assertThat(owner.upload("/api/items/" + foreign.serial() + "/evidence", Map.of(),
        new Http.Upload("领导小组成立文件.pdf", TestData.SMALL_PDF)).status()).isEqualTo(201);
    assertThat(owner.post("/engine-rest/task/" + foreignTask.getId() + "/complete",
        "{\"variables\":{\"report\":{\"value\":\"领导小组成立文件已印发，名单已公布。\"}}}").status()).isEqualTo(204);
    assertThat(texts(owner.get("/engine-rest/history/task?processInstanceId=" + foreign.processInstanceId()).json(), "id"))
        .contains(foreignTask.getId());
  }

  @Test
  void tasklistsOwnApiAppliesTheSameAuthorizations() {
    Http outsider = Http.tasklistSession(port, OUTSIDER, "demo");
    JsonNode list = outsider.get("/camunda/api/engine/engine/default/task").json();
    assertThat(list.size()).isPositive();
    assertThat(texts(list, "id")).doesNotContain(foreignTask.getId());
    assertThat(outsider.get("/camunda/api/engine/engine/default/task/" + foreignTask.getId()).status()).isIn(403, 404);
    assertThat(outsider.post("/camunda/api/engine/engine/default/task/" + foreignTask.getId() + "/claim",
        "{\"userId\":\"" + OUTSIDER + "\"}").status()).isEqualTo(403);
    assertThat(handleTask(foreign).getAssignee()).isNull();
    // the same login opens Duban's own API: one login for Tasklist and the app
    JsonNode items = outsider.get("/api/items").json();
    assertThat(texts(items, "departmentId")).isNotEmpty().containsOnly("general-office");
  }

  @Test
  void dubanApiShowsOnlyTheOwnDepartmentAndRefusesOfficeWork() {
    Http outsider = Http.basic(port, OUTSIDER, "demo");
    assertThat(texts(outsider.get("/api/items").json(), "departmentId")).isNotEmpty().containsOnly("general-office");
    assertThat(outsider.get("/api/items/" + foreign.serial()).status()).isEqualTo(404);
    assertThat(outsider.get("/items/" + foreign.serial()).status()).isEqualTo(404);
    Http.Response start = outsider.post("/api/campaigns", "{\"planId\":\"civilized-unit\"}");
    assertThat(start.status()).isEqualTo(403);
    assertThat(start.json().path("error").asText()).contains("启动创建活动");
    assertThat(outsider.post("/api/items", "{\"title\":\"x\",\"lead\":\"air\",\"dueDate\":\"2026-03-20\"}").status()).isEqualTo(403);
    JsonNode summary = outsider.get("/api/campaigns/" + campaignId + "/stages/preparation/summary").json();
    assertThat(texts(summary.path("departments"), "departmentId")).containsOnly("general-office");

    Http admin = Http.basic(port, "admin", "demo");
    assertThat(texts(admin.get("/engine-rest/task").json(), "id")).as("the administrator sees everything").contains(foreignTask.getId());
    assertThat(admin.get("/engine-rest/process-definition").json().size()).isEqualTo(4);

    Http office = Http.basic(port, "office", "demo");
    assertThat(texts(office.get("/api/items").json(), "departmentId")).contains("general-office", "party-committee");
  }

}

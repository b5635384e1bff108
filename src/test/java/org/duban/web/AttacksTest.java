package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.supervision.ItemEventKind;
import org.duban.supervision.ItemRole;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 9, as a department user with curl would make them, each over both doors
 * (/engine-rest with HTTP Basic, and Tasklist's API with a Tasklist login): every one answers 4xx
 * and leaves the record as it was; where the engine would have let a variable through in the past,
 * the record decides now.
 */
class AttacksTest extends ProcessTest {
  private static final String HEAD_A = "head-party-committee";
  private static final String HEAD_B = "head-general-office";
  private static final String REST = "/engine-rest";
  private static final String TASKLIST = "/camunda/api/engine/engine/default";

  private String campaignId;
  /** A's lead item (evidence required) and B's assisting item of the same plan item, and another of B's lead items. */
  private SupervisedItem a;
  private SupervisedItem b;

  @BeforeEach
  void campaign() {
    campaignId = startCampaign(TODAY);
    a = itemsOf(campaignId, CampaignProcess.PREPARATION).stream()
        .filter(i -> i.departmentId().equals("party-committee") && i.role() == ItemRole.LEAD).findFirst().orElseThrow();
    b = items.ofPlanItem(campaignId, a.planItemId()).stream().filter(i -> i.departmentId().equals("general-office")).findFirst().orElseThrow();
  }

  private Http door(String prefix, String user) {
    return prefix.equals(REST) ? Http.basic(port, user, "demo") : Http.tasklistSession(port, user, "demo");
  }

  private static String report(String text, String extra) {
    return "{\"variables\":{\"report\":{\"value\":\"" + text + "\"}" + (extra == null ? "" : "," + extra) + "}}";
  }

  @Test
  void aHeadCannotCloseAnotherDepartmentsItemByNamingItInAVariable() {
    for (String prefix : List.of(REST, TASKLIST)) {
      Http headB = door(prefix, HEAD_B);
      String taskB = handleTask(b).getId();
      assertThat(headB.post(prefix + "/task/" + taskB + "/claim", "{\"userId\":\"" + HEAD_B + "\"}").status()).isEqualTo(204);
      Http.Response forged = headB.post(prefix + "/task/" + taskB + "/complete",
          report("冒名替机关党委提交的办理情况。", "\"itemId\":{\"value\":\"" + a.serial() + "\"}"));
      assertThat(forged.status()).as(forged.body()).isEqualTo(400);
      assertThat(forged.json().path("message").asText()).contains("itemId").doesNotStartWith("Cannot");
      assertThat(items.find(a.serial()).orElseThrow()).isEqualTo(a);
      assertThat(items.find(b.serial()).orElseThrow().status()).isEqualTo(ItemStatus.IN_PROGRESS);
      headB.post(prefix + "/task/" + taskB + "/unclaim", null);
    }
    // even a variable that got there past the guard (the administrator's) names nothing: the record does
    runtime.setVariable(b.processInstanceId(), "itemId", a.serial());
    runtime.setVariable(b.processInstanceId(), "departmentId", "party-committee");
    submit(b, "办公室配合提供了会议室和人员名单。");
    assertThat(items.find(b.serial()).orElseThrow().status()).isEqualTo(ItemStatus.CLOSED);
    assertThat(items.find(a.serial()).orElseThrow().status()).isEqualTo(ItemStatus.PENDING_SIGN);
    assertThat(items.events(a.serial())).extracting(e -> e.kind()).containsExactly(ItemEventKind.CREATED);
  }

  @Test
  void aLeadItemCannotSkipReviewOrEvidence() {
    for (String prefix : List.of(REST, TASKLIST)) {
      Http headA = door(prefix, HEAD_A);
      String task = handleTask(a).getId();
      headA.post(prefix + "/task/" + task + "/claim", "{\"userId\":\"" + HEAD_A + "\"}");
      Http.Response skip = headA.post(prefix + "/task/" + task + "/complete", report("已完成，无需审核。",
          "\"role\":{\"value\":\"ASSIST\"},\"evidenceRequired\":{\"value\":false,\"type\":\"Boolean\"}"));
      assertThat(skip.status()).as(skip.body()).isEqualTo(400);
      assertThat(skip.json().path("message").asText()).contains("role", "evidenceRequired");
      // the form's own field alone: the record requires a file, and the answer says so in Chinese
      Http.Response noFile = headA.post(prefix + "/task/" + task + "/complete", report("已完成，佐证材料随后补交。", null));
      assertThat(noFile.status()).as(noFile.body()).isEqualTo(400);
      assertThat(noFile.json().path("message").asText()).startsWith("请先上传佐证材料");
      assertThat(items.find(a.serial()).orElseThrow().status()).isEqualTo(ItemStatus.IN_PROGRESS);
      headA.post(prefix + "/task/" + task + "/unclaim", null);
    }
    // variables planted past the guard (the administrator's) change nothing either
    runtime.setVariable(a.processInstanceId(), "role", "ASSIST");
    runtime.setVariable(a.processInstanceId(), "evidenceRequired", false);
    Task task = handleTask(a);
    asUser(HEAD_A, () -> tasks.claim(task.getId(), HEAD_A));
    Http.Response stillNoFile = Http.basic(port, HEAD_A, "demo").post(REST + "/task/" + task.getId() + "/complete", report("已完成，佐证材料随后补交。", null));
    assertThat(stillNoFile.status()).as(stillNoFile.body()).isEqualTo(400);
    attachEvidence(a);
    assertThat(Http.basic(port, HEAD_A, "demo").post(REST + "/task/" + task.getId() + "/complete",
        report("领导小组成立文件已印发，名单已公布。", null)).status()).isEqualTo(204);
    assertThat(items.find(a.serial()).orElseThrow().status()).isEqualTo(ItemStatus.IN_REVIEW);
    assertThat(reviewTask(a)).as("the creation office reviews it").isNotNull();
  }

  @Test
  void aHeadCannotMoveRenameOrHandOnTheTask() {
    Task before = handleTask(a);
    for (String prefix : List.of(REST, TASKLIST)) {
      Http headA = door(prefix, HEAD_A);
      String t = prefix + "/task/" + before.getId();
      assertThat(headA.post(t + "/identity-links", "{\"groupId\":\"general-office\",\"type\":\"candidate\"}").status()).isEqualTo(403);
      assertThat(headA.post(t + "/assignee", "{\"userId\":\"" + HEAD_B + "\"}").status()).isEqualTo(403);
      assertThat(headA.post(t + "/claim", "{\"userId\":\"" + HEAD_B + "\"}").status()).isEqualTo(403);
      assertThat(headA.post(t + "/delegate", "{\"userId\":\"" + HEAD_B + "\"}").status()).isEqualTo(403);
      assertThat(headA.request("PUT", t, "{\"name\":\"改名\",\"due\":\"2099-12-31T00:00:00.000+0800\"}").status()).isEqualTo(403);
      assertThat(door(prefix, HEAD_B).get(t).status()).as("B still cannot see it").isEqualTo(404);
    }
    Task after = handleTask(a);
    assertThat(after.getName()).isEqualTo(before.getName());
    assertThat(after.getDueDate()).isEqualTo(before.getDueDate());
    assertThat(after.getFollowUpDate()).isEqualTo(before.getFollowUpDate());
    assertThat(after.getAssignee()).isNull();
    assertThat(tasks.getIdentityLinksForTask(after.getId())).extracting(l -> l.getGroupId()).containsOnly("party-committee");
  }

  @Test
  void aHeadCannotRedirectMailThroughTheOwnProfile() {
    for (String prefix : List.of(REST, TASKLIST)) {
      Http.Response change = door(prefix, HEAD_A).request("PUT", prefix + "/user/" + HEAD_A + "/profile",
          "{\"id\":\"" + HEAD_A + "\",\"firstName\":\"何建军\",\"lastName\":\"\",\"email\":\"attacker@example.com\"}");
      assertThat(change.status()).as(change.body()).isEqualTo(403);
    }
    assertThat(identity.createUserQuery().userId(HEAD_A).singleResult().getEmail()).isEqualTo(HEAD_A + "@duban.local");
    // a profile changed past the guard (the administrator, in Admin) still does not receive the item's mail
    User user = identity.createUserQuery().userId(HEAD_A).singleResult();
    user.setEmail("attacker@example.com");
    identity.saveUser(user);
    Task task = handleTask(a);
    asUser(HEAD_A, () -> tasks.claim(task.getId(), HEAD_A));
    assertThat(Http.basic(port, "office", "demo").post("/api/items/" + a.serial() + "/urge", "{}").status()).isEqualTo(200);
    List<String> to = jdbc.sql("select recipient_email from notification where item_serial = ?").param(a.serial())
        .query(String.class).list();
    assertThat(to).contains(HEAD_A + "@duban.local").doesNotContain("attacker@example.com");
  }

  @Test
  void refusalsAre4xxWithTheRuleInChinese() {
    Task task = handleTask(a);
    attachEvidence(a);
    for (String prefix : List.of(REST, TASKLIST)) {
      Http headA = door(prefix, HEAD_A);
      headA.post(prefix + "/task/" + task.getId() + "/claim", "{\"userId\":\"" + HEAD_A + "\"}");
      Http.Response tooShort = headA.post(prefix + "/task/" + task.getId() + "/submit-form", report("太短", null));
      assertThat(tooShort.status()).as(tooShort.body()).isEqualTo(400);
      assertThat(tooShort.json().path("message").asText()).startsWith("办理情况至少需要填写");
      assertThat(headA.post(prefix + "/task/00000000-0000-0000-0000-000000000000/complete", report("不存在的任务的办理情况。", null)).status())
          .isEqualTo(404);
      assertThat(door(prefix, HEAD_B).post(prefix + "/task/" + task.getId() + "/submit-form", report("别的单位的任务。别的单位的任务。", null))
          .status()).isEqualTo(404);
    }
    Http headA = Http.basic(port, HEAD_A, "demo");
    assertThat(headA.post(REST + "/task/" + task.getId() + "/complete", report("领导小组成立文件已印发，名单已公布。", null)).status()).isEqualTo(204);
    Http.Response twice = headA.post(REST + "/task/" + task.getId() + "/complete", report("领导小组成立文件已印发，名单已公布。", null));
    assertThat(twice.status()).as(twice.body()).isEqualTo(409);
    assertThat(twice.json().path("message").asText()).contains("已办理完毕");
  }

  @Test
  void aColleagueCannotCompleteWhatTheOtherHasSignedFor() {
    String task = handleTask(b).getId();
    assertThat(Http.basic(port, HEAD_B, "demo").post(REST + "/task/" + task + "/claim", "{\"userId\":\"" + HEAD_B + "\"}").status())
        .isEqualTo(204);
    for (String prefix : List.of(REST, TASKLIST)) {
      Http.Response stale = door(prefix, "liaison-general-office").post(prefix + "/task/" + task + "/complete",
          report("联络员在旧页面上替负责人提交。", null));
      assertThat(stale.status()).as(stale.body()).isEqualTo(409);
      assertThat(stale.json().path("message").asText()).contains("已由赵国平签收");
    }
    assertThat(items.find(b.serial()).orElseThrow().status()).isEqualTo(ItemStatus.IN_PROGRESS);
    assertThat(items.find(b.serial()).orElseThrow().assignee()).isEqualTo(HEAD_B);
  }

  @Test
  void aTaskGoneIsAConflictForItsDepartmentAndUnknownToAnyOther() {
    // late: the item is overdue and its first submission was returned; the page still shows the old task
    moveTo(a.dueDate().plusDays(3), 10);
    String first = handleTask(a).getId();
    submit(a, "领导小组成立文件已印发，名单已公布。");
    review(items.find(a.serial()).orElseThrow(), false, "请补充领导小组成员分工。");
    String second = handleTask(items.find(a.serial()).orElseThrow()).getId();
    assertThat(second).isNotEqualTo(first);
    for (String prefix : List.of(REST, TASKLIST)) {
      Http.Response stale = door(prefix, HEAD_A).post(prefix + "/task/" + first + "/claim", "{\"userId\":\"" + HEAD_A + "\"}");
      assertThat(stale.status()).as(stale.body()).isEqualTo(409);
      assertThat(stale.json().path("message").asText()).contains("已办理完毕");
      // another department learns nothing of it: the same 404 as for a task that never existed
      Http.Response other = door(prefix, HEAD_B).post(prefix + "/task/" + first + "/claim", "{\"userId\":\"" + HEAD_B + "\"}");
      assertThat(other.status()).as(other.body()).isEqualTo(404);
    }
    SupervisedItem returned = items.find(a.serial()).orElseThrow();
    assertThat(returned.status()).isEqualTo(ItemStatus.RETURNED);
    assertThat(tasks.createTaskQuery().taskId(second).singleResult().getAssignee()).isNull();
  }

  @Test
  void aReviewCompletedTwiceAtOnceIsDecidedOnce() throws Exception {
    submit(a, "领导小组成立文件已印发，名单已公布。");
    Task review = reviewTask(a);
    asUser("office", () -> tasks.claim(review.getId(), "office"));
    String url = REST + "/task/" + review.getId() + "/complete";
    String body = "{\"variables\":{\"accepted\":{\"value\":true,\"type\":\"Boolean\"}}}";
    List<CompletableFuture<Http.Response>> both = List.of(
        CompletableFuture.supplyAsync(() -> Http.basic(port, "office", "demo").post(url, body)),
        CompletableFuture.supplyAsync(() -> Http.basic(port, "office", "demo").post(url, body)));
    List<Integer> statuses = both.stream().map(CompletableFuture::join).map(Http.Response::status).sorted().toList();
    assertThat(statuses.get(0)).isEqualTo(204);
    assertThat(statuses.get(1)).isIn(404, 409);
    runJobs();
    assertThat(items.find(a.serial()).orElseThrow().status()).isEqualTo(ItemStatus.CLOSED);
    assertThat(items.events(a.serial())).filteredOn(e -> e.kind() == ItemEventKind.ACCEPTED).hasSize(1);
  }

  @Test
  void theFormsReadTheRecordNotVariables() {
    runtime.setVariable(a.processInstanceId(), "title", "伪造的标题");
    Task task = handleTask(a);
    JsonNode form = Http.basic(port, HEAD_A, "demo").get("/api/tasks/" + task.getId() + "/item").json().path("form");
    assertThat(form.path("itemId").asText()).isEqualTo(a.serial());
    assertThat(form.path("title").asText()).isEqualTo(a.title());
    assertThat(form.path("evidenceRequired").asBoolean()).isTrue();
    assertThat(form.path("departmentName").asText()).isEqualTo("机关党委");
    assertThat(Http.basic(port, HEAD_B, "demo").get("/api/tasks/" + task.getId() + "/item").status()).isEqualTo(404);
    assertThat(runtime.getVariables(a.processInstanceId()).keySet()).as("the item's facts are not variables")
        .doesNotContain("itemId", "departmentId", "role", "evidenceRequired", "dueDate", "kind");
  }
}

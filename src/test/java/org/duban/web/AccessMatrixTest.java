package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.evidence.EvidenceFile;
import org.duban.supervision.ItemRole;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every door a logged-in person can knock on, for each role, against department A's item
 * (机关党委, the lead of DB-…0001) and department B's (办公室, assisting the same plan item): the
 * status expected, never a 500, and for every refused request that nothing changed — the item
 * records and trails, the process variables, the task's fields and candidates, the mail outbox,
 * comments, attachments, users' profiles and grants. Writes that a role may make are marked
 * {@code ok} here and exercised by the tests that do them (AttacksTest, the process tests).
 * Engine paths ({E}) run through both doors: /engine-rest with HTTP Basic and Tasklist's
 * /camunda/api/engine with a Tasklist login.
 */
class AccessMatrixTest extends ProcessTest {
  /** The people, by role; A's head and liaison expect the same (column A). */
  enum Role {
    HEAD_A("head-party-committee", 'A'), LIAISON_A("liaison-party-committee", 'A'), HEAD_B("head-general-office", 'B'),
    OFFICE("office", 'O'), DIRECTOR("director", 'D'), LEADER("leader", 'L'), ADMIN("admin", 'X'), ANONYMOUS(null, 'N');

    final String user;
    final char column;

    Role(String user, char column) {
      this.user = user;
      this.column = column;
    }
  }

  enum Door {
    ENGINE_REST("/engine-rest"), TASKLIST("/camunda/api/engine/engine/default");

    final String prefix;

    Door(String prefix) {
      this.prefix = prefix;
    }
  }

  /**
   * One request. {@code expect}: "A:200 B:404 …" by column (A = A's head and liaison, B = B's head,
   * O office, D director, L leader, X admin, N anonymous, * everyone not named; N is 401 unless
   * named); "ok" = allowed and not replayed here. {@code sees}: for a list, the columns whose
   * answer names A's task, item or process instance; the others' answers must not.
   */
  record Row(String method, String path, String body, String expect, String sees) {
    Row(String method, String path, String body, String expect) {
      this(method, path, body, expect, null);
    }
  }

  private static final String REPORT = "{\"variables\":{\"report\":{\"value\":\"冒名提交的办理情况，不应成功。\"}}}";

  static final List<Row> ROWS = List.of(
      // the engine's task API: reading A's task
      new Row("GET", "{E}/task/{taskA}", null, "A:200 X:200 *:404"),
      new Row("GET", "{E}/task/{taskA}/variables", null, "A:200 X:200 *:404"),
      new Row("GET", "{E}/task/{taskA}/form-variables", null, "A:200 X:200 *:404"),
      new Row("GET", "{E}/task/{taskA}/form", null, "A:200 X:200 *:404"),
      new Row("GET", "{E}/task/{taskA}/identity-links", null, "A:200 X:200 *:404"),
      new Row("GET", "{E}/task/{taskA}/comment", null, "A:200 X:200 *:404"),
      new Row("GET", "{E}/task/{taskA}/attachment", null, "A:200 X:200 *:404"),
      new Row("GET", "{E}/task/{taskUnknown}", null, "X:404 *:404"),
      new Row("GET", "{E}/task", null, "*:200", "A X"),
      new Row("GET", "{E}/task/count", null, "*:200"),
      new Row("GET", "{E}/history/task?processInstanceId={piA}", null, "*:200", "A X"),
      new Row("GET", "{E}/history/variable-instance?processInstanceId={piA}", null, "*:200", "A X"),
      new Row("GET", "{E}/history/process-instance?processInstanceId={piA}", null, "*:200", "X"),
      new Row("GET", "{E}/process-instance?processInstanceIds={piA}", null, "*:200", "X"),
      new Row("GET", "{E}/process-instance/{piA}/variables", null, "X:200 *:403"),
      new Row("GET", "{E}/execution?processInstanceId={piA}", null, "*:200", "X"),
      new Row("GET", "{E}/job?processInstanceId={piA}", null, "*:200", "X"),
      new Row("GET", "{E}/filter", null, "*:200"),
      new Row("GET", "{E}/authorization?resourceId={taskA}", null, "*:200", "X"),
      new Row("GET", "{E}/user/{self}/profile", null, "*:200"),
      new Row("GET", "{E}/group?member={self}", null, "*:200"),
      // the engine's task API: changing A's task
      new Row("POST", "{E}/task/{taskA}/claim", "{\"userId\":\"{self}\"}", "A:ok X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/claim", "{\"userId\":\"head-general-office\"}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/unclaim", null, "A:ok X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/assignee", "{\"userId\":\"head-general-office\"}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/delegate", "{\"userId\":\"head-general-office\"}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/resolve", "{}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/identity-links", "{\"groupId\":\"general-office\",\"type\":\"candidate\"}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/identity-links/delete", "{\"groupId\":\"party-committee\",\"type\":\"candidate\"}", "A:403 X:ok *:404"),
      new Row("PUT", "{E}/task/{taskA}", "{\"name\":\"改过的名字\",\"due\":\"2099-12-31T00:00:00.000+0800\",\"priority\":1}", "A:403 X:ok *:404"),
      new Row("DELETE", "{E}/task/{taskA}", null, "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/comment/create", "{\"message\":\"评论\"}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/attachment/create", "{}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/bpmnError", "{\"errorCode\":\"x\"}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/variables", "{\"modifications\":{\"role\":{\"value\":\"ASSIST\"}}}", "A:403 X:ok *:404"),
      new Row("PUT", "{E}/task/{taskA}/variables/itemId", "{\"value\":\"{serialB}\"}", "A:403 X:ok *:404"),
      new Row("DELETE", "{E}/task/{taskA}/variables/nextAlertAt", null, "A:403 X:ok *:404"),
      new Row("PUT", "{E}/task/{taskA}/localVariables/evidenceRequired", "{\"value\":false,\"type\":\"Boolean\"}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/localVariables", "{\"modifications\":{\"accepted\":{\"value\":true,\"type\":\"Boolean\"}}}", "A:403 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/complete", REPORT, "A:ok X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/complete",
          "{\"variables\":{\"report\":{\"value\":\"办理情况已按要求报送完毕。\"},\"role\":{\"value\":\"ASSIST\"}}}", "A:400 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/submit-form",
          "{\"variables\":{\"report\":{\"value\":\"办理情况已按要求报送完毕。\"},\"evidenceRequired\":{\"value\":false,\"type\":\"Boolean\"}}}",
          "A:400 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/submit-form", "{\"variables\":{\"accepted\":{\"value\":true,\"type\":\"Boolean\"}}}",
          "A:400 X:ok *:404"),
      new Row("POST", "{E}/task/{taskA}/complete", "not json", "A:400 X:ok *:404"),
      new Row("POST", "{E}/task/{taskUnknown}/complete", REPORT, "X:404 *:404"),
      new Row("POST", "{E}/task/create", "{\"name\":\"自建任务\"}", "X:ok *:403"),
      // other engine resources a department user might try
      new Row("POST", "{E}/process-instance/{piA}/variables", "{\"modifications\":{\"role\":{\"value\":\"ASSIST\"}}}", "X:ok *:403"),
      new Row("PUT", "{E}/process-instance/{piA}/variables/nextAlertAt",
          "{\"value\":\"2099-01-01T00:00:00.000+0800\",\"type\":\"Date\"}", "X:ok *:403"),
      new Row("POST", "{E}/process-instance/{piA}/modification",
          "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_CloseItem\"}]}", "X:ok *:403"),
      new Row("DELETE", "{E}/process-instance/{piA}", null, "X:ok *:403"),
      new Row("POST", "{E}/message", "{\"messageName\":\"Msg_ExtensionRequested\",\"processInstanceId\":\"{piA}\"}", "X:ok *:403"),
      new Row("POST", "{E}/process-definition/key/supervised-item/start", "{\"businessKey\":\"{serialA}\"}", "X:ok *:403"),
      new Row("PUT", "{E}/job/{jobA}/duedate", "{\"duedate\":\"2099-01-01T00:00:00.000+0800\"}", "X:ok *:403"),
      new Row("POST", "{E}/filter/create", "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{}}", "X:ok *:403"),
      new Row("POST", "{E}/authorization/create",
          "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"{self}\",\"resourceType\":7,\"resourceId\":\"*\"}", "X:ok *:403"),
      new Row("PUT", "{E}/group/general-office/members/{self}", null, "X:ok *:403"),
      new Row("PUT", "{E}/user/{self}/profile",
          "{\"id\":\"{self}\",\"firstName\":\"冒名\",\"lastName\":\"\",\"email\":\"attacker@example.com\"}", "X:ok *:403"),
      new Row("DELETE", "{E}/user/{self}", null, "X:ok *:403"),
      // Duban's API
      new Row("GET", "/api/items", null, "*:200", "A O D L X"),
      new Row("GET", "/api/items/{serialA}", null, "A:200 B:404 *:200"),
      new Row("GET", "/api/tasks/{taskA}/item", null, "A:200 X:200 *:404"),
      new Row("GET", "/items/{serialA}", null, "A:302 B:404 *:302"),
      new Row("GET", "/api/items/{serialA}/evidence", null, "A:200 B:404 *:200"),
      new Row("GET", "/api/evidence/{evidenceA}", null, "A:200 B:404 *:200"),
      new Row("GET", "/api/dashboard", null, "*:200"),
      new Row("GET", "/api/reports/ledger.xlsx", null, "*:200"),
      new Row("GET", "/api/reports/notice.docx", null, "*:200"),
      new Row("GET", "/api/notices", null, "*:200"),
      new Row("GET", "/api/campaigns", null, "*:200"),
      new Row("GET", "/api/campaigns/{campaign}", null, "*:200"),
      new Row("GET", "/api/campaigns/{campaign}/stages/preparation/summary", null, "*:200"),
      new Row("GET", "/api/campaigns/{campaign}/self-check", null, "A:403 B:403 *:200"),
      new Row("GET", "/api/campaigns/{campaign}/archive.zip", null, "A:403 B:403 *:200"),
      new Row("GET", "/api/self-check/{serialA}", null, "A:404 B:404 *:404"),
      new Row("GET", "/api/admin/notifications", null, "O:200 X:200 *:403"),
      new Row("GET", "/api/plans/civilized-unit/preview", null, "O:200 D:200 X:200 *:403"),
      new Row("GET", "/api/plans/civilized-unit/preview.xlsx", null, "O:200 D:200 X:200 *:403"),
      new Row("POST", "/api/items/{serialA}/evidence", null, "A:ok B:404 O:403 D:403 L:403 X:403"),
      new Row("POST", "/api/items/{serialA}/urge", "{}", "A:403 B:403 L:403 *:ok"),
      new Row("POST", "/api/items/{serialA}/extension", "{\"newDueDate\":\"2026-04-30\",\"reason\":\"需要协调多个单位\"}", "A:ok X:ok *:404"),
      new Row("POST", "/api/items/{serialA}/progress", "{\"text\":\"已完成初稿，正在征求意见。\"}", "A:ok X:ok *:404"),
      new Row("POST", "/api/items", "{\"title\":\"临时交办\",\"lead\":\"air\",\"dueDate\":\"2026-03-20\"}", "O:ok D:ok X:ok *:403"),
      new Row("POST", "/api/campaigns", "{\"planId\":\"civilized-unit\"}", "D:409 X:409 *:403"),
      // operations (README, "Operations"): the probes are open to a load balancer, the rest of Actuator is the administrator's
      new Row("GET", "/livez", null, "*:200 N:200"),
      new Row("GET", "/readyz", null, "*:200 N:200"),
      new Row("GET", "/actuator", null, "X:200 *:403"),
      new Row("GET", "/actuator/health", null, "X:200 *:403"),
      new Row("GET", "/actuator/health/liveness", null, "X:200 *:403"),
      new Row("GET", "/actuator/health/readiness", null, "X:200 *:403"),
      new Row("GET", "/actuator/health/db", null, "X:200 *:403"),
      new Row("GET", "/actuator/metrics", null, "X:200 *:403"),
      new Row("GET", "/actuator/prometheus", null, "X:200 *:403"),
      new Row("GET", "/actuator/env", null, "X:404 *:403"),
      new Row("POST", "/actuator/shutdown", "{}", "X:404 *:403"),
      // demo profile only: elsewhere (here too) it does not exist
      new Row("POST", "/api/demo/advance", "{\"to\":\"mobilization\"}", "*:404"),
      new Row("POST", "/api/admin/notifications/1/retry", null, "X:ok *:403"));

  private Map<String, String> values;
  private final Map<String, Http> sessions = new HashMap<>();

  @TestFactory
  List<DynamicTest> everyRoleAtEveryDoor() {
    String campaignId = startCampaign(TODAY);
    SupervisedItem a = itemsOf(campaignId, CampaignProcess.PREPARATION).stream()
        .filter(i -> i.departmentId().equals("party-committee") && i.role() == ItemRole.LEAD).findFirst().orElseThrow();
    SupervisedItem b = items.ofPlanItem(campaignId, a.planItemId()).stream()
        .filter(i -> i.departmentId().equals("general-office")).findFirst().orElseThrow();
    EvidenceFile file = attachEvidence(a);
    values = Map.of("{taskA}", handleTask(a).getId(), "{taskB}", handleTask(b).getId(), "{piA}", a.processInstanceId(),
        "{serialA}", a.serial(), "{serialB}", b.serial(), "{campaign}", campaignId, "{evidenceA}", String.valueOf(file.id()),
        "{taskUnknown}", "00000000-0000-0000-0000-000000000000",
        "{jobA}", management.createJobQuery().processInstanceId(a.processInstanceId()).singleResult().getId());

    List<DynamicTest> tests = new ArrayList<>();
    for (Row row : ROWS) {
      for (Door door : row.path().startsWith("{E}") ? List.of(Door.values()) : List.of(Door.ENGINE_REST)) {
        for (Role role : Role.values()) {
          String expected = expected(row.expect(), role);
          if (expected.equals("ok")) {
            continue;
          }
          String name = row.method() + " " + row.path() + (row.body() == null ? "" : " " + row.body()) + " as " + role
              + (row.path().startsWith("{E}") ? " via " + door : "") + " → " + expected;
          tests.add(DynamicTest.dynamicTest(name, () -> check(name, row, door, role, Integer.parseInt(expected), a, b)));
        }
      }
    }
    return tests;
  }

  private void check(String name, Row row, Door door, Role role, int expected, SupervisedItem a, SupervisedItem b) {
    String path = fill(row.path().replace("{E}", door.prefix), role);
    Snapshot before = snapshot(a, b);
    Http.Response response = client(role, door).request(row.method(), path, row.body() == null ? null : fill(row.body(), role));
    assertThat(response.status()).as(name + " — " + response.body()).isEqualTo(expected);
    if (row.sees() != null && expected == 200) {
      boolean names = List.of("{taskA}", "{serialA}", "{piA}").stream().anyMatch(v -> response.body().contains("\"" + values.get(v) + "\""));
      assertThat(names).as(name + " — the answer names A's task or item").isEqualTo(row.sees().indexOf(role.column) >= 0);
    }
    if (expected >= 400) {
      if (expected != 401) { // "log in first" is said by the status and WWW-Authenticate
        assertThat(response.body()).as(name + " — a refusal names the problem").isNotBlank();
      }
      assertThat(snapshot(a, b)).as(name + " — a refused request changes nothing").isEqualTo(before);
    }
  }

  private String expected(String spec, Role role) {
    Map<Character, String> byColumn = new HashMap<>();
    for (String part : spec.split(" ")) {
      byColumn.put(part.charAt(0), part.substring(2));
    }
    if (role == Role.ANONYMOUS) {
      return byColumn.getOrDefault('N', "401");
    }
    return byColumn.getOrDefault(role.column, byColumn.get('*'));
  }

  private String fill(String text, Role role) {
    String result = text.replace("{self}", role.user == null ? "nobody" : role.user);
    for (Map.Entry<String, String> v : values.entrySet()) {
      result = result.replace(v.getKey(), v.getValue());
    }
    return result;
  }

  private Http client(Role role, Door door) {
    if (role.user == null) {
      return Http.anonymous(port);
    }
    return door == Door.ENGINE_REST
        ? Http.basic(port, role.user, "demo")
        : sessions.computeIfAbsent(role.user, u -> Http.tasklistSession(port, u, "demo"));
  }

  /** What a refused request must leave as it was. */
  record Snapshot(SupervisedItem a, SupervisedItem b, List<?> trailA, List<?> trailB, Map<String, Object> variablesA,
      Map<String, Object> variablesB, List<String> tasks, Set<String> candidatesA, long mails, long comments, long attachments,
      List<String> profiles, long grants, long instances, long extensions) {}

  private Snapshot snapshot(SupervisedItem a, SupervisedItem b) {
    List<String> taskFields = tasks.createTaskQuery().orderByTaskId().asc().list().stream().map(AccessMatrixTest::fields).toList();
    Task taskA = handleTask(a);
    Set<String> candidates = taskA == null ? Set.of() : tasks.getIdentityLinksForTask(taskA.getId()).stream()
        .map(AccessMatrixTest::link).collect(Collectors.toCollection(TreeSet::new));
    List<String> profiles = identity.createUserQuery().orderByUserId().asc().list().stream()
        .map(u -> u.getId() + "|" + u.getFirstName() + "|" + u.getLastName() + "|" + u.getEmail()).toList();
    return new Snapshot(items.find(a.serial()).orElseThrow(), items.find(b.serial()).orElseThrow(), items.events(a.serial()),
        items.events(b.serial()), new HashMap<>(runtime.getVariables(a.processInstanceId())),
        new HashMap<>(runtime.getVariables(b.processInstanceId())), taskFields, candidates,
        count("notification"), count("act_hi_comment"), count("act_ge_bytearray"), profiles, count("act_ru_authorization"),
        runtime.createProcessInstanceQuery().count(), count("item_extension"));
  }

  private static String fields(Task t) {
    return String.join("|", t.getId(), t.getName(), String.valueOf(t.getDueDate()), String.valueOf(t.getFollowUpDate()),
        String.valueOf(t.getAssignee()), String.valueOf(t.getOwner()), String.valueOf(t.getPriority()),
        String.valueOf(t.getDescription()), String.valueOf(t.getDelegationState()));
  }

  private static String link(IdentityLink l) {
    return l.getType() + ":" + Objects.toString(l.getGroupId(), "") + ":" + Objects.toString(l.getUserId(), "");
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}

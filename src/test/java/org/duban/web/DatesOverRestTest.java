package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.ItemRole;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dates as people meet them (issue 10): a typed due date on a day off moves to the next working day
 * and the answer says so; forms, API answers and mails show the weekday (2026-03-12（周四）).
 * The campaign starts Monday 2026-03-02; its first lead item is due Thursday 03-12.
 */
class DatesOverRestTest extends ProcessTest {
  private String campaignId;
  private SupervisedItem lead;

  @BeforeEach
  void campaign() {
    campaignId = startCampaign(TODAY);
    lead = itemsOf(campaignId, CampaignProcess.PREPARATION).stream().filter(i -> i.role() == ItemRole.LEAD).findFirst().orElseThrow();
  }

  private String body(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(String.class).list().stream().findFirst().orElseThrow(() -> new AssertionError("no mail"));
  }

  @Test
  void anAdHocDueDateOnAHolidayMovesToTheNextWorkingDayAndTheAnswerSaysSo() {
    Http office = Http.basic(port, "office", "demo");
    // 清明节 2026-04-04 (Saturday) to 04-06 (Monday)
    Http.Response moved = office.post("/api/items", "{\"title\":\"清明节前安全检查\",\"lead\":\"general-office\",\"dueDate\":\"2026-04-04\"}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(201);
    assertThat(moved.json().path("dueDate").asText()).isEqualTo("2026-04-07");
    assertThat(moved.json().path("dueDateLabel").asText()).isEqualTo("2026-04-07（周二）");
    assertThat(moved.json().path("movedFrom").asText()).isEqualTo("2026-04-04");
    assertThat(moved.json().path("notice").asText()).isEqualTo("2026-04-04（周六）不是工作日，完成时限已顺延至 2026-04-07（周二）。");
    assertThat(moved.json().path("items").get(0).path("dueDate").asText()).isEqualTo("2026-04-07");
    assertThat(moved.json().path("items").get(0).path("dueDateLabel").asText()).isEqualTo("2026-04-07（周二）");

    // Saturday 2026-05-09 is a 调休 working day: it stays, and nothing is said
    Http.Response kept = office.post("/api/items", "{\"title\":\"劳动节后工作部署\",\"lead\":\"general-office\",\"dueDate\":\"2026-05-09\"}");
    assertThat(kept.json().path("dueDate").asText()).isEqualTo("2026-05-09");
    assertThat(kept.json().path("dueDateLabel").asText()).isEqualTo("2026-05-09（周六）");
    assertThat(kept.json().has("movedFrom")).isFalse();
  }

  @Test
  void anExtensionToASaturdayAsksForMondayAndTheDirectorsFormShowsWeekdays() {
    Http head = Http.basic(port, "head-party-committee", "demo");
    JsonNode handleForm = head.get("/api/tasks/" + handleTask(lead).getId() + "/item").json().path("form");
    assertThat(handleForm.path("dueDate").asText()).isEqualTo("2026-03-12");
    assertThat(handleForm.path("dueDateLabel").asText()).isEqualTo("2026-03-12（周四）");
    assertThat(head.get("/api/items/" + lead.serial()).json().path("item").path("dueDateLabel").asText()).isEqualTo("2026-03-12（周四）");

    // a Sunday before the due date: moved, and still not later
    Http.Response refused = head.post("/api/items/" + lead.serial() + "/extension", "{\"newDueDate\":\"2026-03-08\",\"reason\":\"等待审定\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("error").asText())
        .isEqualTo("newDueDate: 申请的日期 2026-03-08（周日）不是工作日、顺延后为 2026-03-09（周一），必须晚于现完成时限 2026-03-12（周四）");
    // Saturday 03-14, after the due date: Monday is asked for
    Http.Response asked = head.post("/api/items/" + lead.serial() + "/extension", "{\"newDueDate\":\"2026-03-14\",\"reason\":\"等待局党组会议审定\"}");
    assertThat(asked.status()).as(asked.body()).isEqualTo(200);
    assertThat(asked.json().path("requestedDueDate").asText()).isEqualTo("2026-03-16");
    assertThat(asked.json().path("requestedDueDateLabel").asText()).isEqualTo("2026-03-16（周一）");
    assertThat(asked.json().path("movedFrom").asText()).isEqualTo("2026-03-14");
    assertThat(asked.json().path("notice").asText()).isEqualTo("2026-03-14（周六）不是工作日，已顺延至 2026-03-16（周一）。");
    assertThat(items.latestExtension(lead.serial()).orElseThrow().requestedDueDate()).hasToString("2026-03-16");

    Task decide = tasks.createTaskQuery().processInstanceId(lead.processInstanceId())
        .taskDefinitionKey(ItemProcess.TASK_DECIDE_EXTENSION).singleResult();
    JsonNode form = Http.basic(port, "director", "demo").get("/api/tasks/" + decide.getId() + "/item").json().path("form");
    assertThat(form.path("dueDateLabel").asText()).isEqualTo("2026-03-12（周四）");
    assertThat(form.path("requestedDueDateLabel").asText()).isEqualTo("2026-03-16（周一）");

    asUser("director", () -> {
      tasks.claim(decide.getId(), "director");
      tasks.complete(decide.getId(), Map.of(ItemProcess.Var.EXTENSION_APPROVED, true));
    });
    assertThat(items.find(lead.serial()).orElseThrow().dueDate()).hasToString("2026-03-16");
    assertThat(body("select body_text from notification where item_serial = ? and kind = 'EXTENSION'", lead.serial()))
        .contains("完成时限延至 2026-03-16（周一）。");
  }

  @Test
  void theMailShowsTheDueDateWithItsWeekday() {
    assertThat(Http.basic(port, "office", "demo").post("/api/items/" + lead.serial() + "/urge", "{}").status()).isEqualTo(200);
    assertThat(body("select body_text from notification where item_serial = ? and kind = 'URGE'", lead.serial()))
        .contains("完成时限：2026-03-12（周四）");
    assertThat(body("select body_html from notification where item_serial = ? and kind = 'URGE'", lead.serial()))
        .contains("<td>2026-03-12（周四）</td>");
  }

  @Test
  void theStageGateSummaryShowsTheStageWindowWithWeekdays() {
    JsonNode summary = Http.basic(port, "director", "demo")
        .get("/api/campaigns/" + campaignId + "/stages/" + CampaignProcess.PREPARATION + "/summary").json();
    assertThat(summary.path("state").asText()).isEqualTo("进行中");
    assertThat(summary.path("startedOnLabel").asText()).isEqualTo("2026-03-02（周一）");
    assertThat(summary.path("endsOnLabel").asText()).isEqualTo("2026-04-01（周三）");
  }
}

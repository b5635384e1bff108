package org.duban.support;

import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.SupervisedItem;

/**
 * A scripted preparation stage whose outcome is known item by item, for the dashboard, ledger and
 * 通报 tests. The campaign starts Monday 2026-03-02; its ten preparation items:
 *
 * <pre>
 * plan item (due)                              party-committee  general-office  personnel  comprehensive  branch-jiangbei  branch-chengnan
 * set-up-leading-group (03-12)                 A1 lead: closed  A2 closed 03-05 A3 never
 *                                              on time 03-10
 * draft-implementation-plan (03-23)            B1 lead: sub-    B2 never                   B3 closed 03-16
 *   (+20d is Sunday 03-22: moved to Monday)    mitted 03-24
 *                                              (late), accepted
 * solicit-staff-opinions (03-30)               C1 lead: open               C2 open                       C3 closed 03-25  C4 open, extended
 *                                                                                                                         to 04-10 on 03-16
 * </pre>
 *
 * The scenario ends on Thursday 2026-03-26 at 10:00 (Shanghai), with every due job run. B1 reached
 * escalation level 1 on 03-24 before it was submitted; A3 reached level 3 on 03-25, B2 level 1 on 03-24.
 */
public abstract class ReportingScenario extends ProcessTest {
  protected static final LocalDate END = LocalDate.of(2026, 3, 26);
  protected static final LocalDate EXTENDED_TO = LocalDate.of(2026, 4, 10);

  protected String campaignId;
  protected SupervisedItem a1, a2, a3, b1, b2, b3, c1, c2, c3, c4;

  protected void playScenario() {
    campaignId = startCampaign(TODAY);
    a1 = item("set-up-leading-group", "party-committee");
    a2 = item("set-up-leading-group", "general-office");
    a3 = item("set-up-leading-group", "personnel");
    b1 = item("draft-implementation-plan", "party-committee");
    b2 = item("draft-implementation-plan", "general-office");
    b3 = item("draft-implementation-plan", "comprehensive");
    c1 = item("solicit-staff-opinions", "party-committee");
    c2 = item("solicit-staff-opinions", "personnel");
    c3 = item("solicit-staff-opinions", "branch-jiangbei");
    c4 = item("solicit-staff-opinions", "branch-chengnan");

    step(LocalDate.of(2026, 3, 5));
    submit(a2, "已配合提供领导小组成员名单。");
    step(LocalDate.of(2026, 3, 10));
    submit(a1, "已印发领导小组成立文件，名单已公布。");
    review(reload(a1), true, null);
    step(LocalDate.of(2026, 3, 16));
    submit(b3, "已配合完成任务分解表的汇总。");
    // branch-chengnan asks for more time before its due date, the director approves
    Http.Response asked = Http.basic(port, "head-branch-chengnan", "demo").post("/api/items/" + c4.serial() + "/extension",
        "{\"newDueDate\":\"" + EXTENDED_TO + "\",\"reason\":\"等待分局党组会议研究\"}");
    if (asked.status() != 200) {
      throw new AssertionError("extension request refused: " + asked);
    }
    Task decision = tasks.createTaskQuery().processInstanceId(c4.processInstanceId())
        .taskDefinitionKey(ItemProcess.TASK_DECIDE_EXTENSION).singleResult();
    asUser("director", () -> {
      tasks.claim(decision.getId(), "director");
      tasks.complete(decision.getId(), Map.of(ItemProcess.Var.EXTENSION_APPROVED, true));
    });
    runJobs();
    step(LocalDate.of(2026, 3, 24));
    submit(b1, "实施方案已经局党组会议审定并印发。"); // one working day after its due date
    review(reload(b1), true, null);
    step(LocalDate.of(2026, 3, 25));
    submit(c3, "已在分局范围内征求职工意见并汇总上报。");
    step(END);
    a1 = reload(a1); a2 = reload(a2); a3 = reload(a3); b1 = reload(b1); b2 = reload(b2); b3 = reload(b3);
    c1 = reload(c1); c2 = reload(c2); c3 = reload(c3); c4 = reload(c4);
  }

  private void step(LocalDate day) {
    moveTo(day, 10);
    runJobs();
  }

  protected SupervisedItem reload(SupervisedItem item) {
    return items.find(item.serial()).orElseThrow();
  }

  private SupervisedItem item(String planItemId, String departmentId) {
    return itemsOf(campaignId, CampaignProcess.PREPARATION).stream()
        .filter(i -> i.planItemId().equals(planItemId) && i.departmentId().equals(departmentId))
        .findFirst().orElseThrow(() -> new AssertionError("no item " + planItemId + " of " + departmentId));
  }
}

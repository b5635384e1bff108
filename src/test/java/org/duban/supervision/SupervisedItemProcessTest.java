package org.duban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** supervised-item.bpmn, one method per path. */
class SupervisedItemProcessTest extends ProcessTest {
  private String campaignId;
  private SupervisedItem lead;
  private SupervisedItem assisting;

  @BeforeEach
  void startCampaign() {
    campaignId = startCampaign(TODAY);
    lead = itemsOf(campaignId, CampaignProcess.PREPARATION).stream().filter(i -> i.role() == ItemRole.LEAD).findFirst().orElseThrow();
    assisting = items.ofPlanItem(campaignId, lead.planItemId()).stream().filter(i -> i.role() == ItemRole.ASSIST).findFirst().orElseThrow();
  }

  private SupervisedItem reload(SupervisedItem item) {
    return items.find(item.serial()).orElseThrow();
  }

  @Test
  void signingForAnItemIsRecordedWithItsTime() {
    moveTo(TODAY.plusDays(1), 9);
    Task task = handleTask(lead);
    asUser("head-" + lead.departmentId(), () -> tasks.claim(task.getId(), "head-" + lead.departmentId()));
    SupervisedItem signed = reload(lead);
    assertThat(signed.status()).isEqualTo(ItemStatus.IN_PROGRESS);
    assertThat(signed.assignee()).isEqualTo("head-" + lead.departmentId());
    assertThat(signed.claimedAt().toInstant()).isEqualTo(at(TODAY.plusDays(1), 9).toInstant());
    assertThat(items.events(lead.serial())).extracting(ItemEvent::kind).containsExactly(ItemEventKind.CREATED, ItemEventKind.CLAIMED);
  }

  @Test
  void aLeadItemIsReviewedAndClosedWhenAccepted() {
    submit(lead, "领导小组成立文件已印发，名单已公布。");
    assertThat(reload(lead).status()).isEqualTo(ItemStatus.IN_REVIEW);
    assertThat(reload(lead).report()).isEqualTo("领导小组成立文件已印发，名单已公布。");
    Task review = reviewTask(lead);
    assertThat(review.getName()).startsWith("【审核】" + lead.serial());
    assertThat(tasks.getIdentityLinksForTask(review.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("creation-office"));
    review(lead, true, null);
    SupervisedItem closed = reload(lead);
    assertThat(closed.status()).isEqualTo(ItemStatus.CLOSED);
    assertThat(closed.closedAt()).isNotNull();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(lead.processInstanceId()).count())
        .as("ends after the asynchronous report to the campaign").isEqualTo(1);
    runJobs();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(lead.processInstanceId()).count()).isZero();
  }

  @Test
  void aReturnedItemReopensWithTheCommentAndIsRedone() {
    submit(lead, "初步完成，文件待印发。");
    review(lead, false, "请附上正式印发的文件");
    SupervisedItem returned = reload(lead);
    assertThat(returned.status()).isEqualTo(ItemStatus.RETURNED);
    Task again = handleTask(lead);
    assertThat(again).isNotNull();
    assertThat(tasks.getVariable(again.getId(), ItemProcess.Var.REVIEW_COMMENT)).isEqualTo("请附上正式印发的文件");
    assertThat(tasks.getIdentityLinksForTask(again.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo(lead.departmentId()));

    submit(lead, "正式文件已印发，附件已上传备查。");
    assertThat(runtime.getVariable(lead.processInstanceId(), ItemProcess.Var.ACCEPTED)).as("no verdict preselected").isNull();
    review(lead, true, null);
    assertThat(reload(lead).status()).isEqualTo(ItemStatus.CLOSED);
    assertThat(items.events(lead.serial())).extracting(ItemEvent::kind).containsExactly(
        ItemEventKind.CREATED, ItemEventKind.CLAIMED, ItemEventKind.SUBMITTED, ItemEventKind.RETURNED,
        ItemEventKind.CLAIMED, ItemEventKind.SUBMITTED, ItemEventKind.ACCEPTED, ItemEventKind.CLOSED);
  }

  @Test
  void anAssistingItemClosesOnSubmissionWithoutReview() {
    submit(assisting, "已配合提供人员名单。两名同志参加。");
    SupervisedItem closed = reload(assisting);
    assertThat(closed.status()).isEqualTo(ItemStatus.CLOSED);
    assertThat(closed.report()).contains("人员名单");
    assertThat(reviewTask(assisting)).isNull();
    assertThat(reload(lead).isOpen()).as("the lead's item still carries the plan item").isTrue();
  }

  @Test
  void aTooShortReportIsRefusedAndNothingChanges() {
    Task task = handleTask(lead);
    assertThatThrownBy(() -> asUser("head-" + lead.departmentId(),
        () -> tasks.complete(task.getId(), Map.of(ItemProcess.Var.REPORT, "已完成"))))
        .hasMessageContaining("办理情况至少需要填写 10 个字");
    assertThat(handleTask(lead).getId()).isEqualTo(task.getId());
    assertThat(reload(lead).status()).isEqualTo(ItemStatus.PENDING_SIGN);
  }

  @Test
  void nobodyReviewsTheirOwnDepartmentsItem() {
    submit(lead, "领导小组成立文件已印发，名单已公布。");
    String insider = "head-" + lead.departmentId();
    identity.createMembership(insider, "creation-office");
    try {
      Task review = reviewTask(lead);
      assertThatThrownBy(() -> asUser(insider, () -> {
        tasks.claim(review.getId(), insider);
        tasks.complete(review.getId(), Map.of(ItemProcess.Var.ACCEPTED, true));
      })).hasMessageContaining("不能审核本单位的督办事项");
      assertThat(reload(lead).status()).isEqualTo(ItemStatus.IN_REVIEW);
    } finally {
      identity.deleteMembership(insider, "creation-office");
    }
  }

  @Test
  void aReturnNeedsAComment() {
    submit(lead, "领导小组成立文件已印发，名单已公布。");
    Task review = reviewTask(lead);
    assertThatThrownBy(() -> asUser("office", () -> tasks.complete(review.getId(), Map.of(ItemProcess.Var.ACCEPTED, false))))
        .hasMessageContaining("退回时必须填写退回意见");
  }

  @Test
  void anItemPastItsDueDateIsOverdueUnlessItWaitsInReview() {
    moveTo(lead.dueDate().plusDays(1), 9);
    assertThat(reload(lead).isOverdue()).isTrue();
    assertThat(reload(lead).displayStatus()).isEqualTo("已超期");
    submit(lead, "领导小组成立文件已印发，名单已公布。");
    assertThat(reload(lead).isOverdue()).isFalse();
    assertThat(reload(lead).displayStatus()).isEqualTo("待审核");
    review(lead, false, "请补充会议纪要");
    assertThat(reload(lead).displayStatus()).as("returned after its due date").isEqualTo("已超期");
  }
}

package org.duban.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.duban.organization.Roles;
import org.duban.plan.Plan;
import org.duban.supervision.ItemEventKind;
import org.duban.supervision.ItemRole;
import org.duban.supervision.ItemStarter;
import org.duban.supervision.SupervisedItem;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** campaign.bpmn and campaign-stage.bpmn, one method per path. */
class CampaignProcessTest extends ProcessTest {
  @Autowired CampaignRepository campaignRepository;
  @Autowired ItemStarter starter;

  private Plan plan() {
    return config.plan("civilized-unit").orElseThrow();
  }

  private Task gate(String campaignId) {
    return tasks.createTaskQuery().taskDefinitionKey(CampaignProcess.TASK_STAGE_GATE)
        .processVariableValueEquals(CampaignProcess.Var.CAMPAIGN_ID, campaignId).singleResult();
  }

  private void decideGate(String campaignId, boolean approved, String comment) {
    Task gate = gate(campaignId);
    assertThat(gate).as("an open stage gate").isNotNull();
    asUser("director", () -> {
      tasks.claim(gate.getId(), "director");
      tasks.complete(gate.getId(), comment == null
          ? Map.of(CampaignProcess.Var.GATE_APPROVED, approved)
          : Map.of(CampaignProcess.Var.GATE_APPROVED, approved, CampaignProcess.Var.GATE_COMMENT, comment));
    });
    runJobs();
  }

  /**
   * Items per department of a stage: one per plan item and responsible department, and in the
   * self-check one scoring task per department that owns evaluation items.
   */
  private int expectedItems(String stageId) {
    int scoring = stageId.equals(CampaignProcess.SELF_CHECK)
        ? config.evaluation(plan().evaluation()).orElseThrow().owners().size() : 0;
    return scoring + plan().requireStage(stageId).items().stream().mapToInt(i -> i.departments().size()).sum();
  }

  @Test
  void runsThroughAllSixStages() {
    String id = startCampaign(TODAY);
    for (String stage : CampaignProcess.STAGES) {
      List<SupervisedItem> stageItems = itemsOf(id, stage);
      assertThat(stageItems).as(stage).hasSize(expectedItems(stage));
      assertThat(gate(id)).as("no gate while %s has open items", stage).isNull();
      closeAll(id, stage);
      assertThat(gate(id)).as("gate of " + stage).isNotNull();
      assertThat(gate(id).getName()).contains(plan().requireStage(stage).name());
      decideGate(id, true, null);
    }
    // full marks everywhere: nothing to rectify
    assertThat(itemsOf(id, CampaignProcess.RECTIFICATION)).hasSize(expectedItems(CampaignProcess.RECTIFICATION));
    // the inspection's result ends the campaign; a wrong outcome is refused
    Task record = tasks.createTaskQuery().taskDefinitionKey(CampaignProcess.TASK_RECORD_INSPECTION).singleResult();
    assertThat(record.getName()).isEqualTo("录入检查评估结果");
    assertThat(campaignRepository.find(id).orElseThrow().status()).isEqualTo("RUNNING");
    asUser("office", () -> {
      tasks.claim(record.getId(), "office");
      assertThatThrownBy(() -> tasks.complete(record.getId(), Map.of(CampaignProcess.Var.INSPECTION_SCORE, "96.5",
          CampaignProcess.Var.INSPECTION_OUTCOME, "优秀"))).hasMessageContaining("评估结论须为以下之一：通过、保留、黄牌警告、未通过");
      assertThatThrownBy(() -> tasks.complete(record.getId(), Map.of(CampaignProcess.Var.INSPECTION_SCORE, "120",
          CampaignProcess.Var.INSPECTION_OUTCOME, "通过"))).hasMessageContaining("评估得分须是 0 到 105 之间的数");
      tasks.complete(record.getId(), Map.of(CampaignProcess.Var.INSPECTION_SCORE, "96.5",
          CampaignProcess.Var.INSPECTION_OUTCOME, "通过", CampaignProcess.Var.INSPECTION_REMARKS, "材料齐全，成效明显。"));
    });
    CampaignRepository.InspectionResult result = campaignRepository.inspection(id).orElseThrow();
    assertThat(result.score()).isEqualByComparingTo("96.5");
    assertThat(result.outcome()).isEqualTo("通过");
    assertThat(result.recordedBy()).isEqualTo("office");
    assertThat(org.duban.support.Http.basic(port, "director", "demo").get("/api/campaigns/" + id).json()
        .path("inspection").path("outcome").asText()).isEqualTo("通过");
    CampaignRepository.Campaign campaign = campaignRepository.find(id).orElseThrow();
    assertThat(campaign.status()).isEqualTo("ENDED");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.KEY).count()).isZero();
    assertThat(campaignRepository.stages(id)).extracting(CampaignRepository.StageRecord::stageId)
        .containsExactlyElementsOf(CampaignProcess.STAGES);
    assertThat(campaignRepository.stages(id)).allSatisfy(s -> assertThat(s.decidedBy()).isEqualTo("director"));
    // the plan can run again once the campaign has ended
    assertThat(campaigns.start("civilized-unit", TODAY.plusDays(1))).isNotBlank();
  }

  @Test
  void itemsCarryDueDatesSerialsAndChineseNamesFromThePlan() {
    String id = startCampaign(TODAY);
    Plan.Item first = plan().requireStage(CampaignProcess.PREPARATION).items().get(0);
    SupervisedItem lead = itemsOf(id, CampaignProcess.PREPARATION).get(0);
    assertThat(lead.serial()).isEqualTo("DB-2026-0001");
    assertThat(lead.role()).isEqualTo(ItemRole.LEAD);
    assertThat(lead.departmentId()).isEqualTo(first.lead());
    assertThat(lead.dueDate()).isEqualTo(TODAY.plusDays(first.due().offsetDays()));
    Task task = handleTask(lead);
    assertThat(task.getName()).isEqualTo("DB-2026-0001 " + first.title());
    assertThat(task.getDueDate()).isEqualTo(new java.util.Date(at(lead.dueDate().plusDays(1), 0).getTime() - 1000));
    assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo(first.lead()));
  }

  @Test
  void approvalStartsTheNextStageAtOnceWithOffsetsFromTheActualStart() {
    String id = startCampaign(TODAY);
    moveTo(TODAY.plusDays(12), 15);
    closeAll(id, CampaignProcess.PREPARATION);
    decideGate(id, true, null);
    List<SupervisedItem> mobilization = itemsOf(id, CampaignProcess.MOBILIZATION);
    assertThat(mobilization).hasSize(expectedItems(CampaignProcess.MOBILIZATION));
    Plan.Item firstMob = plan().requireStage(CampaignProcess.MOBILIZATION).items().get(0);
    assertThat(mobilization.get(0).dueDate()).isEqualTo(TODAY.plusDays(12 + firstMob.due().offsetDays()));
    CampaignRepository.StageRecord stage = campaignRepository.stages(id).get(1);
    assertThat(stage.startedOn()).isEqualTo(TODAY.plusDays(12));
    assertThat(stage.endsOn()).isEqualTo(TODAY.plusDays(12 + 31)); // mobilization lasts +30d..+61d
  }

  @Test
  void aReturnedGateReachesTheOpenItemsAndReopensWhenTheOfficeHasAnswered() {
    String id = startCampaign(TODAY);
    moveTo(TODAY.plusDays(31), 9); // the preparation stage ended yesterday, items still open
    runJobs();
    assertThat(gate(id)).as("the stage end opens the gate").isNotNull();

    decideGate(id, false, "征求意见范围不够，请补充派出局意见");
    assertThat(gate(id)).isNull();
    List<SupervisedItem> open = itemsOf(id, CampaignProcess.PREPARATION);
    assertThat(open).allSatisfy(item -> {
      assertThat(items.stageNotice(item.serial())).contains("征求意见范围不够");
      assertThat(items.events(item.serial())).extracting(e -> e.kind()).contains(ItemEventKind.STAGE_RETURNED);
    });
    Task address = tasks.createTaskQuery().taskDefinitionKey(CampaignProcess.TASK_ADDRESS_GATE_RETURN).singleResult();
    assertThat(tasks.getIdentityLinksForTask(address.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo(Roles.CREATION_OFFICE));
    asUser("office", () -> tasks.complete(address.getId(), Map.of(CampaignProcess.Var.GATE_RESPONSE, "已补充征求两个分局意见")));

    Task reopened = gate(id);
    assertThat(reopened).isNotNull();
    assertThat(runtime.getVariable(reopened.getProcessInstanceId(), CampaignProcess.Var.GATE_APPROVED))
        .as("no verdict preselected").isNull();
    assertThatThrownBy(() -> decideGate(id, false, " ")).hasMessageContaining("退回理由");
  }

  @Test
  void theStageEndOpensTheGateAndOpenItemsCarryOverStillSupervised() {
    String id = startCampaign(TODAY);
    SupervisedItem late = itemsOf(id, CampaignProcess.PREPARATION).get(0);
    // everything but the first plan item is done before the end
    itemsOf(id, CampaignProcess.PREPARATION).stream()
        .filter(i -> !i.planItemId().equals(late.planItemId()))
        .forEach(i -> {
          submit(i, "已按要求完成，材料齐全。");
          if (i.role() == ItemRole.LEAD) {
            review(items.find(i.serial()).orElseThrow(), true, null);
          }
        });
    runJobs();
    assertThat(gate(id)).isNull();
    moveTo(TODAY.plusDays(31), 0);
    runJobs();
    assertThat(gate(id)).isNotNull();
    decideGate(id, true, null);

    assertThat(itemsOf(id, CampaignProcess.MOBILIZATION)).isNotEmpty();
    SupervisedItem carried = items.find(late.serial()).orElseThrow();
    assertThat(carried.isOpen()).isTrue();
    assertThat(carried.isOverdue()).isTrue();
    assertThat(handleTask(carried)).as("the carried-over item is still in Tasklist").isNotNull();
    // closing it later neither fails nor disturbs the running stage
    submit(carried, "延期完成，领导小组文件已印发。");
    review(items.find(carried.serial()).orElseThrow(), true, null);
    runJobs();
    assertThat(items.find(carried.serial()).orElseThrow().isOpen()).isFalse();
    assertThat(runtime.createIncidentQuery().count()).isZero();
    assertThat(gate(id)).as("mobilization still waits for its own items").isNull();
  }

  @Test
  void anItemClosingWhileTheCampaignWaitsAtAGateChangesNothingThere() {
    String id = startCampaign(TODAY);
    moveTo(TODAY.plusDays(31), 9);
    runJobs();
    Task gateBefore = gate(id);
    assertThat(gateBefore).isNotNull();
    closeAll(id, CampaignProcess.PREPARATION);
    assertThat(runtime.createIncidentQuery().count()).isZero();
    assertThat(management.createJobQuery().withException().count()).isZero();
    assertThat(gate(id).getId()).isEqualTo(gateBefore.getId());
    assertThat(itemsOf(id, CampaignProcess.PREPARATION)).noneMatch(SupervisedItem::isOpen);
  }

  @Test
  void aRetriedItemStartNeverDoublesTheItems() {
    String id = startCampaign(TODAY);
    int before = items.ofCampaign(id).size();
    Plan.Item first = plan().requireStage(CampaignProcess.PREPARATION).items().get(0);
    int started = starter.start(new ItemStarter.Assignment(id, CampaignProcess.PREPARATION, first.id(),
        first.title(), first.description(), first.lead(), first.assisting(), TODAY.plusDays(10), first.evidence(), false));
    assertThat(started).isZero();
    assertThat(items.ofCampaign(id)).hasSize(before);
    // the database refuses a twin even when the check is bypassed
    SupervisedItem existing = itemsOf(id, CampaignProcess.PREPARATION).get(0);
    assertThatThrownBy(() -> items.insert(new SupervisedItem("DB-2026-9999", id, existing.stageId(), existing.planItemId(),
        existing.departmentId(), existing.role(), existing.title(), null, existing.dueDate(), existing.status(), false,
        null, null, null, null, existing.createdAt(), null, null, existing.kind(), existing.evidence(), existing.evidenceRequired())))
        .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
  }

  @Test
  void aSecondCampaignOfTheSamePlanIsRefused() {
    startCampaign(TODAY);
    assertThatThrownBy(() -> campaigns.start("civilized-unit", TODAY.plusDays(3)))
        .isInstanceOf(CampaignService.CampaignRefused.class)
        .hasMessageContaining("已有进行中的创建活动");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.KEY).count()).isEqualTo(1);
    assertThat(campaignRepository.all()).hasSize(1);
  }

  @Test
  void aCampaignStartingLaterWaitsForItsStartDate() {
    String id = startCampaign(TODAY.plusDays(5));
    assertThat(items.ofCampaign(id)).isEmpty();
    moveTo(TODAY.plusDays(5), 0);
    runJobs();
    assertThat(itemsOf(id, CampaignProcess.PREPARATION)).hasSize(expectedItems(CampaignProcess.PREPARATION));
    ProcessInstance stage = runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.STAGE_KEY).singleResult();
    assertThat(runtime.getVariable(stage.getId(), CampaignProcess.Var.STAGE_ID)).isEqualTo(CampaignProcess.PREPARATION);
  }
}

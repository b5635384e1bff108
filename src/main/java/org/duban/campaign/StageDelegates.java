package org.duban.campaign;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.duban.plan.BureauConfig;
import org.duban.plan.DateLabels;
import org.duban.plan.Plan;
import org.duban.plan.WorkingCalendar;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemEventKind;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.ItemKind;
import org.duban.supervision.ItemStarter;
import org.duban.supervision.SupervisedItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service steps of campaign.bpmn and campaign-stage.bpmn, each a bean named as in the model. */
@Configuration
class StageDelegates {
  private final CampaignRepository campaigns;
  private final CampaignPlans plans;
  private final WorkingCalendar calendar;

  StageDelegates(CampaignRepository campaigns, CampaignPlans plans, BureauConfig config) {
    this.campaigns = campaigns;
    this.plans = plans;
    this.calendar = config.calendar();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(Deadlines.clock());
  }

  /** At the campaign's start: the row whose unique running_plan_id refuses a second campaign of the plan. */
  @Bean
  ExecutionListener registerCampaign(BureauConfig config, IdentityService identity) {
    return execution -> {
      String planId = str(execution, CampaignProcess.Var.PLAN_ID);
      Plan plan = config.plan(planId).orElseThrow(() -> new IllegalArgumentException("未知的计划: " + planId));
      String fromStage = str(execution, CampaignProcess.Var.FROM_STAGE);
      if (fromStage == null) {
        fromStage = CampaignProcess.STAGES.get(0);
      } else if (!CampaignProcess.STAGES.contains(fromStage)) {
        throw new IllegalArgumentException("未知的阶段: " + fromStage + "，可选：" + CampaignProcess.STAGES);
      }
      Authentication auth = identity.getCurrentAuthentication();
      campaigns.insert(execution.getBusinessKey(), planId, plan.name(),
          LocalDate.parse(str(execution, CampaignProcess.Var.START_DATE)), fromStage, CampaignPlans.write(plan),
          execution.getProcessInstanceId(), auth == null ? null : auth.getUserId(), now());
      execution.setVariable(CampaignProcess.Var.CAMPAIGN_ID, execution.getBusinessKey());
    };
  }

  @Bean
  ExecutionListener endCampaign() {
    return execution -> campaigns.ended(str(execution, CampaignProcess.Var.CAMPAIGN_ID), now());
  }

  /**
   * The stage the campaign begins with waits for the start date if it lies ahead; every later one
   * starts when the gate before it is approved. A stage before it (adoption mid-way) is skipped.
   */
  @Bean
  JavaDelegate planStage() {
    return execution -> {
      String campaignId = str(execution, CampaignProcess.Var.CAMPAIGN_ID);
      String stageId = str(execution, CampaignProcess.Var.STAGE_ID);
      Plan.Stage stage = plans.of(campaignId).requireStage(stageId);
      execution.setVariable(CampaignProcess.Var.STAGE_NAME, stage.name());
      CampaignRepository.Campaign campaign = campaigns.find(campaignId).orElseThrow();
      boolean later = campaign.beginsWith(stageId) && campaign.startDate().isAfter(Deadlines.today());
      execution.setVariable(CampaignProcess.Var.STARTS_LATER, later);
      execution.setVariable(CampaignProcess.Var.STAGE_START_AT,
          later ? Deadlines.startOf(campaign.startDate()) : ClockUtil.getCurrentTime());
    };
  }

  /**
   * The stage the campaign begins with starts on the start date, also one in the past (its items
   * may be overdue at once); a later stage starts today. Its end follows {@link Plan.Stage#startingOn}
   * (the plan preview's rule too): an absolute end already past opens the gate at once.
   */
  @Bean
  JavaDelegate openStage() {
    return execution -> {
      String campaignId = str(execution, CampaignProcess.Var.CAMPAIGN_ID);
      String stageId = str(execution, CampaignProcess.Var.STAGE_ID);
      Plan.Stage stage = plans.of(campaignId).requireStage(stageId);
      CampaignRepository.Campaign campaign = campaigns.find(campaignId).orElseThrow();
      LocalDate start = campaign.beginsWith(stageId) ? campaign.startDate() : Deadlines.today();
      Plan.Window window = stage.startingOn(start, campaign.startDate(), calendar);
      campaigns.stageStarted(campaignId, stageId, window.start(), window.end());
      execution.setVariable(CampaignProcess.Var.STAGE_END_AT, Deadlines.endOf(window.end()));
    };
  }

  /** A stage done before the campaign came to Duban: recorded as done, without items or gate. */
  @Bean
  JavaDelegate skipStage() {
    return execution -> {
      String campaignId = str(execution, CampaignProcess.Var.CAMPAIGN_ID);
      campaigns.stageSkipped(campaignId, str(execution, CampaignProcess.Var.STAGE_ID),
          campaigns.find(campaignId).orElseThrow().createdBy(), now());
    };
  }

  /** One multi-instance job per launch key (a chunk of a plan item's departments, or other stage work): one small transaction. */
  @Bean
  JavaDelegate launchItem(ItemStarter starter, List<StageWork> work, StageItems stageItems) {
    return execution -> {
      String campaignId = str(execution, CampaignProcess.Var.CAMPAIGN_ID);
      String stageId = str(execution, CampaignProcess.Var.STAGE_ID);
      String key = str(execution, CampaignProcess.Var.LAUNCH_KEY);
      Plan plan = plans.of(campaignId);
      Plan.Stage stage = plan.requireStage(stageId);
      CampaignRepository.StageRecord record = campaigns.stages(campaignId).stream()
          .filter(s -> s.stageId().equals(stageId)).findFirst().orElseThrow();
      StageItems.LaunchKey chunk = StageItems.LaunchKey.parse(key).orElse(null);
      Plan.Item item = chunk == null ? null : plan.item(chunk.planItemId()).orElse(null);
      if (item != null) {
        starter.start(new ItemStarter.Assignment(campaignId, stageId, item.id(), item.title(),
            item.description(), item.lead(), item.assisting(), plan.dueDate(item, record.startedOn(), calendar),
            item.evidence(), false), ItemKind.TASK, stageItems.departments(item, chunk));
        return;
      }
      StageWork.Stage window = new StageWork.Stage(stageId, stage.name(), record.startedOn(), record.endsOn());
      if (work.stream().noneMatch(w -> w.launch(campaignId, plan, window, key))) {
        throw new IllegalStateException("阶段 " + stageId + " 的交办项 '" + key + "' 无法识别");
      }
    };
  }

  @Bean
  JavaDelegate closeStage() {
    return execution -> campaigns.stageDecided(str(execution, CampaignProcess.Var.CAMPAIGN_ID),
        str(execution, CampaignProcess.Var.STAGE_ID), str(execution, StageGateListener.DECIDED_BY), now());
  }

  /** A returned gate: the reason reaches every open item of the stage (their 办理 form shows it). */
  @Bean
  JavaDelegate notifyGateReturn(ItemRepository items) {
    return execution -> {
      String comment = str(execution, CampaignProcess.Var.GATE_COMMENT);
      String notice = "阶段审批退回（" + DateLabels.withWeekday(Deadlines.today()) + "）：" + comment;
      for (SupervisedItem item : items.ofStage(str(execution, CampaignProcess.Var.CAMPAIGN_ID), str(execution, CampaignProcess.Var.STAGE_ID))) {
        if (item.isOpen()) {
          items.stageNotice(item.serial(), notice);
          items.addEvent(item.serial(), ItemEventKind.STAGE_RETURNED, str(execution, StageGateListener.DECIDED_BY), now(), comment);
        }
      }
    };
  }

  static String str(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}

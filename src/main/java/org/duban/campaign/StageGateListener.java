package org.duban.campaign;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.duban.supervision.Deadlines;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records when a stage gate opens and who decided it; a return needs a reason. */
@Component
class StageGateListener {
  static final String DECIDED_BY = "gateDecidedBy";

  private final CampaignRepository campaigns;
  private final IdentityService identity;

  StageGateListener(CampaignRepository campaigns, IdentityService identity) {
    this.campaigns = campaigns;
    this.identity = identity;
  }

  @EventListener(condition = "#task.taskDefinitionKey == '" + CampaignProcess.TASK_STAGE_GATE + "' && #task.eventName == 'create'")
  void onGateOpened(DelegateTask task) {
    campaigns.gateOpened((String) task.getVariable(CampaignProcess.Var.CAMPAIGN_ID),
        (String) task.getVariable(CampaignProcess.Var.STAGE_ID), java.time.OffsetDateTime.now(Deadlines.clock()));
  }

  @EventListener(condition = "#task.taskDefinitionKey == '" + CampaignProcess.TASK_STAGE_GATE + "' && #task.eventName == 'complete'")
  void onGateDecided(DelegateTask task) {
    Object approved = task.getVariable(CampaignProcess.Var.GATE_APPROVED);
    if (!(approved instanceof Boolean)) {
      throw new BadUserRequestException("请选择审批结论：批准进入下一阶段或退回。");
    }
    Object comment = task.getVariable(CampaignProcess.Var.GATE_COMMENT);
    if (Boolean.FALSE.equals(approved) && (comment == null || comment.toString().isBlank())) {
      throw new BadUserRequestException("退回时必须填写退回理由。");
    }
    Authentication auth = identity.getCurrentAuthentication();
    task.setVariable(DECIDED_BY, auth != null ? auth.getUserId() : task.getAssignee());
  }

  /** The reopened gate starts without the last verdict preselected. */
  @EventListener(condition = "#task.taskDefinitionKey == '" + CampaignProcess.TASK_ADDRESS_GATE_RETURN + "' && #task.eventName == 'complete'")
  void onReturnAddressed(DelegateTask task) {
    task.getExecution().removeVariable(CampaignProcess.Var.GATE_APPROVED);
  }
}

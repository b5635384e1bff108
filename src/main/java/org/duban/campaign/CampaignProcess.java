package org.duban.campaign;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** campaign.bpmn and campaign-stage.bpmn: the one place that spells their ids, messages and variables. */
public final class CampaignProcess {
  public static final String KEY = "campaign";
  public static final String RESOURCE = "campaign.bpmn";
  public static final String STAGE_KEY = "campaign-stage";
  public static final String STAGE_RESOURCE = "campaign-stage.bpmn";

  /** The six stages of seed 002 §四, in order; each is a call activity of its own in campaign.bpmn. */
  public static final String PREPARATION = "preparation";
  public static final String MOBILIZATION = "mobilization";
  public static final String FULL_CREATION = "full-creation";
  public static final String SELF_CHECK = "self-check";
  public static final String RECTIFICATION = "rectification";
  public static final String INSPECTION = "inspection";
  public static final List<String> STAGES =
      List.of(PREPARATION, MOBILIZATION, FULL_CREATION, SELF_CHECK, RECTIFICATION, INSPECTION);

  // campaign.bpmn
  public static final String START_EVENT = "StartEvent_CampaignStarted";
  public static final String CALL_PREPARATION = "Call_Preparation";
  public static final String CALL_MOBILIZATION = "Call_Mobilization";
  public static final String CALL_FULL_CREATION = "Call_FullCreation";
  public static final String CALL_SELF_CHECK = "Call_SelfCheck";
  public static final String CALL_RECTIFICATION = "Call_Rectification";
  public static final String CALL_INSPECTION = "Call_Inspection";
  /** Call activity of each stage, in the order of {@link #STAGES}. */
  public static final List<String> STAGE_CALLS = List.of(
      CALL_PREPARATION, CALL_MOBILIZATION, CALL_FULL_CREATION, CALL_SELF_CHECK, CALL_RECTIFICATION, CALL_INSPECTION);
  /** 迎检评估's result (score, outcome, remarks), recorded by the creation office, ends the campaign. */
  public static final String TASK_RECORD_INSPECTION = "Task_RecordInspection";
  public static final String END_EVENT = "EndEvent_CampaignEnded";

  // campaign-stage.bpmn
  public static final String STAGE_START_EVENT = "StartEvent_StageEntered";
  public static final String TASK_PLAN_STAGE = "Task_PlanStage";
  /** A stage before the one a campaign was adopted from ends here, recorded as done before Duban (read from the record). */
  public static final String GATEWAY_SKIPPED_AT_ADOPTION = "Gateway_SkippedAtAdoption";
  public static final String TASK_SKIP_STAGE = "Task_SkipStage";
  public static final String STAGE_SKIPPED_END_EVENT = "EndEvent_StageSkipped";
  public static final String GATEWAY_STARTS_LATER = "Gateway_StartsLater";
  public static final String TIMER_STAGE_START = "Timer_StageStart";
  public static final String GATEWAY_STAGE_START_JOIN = "Gateway_StageStartJoin";
  public static final String TASK_OPEN_STAGE = "Task_OpenStage";
  public static final String TASK_LAUNCH_ITEM = "Task_LaunchItem";
  public static final String GATEWAY_ALL_CLOSED = "Gateway_AllClosed";
  public static final String EVENT_GATEWAY_STAGE_PROGRESS = "EventGateway_StageProgress";
  public static final String CATCH_ITEMS_CLOSED = "Catch_ItemsClosed";
  public static final String TIMER_STAGE_END = "Timer_StageEnd";
  public static final String GATEWAY_GATE_JOIN = "Gateway_GateJoin";
  public static final String TASK_STAGE_GATE = "Task_StageGate";
  public static final String GATEWAY_GATE_DECISION = "Gateway_GateDecision";
  public static final String TASK_NOTIFY_GATE_RETURN = "Task_NotifyGateReturn";
  public static final String TASK_ADDRESS_GATE_RETURN = "Task_AddressGateReturn";
  public static final String TASK_CLOSE_STAGE = "Task_CloseStage";
  public static final String STAGE_END_EVENT = "EndEvent_StageApproved";

  /** Correlated to the stage instance when its last open lead item closes. */
  public static final String MSG_STAGE_ITEMS_CLOSED = "Msg_StageItemsClosed";

  public static final String FORM_STAGE_GATE = "embedded:deployment:forms/stage-gate.html";
  public static final String FORM_GATE_RETURN = "embedded:deployment:forms/gate-return.html";
  public static final String FORM_INSPECTION_RESULT = "embedded:deployment:forms/inspection-result.html";

  public static final class Var {
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String PLAN_ID = "planId";
    public static final String START_DATE = "startDate";
    /** The stage a campaign adopted mid-way begins with; read once into the campaign's record at its start. */
    public static final String FROM_STAGE = "fromStage";
    public static final String STAGE_ID = "stageId";
    public static final String STAGE_NAME = "stageName";
    public static final String STARTS_LATER = "startsLater";
    public static final String STAGE_START_AT = "stageStartAt";
    public static final String STAGE_END_AT = "stageEndAt";
    /** One launch job's share of the stage: a plan item (and which of its departments), or other stage work. */
    public static final String LAUNCH_KEY = "launchKey";
    public static final String GATE_APPROVED = "gateApproved";
    public static final String GATE_COMMENT = "gateComment";
    public static final String GATE_RESPONSE = "gateResponse";
    public static final String INSPECTION_SCORE = "inspectionScore";
    public static final String INSPECTION_OUTCOME = "inspectionOutcome";
    public static final String INSPECTION_REMARKS = "inspectionRemarks";

    private Var() {}
  }

  /** What each user task's form submits: the only variables completing it may carry. */
  public static final Map<String, Set<String>> FIELDS = Map.of(
      TASK_STAGE_GATE, Set.of(Var.GATE_APPROVED, Var.GATE_COMMENT),
      TASK_ADDRESS_GATE_RETURN, Set.of(Var.GATE_RESPONSE),
      TASK_RECORD_INSPECTION, Set.of(Var.INSPECTION_SCORE, Var.INSPECTION_OUTCOME, Var.INSPECTION_REMARKS));

  private CampaignProcess() {}
}

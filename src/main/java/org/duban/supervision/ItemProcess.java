package org.duban.supervision;

/** supervised-item.bpmn: the one place that spells its ids, messages and variables. */
public final class ItemProcess {
  public static final String KEY = "supervised-item";
  public static final String RESOURCE = "supervised-item.bpmn";

  public static final String START_EVENT = "StartEvent_ItemAssigned";
  /** Handling, review and the alert timer share this scope: the timer lives as long as the item is open. */
  public static final String SUBPROCESS_SUPERVISION = "SubProcess_Supervision";
  public static final String SUPERVISION_START_EVENT = "StartEvent_SupervisionStarted";
  public static final String GATEWAY_FORK = "Gateway_Fork";
  public static final String TASK_HANDLE = "Task_Handle";
  public static final String GATEWAY_NEEDS_REVIEW = "Gateway_NeedsReview";
  public static final String TASK_REVIEW = "Task_Review";
  public static final String GATEWAY_ACCEPTED = "Gateway_Accepted";
  /** Terminate end: closing the item ends the alert loop with it. */
  public static final String SUPERVISION_END_EVENT = "EndEvent_SupervisionDone";
  public static final String GATEWAY_ALERT_LOOP = "Gateway_AlertLoop";
  /** One timer per item, set to its next reminder, escalation or progress-report instant. */
  public static final String TIMER_NEXT_ALERT = "Timer_NextAlert";
  public static final String TASK_RAISE_ALERTS = "Task_RaiseAlerts";
  /** 延期申请: an event subprocess of the item scope, so closing the item ends a pending request too. */
  public static final String SUBPROCESS_EXTENSION = "SubProcess_Extension";
  public static final String EXTENSION_START_EVENT = "StartEvent_ExtensionRequested";
  public static final String TASK_DECIDE_EXTENSION = "Task_DecideExtension";
  public static final String GATEWAY_EXTENSION_APPROVED = "Gateway_ExtensionApproved";
  public static final String TASK_APPLY_EXTENSION = "Task_ApplyExtension";
  public static final String EXTENSION_END_EVENT = "EndEvent_ExtensionDecided";
  public static final String MSG_EXTENSION_REQUESTED = "Msg_ExtensionRequested";
  public static final String TASK_CLOSE = "Task_CloseItem";
  public static final String TASK_NOTIFY_CAMPAIGN = "Task_NotifyCampaign";
  public static final String END_EVENT = "EndEvent_ItemClosed";

  public static final String FORM_HANDLE = "embedded:deployment:forms/handle-item.html";
  public static final String FORM_REVIEW = "embedded:deployment:forms/review-item.html";
  public static final String FORM_EXTENSION = "embedded:deployment:forms/extension.html";
  public static final String FORM_SELF_CHECK = "embedded:deployment:forms/self-check.html";
  public static final String FORM_SELF_CHECK_REVIEW = "embedded:deployment:forms/self-check-review.html";

  /** Variables: set at start (from the plan) ... */
  public static final class Var {
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String STAGE_ID = "stageId";
    public static final String STAGE_NAME = "stageName";
    public static final String PLAN_ITEM_ID = "planItemId";
    public static final String DEPARTMENT_ID = "departmentId";
    public static final String DEPARTMENT_NAME = "departmentName";
    public static final String ROLE = "role";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String EVIDENCE = "evidence";
    /** True when 办理 cannot be completed without at least one evidence file (the lead of a plan item naming evidence). */
    public static final String EVIDENCE_REQUIRED = "evidenceRequired";
    public static final String DUE_DATE = "dueDate";
    public static final String DUE_AT = "dueAt";
    public static final String FOLLOW_UP_AT = "followUpAt";
    public static final String ADHOC = "adhoc";
    /** {@link ItemKind}, and the forms of 办理 and 审核 it chooses (the models' form keys are these expressions) */
    public static final String KIND = "kind";
    public static final String HANDLE_FORM = "handleForm";
    public static final String REVIEW_FORM = "reviewForm";
    /** ... by the registration at start ... */
    public static final String ITEM_ID = "itemId";
    public static final String TASK_NAME = "taskName";
    public static final String REVIEW_TASK_NAME = "reviewTaskName";
    /** ... and by the forms. */
    public static final String REPORT = "report";
    public static final String ACCEPTED = "accepted";
    public static final String REVIEW_COMMENT = "reviewComment";
    /** the self-check's scores (JSON text) and the office's adjustments of them (JSON text) */
    public static final String SELF_SCORES = "selfScores";
    public static final String SCORE_ADJUSTMENTS = "scoreAdjustments";
    /** When the alert timer fires next. */
    public static final String NEXT_ALERT_AT = "nextAlertAt";
    /** 延期申请: what the department asked, and the director's decision. */
    public static final String REQUESTED_DUE_DATE = "requestedDueDate";
    public static final String EXTENSION_REASON = "extensionReason";
    public static final String EXTENSION_REQUESTED_BY = "extensionRequestedBy";
    public static final String EXTENSION_TASK_NAME = "extensionTaskName";
    public static final String EXTENSION_APPROVED = "extensionApproved";
    public static final String EXTENSION_COMMENT = "extensionComment";
    /** A returned stage gate's reason, shown in the 办理 form of the stage's open items. */
    public static final String STAGE_NOTICE = "stageNotice";

    private Var() {}
  }

  private ItemProcess() {}
}

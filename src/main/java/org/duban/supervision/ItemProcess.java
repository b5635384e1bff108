package org.duban.supervision;

import java.util.Map;
import java.util.Set;

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

  /**
   * Variables. The item's facts are not among them: they live in its record ({@link ItemRecord}).
   * What remains is what the engine needs, written by Duban, and what the forms submit.
   */
  public static final class Var {
    /** When the alert timer fires next (written by Duban only). */
    public static final String NEXT_ALERT_AT = "nextAlertAt";
    /** 办理: the department's report (办理情况); the self-check's scores (JSON text, as a file). */
    public static final String REPORT = "report";
    public static final String SELF_SCORES = "selfScores";
    /** 审核: the creation office's decision and comment; its adjustments of self-check scores (JSON). */
    public static final String ACCEPTED = "accepted";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String SCORE_ADJUSTMENTS = "scoreAdjustments";
    /** 延期审批: the director's decision. */
    public static final String EXTENSION_APPROVED = "extensionApproved";
    public static final String EXTENSION_COMMENT = "extensionComment";

    private Var() {}
  }

  /** What each user task's form submits: the only variables completing it may carry. */
  public static final Map<String, Set<String>> FIELDS = Map.of(
      TASK_HANDLE, Set.of(Var.REPORT, Var.SELF_SCORES),
      TASK_REVIEW, Set.of(Var.ACCEPTED, Var.REVIEW_COMMENT, Var.SCORE_ADJUSTMENTS),
      TASK_DECIDE_EXTENSION, Set.of(Var.EXTENSION_APPROVED, Var.EXTENSION_COMMENT));

  private ItemProcess() {}
}

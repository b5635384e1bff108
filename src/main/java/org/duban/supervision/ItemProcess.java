package org.duban.supervision;

/** supervised-item.bpmn: the one place that spells its ids, messages and variables. */
public final class ItemProcess {
  public static final String KEY = "supervised-item";
  public static final String RESOURCE = "supervised-item.bpmn";

  public static final String START_EVENT = "StartEvent_ItemAssigned";
  public static final String TASK_HANDLE = "Task_Handle";
  public static final String GATEWAY_NEEDS_REVIEW = "Gateway_NeedsReview";
  public static final String TASK_REVIEW = "Task_Review";
  public static final String GATEWAY_ACCEPTED = "Gateway_Accepted";
  public static final String TASK_CLOSE = "Task_CloseItem";
  public static final String TASK_NOTIFY_CAMPAIGN = "Task_NotifyCampaign";
  public static final String END_EVENT = "EndEvent_ItemClosed";

  public static final String FORM_HANDLE = "embedded:deployment:forms/handle-item.html";
  public static final String FORM_REVIEW = "embedded:deployment:forms/review-item.html";

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
    public static final String DUE_DATE = "dueDate";
    public static final String DUE_AT = "dueAt";
    public static final String FOLLOW_UP_AT = "followUpAt";
    public static final String ADHOC = "adhoc";
    /** ... by the registration at start ... */
    public static final String ITEM_ID = "itemId";
    public static final String TASK_NAME = "taskName";
    public static final String REVIEW_TASK_NAME = "reviewTaskName";
    /** ... and by the forms. */
    public static final String REPORT = "report";
    public static final String ACCEPTED = "accepted";
    public static final String REVIEW_COMMENT = "reviewComment";
    /** A returned stage gate's reason, shown in the 办理 form of the stage's open items. */
    public static final String STAGE_NOTICE = "stageNotice";

    private Var() {}
  }

  private ItemProcess() {}
}

package org.duban.evaluation;

import java.util.Map;
import java.util.Set;

/** veto-review.bpmn: the one place that spells its ids and variables. */
public final class EvaluationProcess {
  public static final String KEY = "veto-review";
  public static final String RESOURCE = "veto-review.bpmn";

  public static final String START_EVENT = "StartEvent_VetoReported";
  /** The creation-office director confirms or dismisses a reported veto item. */
  public static final String TASK_DECIDE_VETO = "Task_DecideVeto";
  public static final String END_EVENT = "EndEvent_VetoDecided";

  public static final String FORM_VETO_REVIEW = "embedded:deployment:forms/veto-review.html";

  public static final class Var {
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String VETO_ID = "vetoId";
    public static final String VETO_TITLE = "vetoTitle";
    public static final String DEPARTMENT_NAME = "departmentName";
    public static final String ITEM_ID = "itemId";
    public static final String NOTE = "note";
    public static final String REPORTED_BY = "reportedBy";
    public static final String TASK_NAME = "taskName";
    /** set by the director's form */
    public static final String VETO_CONFIRMED = "vetoConfirmed";
    public static final String VETO_REMARKS = "vetoRemarks";

    private Var() {}
  }

  /** What each user task's form submits: the only variables completing it may carry. */
  public static final Map<String, Set<String>> FIELDS = Map.of(
      TASK_DECIDE_VETO, Set.of(Var.VETO_CONFIRMED, Var.VETO_REMARKS));

  private EvaluationProcess() {}
}

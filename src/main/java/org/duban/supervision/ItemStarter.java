package org.duban.supervision;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.springframework.stereotype.Component;

/**
 * Starts one supervised-item instance per responsible department of a plan item. Idempotent: a
 * department that already has the item is skipped, and the unique constraint stops a concurrent twin.
 */
@Component
public class ItemStarter {
  private final RuntimeService runtime;
  private final ItemRepository items;
  private final Organization org;

  ItemStarter(RuntimeService runtime, ItemRepository items, BureauConfig config) {
    this.runtime = runtime;
    this.items = items;
    this.org = config.organization();
  }

  /** What a supervised item is made of, whether from the plan or added ad hoc. */
  public record Assignment(
      String campaignId, String stageId, String stageName, String planItemId, String title,
      String description, String lead, List<String> assisting, LocalDate dueDate,
      List<String> evidence, boolean adhoc) {}

  /** Returns the number of items started (0 when every department already has it). */
  public int start(Assignment a) {
    return start(a, ItemKind.TASK);
  }

  public int start(Assignment a, ItemKind kind) {
    int started = 0;
    started += startOne(a, kind, a.lead(), ItemRole.LEAD);
    for (String dept : a.assisting()) {
      started += startOne(a, kind, dept, ItemRole.ASSIST);
    }
    return started;
  }

  /** The lead department proves the plan item's required evidence; assisting departments may attach but need not. */
  public static boolean evidenceRequired(ItemRole role, List<String> evidence) {
    return role == ItemRole.LEAD && evidence != null && !evidence.isEmpty();
  }

  private int startOne(Assignment a, ItemKind kind, String departmentId, ItemRole role) {
    if (items.exists(a.campaignId(), a.planItemId(), departmentId)) {
      return 0;
    }
    Organization.Department dept = org.requireDepartment(departmentId);
    Map<String, Object> vars = new HashMap<>();
    vars.put(ItemProcess.Var.CAMPAIGN_ID, a.campaignId());
    vars.put(ItemProcess.Var.STAGE_ID, a.stageId());
    vars.put(ItemProcess.Var.STAGE_NAME, a.stageName());
    vars.put(ItemProcess.Var.PLAN_ITEM_ID, a.planItemId());
    vars.put(ItemProcess.Var.DEPARTMENT_ID, dept.id());
    vars.put(ItemProcess.Var.DEPARTMENT_NAME, dept.name());
    vars.put(ItemProcess.Var.ROLE, role.name());
    vars.put(ItemProcess.Var.TITLE, a.title());
    vars.put(ItemProcess.Var.DESCRIPTION, a.description() == null ? "" : a.description());
    vars.put(ItemProcess.Var.EVIDENCE, String.join("；", a.evidence()));
    // a rectification is verified on its evidence; otherwise the plan item says
    vars.put(ItemProcess.Var.EVIDENCE_REQUIRED, kind == ItemKind.RECTIFICATION || evidenceRequired(role, a.evidence()));
    vars.put(ItemProcess.Var.DUE_DATE, a.dueDate().toString());
    vars.put(ItemProcess.Var.DUE_AT, Deadlines.endOf(a.dueDate()));
    vars.put(ItemProcess.Var.FOLLOW_UP_AT, Deadlines.yellowFrom(a.dueDate()));
    vars.put(ItemProcess.Var.ADHOC, a.adhoc());
    vars.put(ItemProcess.Var.KIND, kind.name());
    vars.put(ItemProcess.Var.HANDLE_FORM, kind.handleForm);
    vars.put(ItemProcess.Var.REVIEW_FORM, kind.reviewForm);
    runtime.createProcessInstanceByKey(ItemProcess.KEY)
        .businessKey(a.campaignId() + "/" + a.planItemId() + "/" + departmentId)
        .setVariables(vars)
        .execute();
    return 1;
  }
}

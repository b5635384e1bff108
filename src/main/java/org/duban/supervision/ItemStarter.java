package org.duban.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.duban.web.Privileged;
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
  private final IdentityService identity;

  ItemStarter(RuntimeService runtime, ItemRepository items, BureauConfig config, IdentityService identity) {
    this.runtime = runtime;
    this.identity = identity;
    this.items = items;
    this.org = config.organization();
  }

  /** What a supervised item is made of, whether from the plan or added ad hoc. */
  public record Assignment(
      String campaignId, String stageId, String planItemId, String title,
      String description, String lead, List<String> assisting, LocalDate dueDate,
      List<String> evidence, boolean adhoc) {}

  /** Returns the number of items started (0 when every department already has it). */
  public int start(Assignment a) {
    return start(a, ItemKind.TASK);
  }

  public int start(Assignment a, ItemKind kind) {
    List<String> all = new ArrayList<>();
    all.add(a.lead());
    all.addAll(a.assisting());
    return start(a, kind, all);
  }

  /**
   * Starts the assignment's items of these departments only (a launch job's chunk), each its own
   * process instance, with serial numbers reserved for them at once.
   */
  public int start(Assignment a, ItemKind kind, List<String> departments) {
    java.util.Set<String> started = items.departmentsWith(a.campaignId(), a.planItemId());
    List<String> missing = departments.stream().filter(d -> !started.contains(d)).toList();
    if (missing.isEmpty()) {
      return 0;
    }
    int year = Deadlines.today().getYear();
    long serial = items.reserveSerials(year, missing.size());
    for (String department : missing) {
      startOne(a, kind, department, department.equals(a.lead()) ? ItemRole.LEAD : ItemRole.ASSIST,
          ItemRepository.serial(year, serial++));
    }
    return missing.size();
  }

  /** The lead department proves the plan item's required evidence; assisting departments may attach but need not. */
  private static boolean evidenceRequired(ItemRole role, List<String> evidence) {
    return role == ItemRole.LEAD && evidence != null && !evidence.isEmpty();
  }

  private void startOne(Assignment a, ItemKind kind, String departmentId, ItemRole role, String serial) {
    Organization.Department dept = org.requireDepartment(departmentId);
    // a rectification is verified on its evidence; otherwise the plan item says
    boolean evidenceRequired = kind == ItemKind.RECTIFICATION || evidenceRequired(role, a.evidence());
    items.insert(new SupervisedItem(serial, a.campaignId(), a.stageId(), a.planItemId(), dept.id(), role, a.title(),
        a.description() == null ? "" : a.description(), a.dueDate(), ItemStatus.PENDING_SIGN, a.adhoc(), null, null, null,
        null, ItemDelegates.now(), null, null, kind, String.join("；", a.evidence()), evidenceRequired));
    // the record above is the item; its process finds it by the serial at its start (registerItem).
    // Duban's own step: whoever asked for the item has been checked by the caller.
    Privileged.run(identity, () -> runtime.createProcessInstanceByKey(ItemProcess.KEY).businessKey(serial).execute());
  }
}

package org.duban.supervision;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.springframework.stereotype.Component;

/**
 * What supervised-item.bpmn asks of an item, answered from its record (found by the process
 * instance id), never from a variable a department user could write: who works the task, until
 * when, in which form, and where the gateways go. The model calls it as {@code ${itemRecord.…(execution)}}.
 */
@Component("itemRecord")
public class ItemRecord {
  private final ItemRepository items;
  private final Organization org;

  ItemRecord(ItemRepository items, BureauConfig config) {
    this.items = items;
    this.org = config.organization();
  }

  public SupervisedItem of(DelegateExecution execution) {
    return items.ofInstance(execution.getProcessInstanceId());
  }

  /** 办理's candidate group: the responsible department. */
  public String department(DelegateExecution execution) {
    return of(execution).departmentId();
  }

  public Date dueAt(DelegateExecution execution) {
    return Deadlines.endOf(of(execution).dueDate());
  }

  /** Tasklist's 即将到期 filter reads the follow-up date: the start of the yellow period. */
  public Date followUpAt(DelegateExecution execution) {
    return Deadlines.yellowFrom(of(execution).dueDate());
  }

  /**
   * Task lists read form keys after their query: a task completed in between has no execution any more.
   * It is gone, so any key does; the list must not fail for it.
   */
  public String handleForm(DelegateExecution execution) {
    return execution == null ? ItemKind.TASK.handleForm : of(execution).kind().handleForm;
  }

  public String reviewForm(DelegateExecution execution) {
    return execution == null ? ItemKind.TASK.reviewForm : of(execution).kind().reviewForm;
  }

  public String taskName(DelegateExecution execution) {
    SupervisedItem item = of(execution);
    return item.serial() + " " + item.title() + (item.role() == ItemRole.ASSIST ? "（配合）" : "");
  }

  public String reviewTaskName(DelegateExecution execution) {
    SupervisedItem item = of(execution);
    return item.kind().reviewPrefix + item.serial() + " " + item.title() + "（" + org.departmentName(item.departmentId()) + "）";
  }

  public String extensionTaskName(DelegateExecution execution) {
    SupervisedItem item = of(execution);
    return "【延期申请】" + item.serial() + " " + item.title();
  }

  /** The lead department's item is reviewed by the creation office; an assisting one closes on submission. */
  public boolean needsReview(DelegateExecution execution) {
    return of(execution).role() == ItemRole.LEAD;
  }

  /** The reviewer's decision, as recorded in the trail when the review task was completed. */
  public boolean accepted(DelegateExecution execution) {
    SupervisedItem item = of(execution);
    return items.lastReview(item.serial()).map(e -> e.kind() == ItemEventKind.ACCEPTED)
        .orElseThrow(() -> new IllegalStateException("事项 " + item.serial() + " 没有审核记录"));
  }

  /** The director's decision on the item's latest extension request, as recorded at its completion. */
  public boolean extensionApproved(DelegateExecution execution) {
    SupervisedItem item = of(execution);
    return items.latestExtension(item.serial()).map(x -> Boolean.TRUE.equals(x.approved()))
        .orElseThrow(() -> new IllegalStateException("事项 " + item.serial() + " 没有延期申请"));
  }
}

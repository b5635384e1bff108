package org.duban.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A row of supervised_item: one plan item for one department. The one source of the item's facts;
 * the process finds it by its instance id ({@link ItemRecord}), never from a variable.
 */
public record SupervisedItem(
    String serial,
    String campaignId,
    String stageId,
    String planItemId,
    String departmentId,
    ItemRole role,
    String title,
    String description,
    LocalDate dueDate,
    ItemStatus status,
    boolean adhoc,
    String processInstanceId,
    String assignee,
    OffsetDateTime claimedAt,
    String report,
    OffsetDateTime createdAt,
    OffsetDateTime submittedAt,
    OffsetDateTime closedAt,
    ItemKind kind,
    /** what the plan asks as 佐证材料, for the form ("；"-separated) */
    String evidence,
    /** 办理 cannot be submitted without at least one evidence file */
    boolean evidenceRequired) {

  /** The same item with another due date (what an approved extension makes of it). */
  public SupervisedItem withDueDate(LocalDate due) {
    return new SupervisedItem(serial, campaignId, stageId, planItemId, departmentId, role, title, description, due, status,
        adhoc, processInstanceId, assignee, claimedAt, report, createdAt, submittedAt, closedAt, kind, evidence, evidenceRequired);
  }

  public boolean isOpen() {
    return status != ItemStatus.CLOSED;
  }

  /** What the office sees: the stored status, or 已超期 / 即将到期 derived from the due date. */
  public String displayStatus() {
    if (isOverdue()) {
      return "已超期";
    }
    if (isDueSoon()) {
      return "即将到期";
    }
    return status.label;
  }

  /** 即将到期 (or later): not closed, not waiting in review, and in the yellow period of its due date. */
  public boolean isDueSoon() {
    return isOpen() && status != ItemStatus.IN_REVIEW && Deadlines.isYellow(dueDate);
  }

  /** 已超期: not closed, not waiting in review, and the due date has passed. */
  public boolean isOverdue() {
    return isOverdue(status, dueDate);
  }

  static boolean isOverdue(ItemStatus status, LocalDate dueDate) {
    return status != ItemStatus.CLOSED && status != ItemStatus.IN_REVIEW && Deadlines.isOverdue(dueDate);
  }
}

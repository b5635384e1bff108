package org.duban.reporting;

import java.time.LocalDate;
import org.duban.supervision.ItemRole;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.SupervisedItem;

/**
 * One supervised item with what the reports say about it, computed once by {@link ReportData}.
 *
 * @param late 逾期: overdue now, or its 办理情况 was submitted after the due date
 * @param daysOverdue working days past the due date: until today while open, until the submission once submitted late
 * @param escalationLevel the highest escalation level raised for it (0: none)
 * @param light for open items only (null once closed)
 */
record ItemFacts(
    SupervisedItem item,
    String stageName,
    String departmentName,
    String statusLabel,
    boolean late,
    int daysOverdue,
    int escalationLevel,
    int extensions,
    LocalDate submittedOn,
    LocalDate closedOn,
    Light light) {

  String serial() {
    return item.serial();
  }

  String departmentId() {
    return item.departmentId();
  }

  boolean closed() {
    return item.status() == ItemStatus.CLOSED;
  }

  boolean lead() {
    return item.role() == ItemRole.LEAD;
  }

  String roleLabel() {
    return lead() ? "牵头" : "配合";
  }

  boolean overdueNow() {
    return item.isOverdue();
  }

  boolean closedOnTime() {
    return closed() && !late;
  }

  /** In the denominator of 按期完成率: closed, or its due date has passed. */
  boolean counts(LocalDate today) {
    return closed() || today.isAfter(item.dueDate());
  }

  static String levelLabel(int level) {
    return switch (level) {
      case 0 -> "—";
      case 1 -> "一级";
      case 2 -> "二级";
      case 3 -> "三级";
      default -> level + "级";
    };
  }
}

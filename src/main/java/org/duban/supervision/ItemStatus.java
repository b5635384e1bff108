package org.duban.supervision;

/** Stored statuses of a supervised item; 即将到期 and 已超期 are derived from the due date. */
public enum ItemStatus {
  PENDING_SIGN("待签收"),
  IN_PROGRESS("办理中"),
  IN_REVIEW("待审核"),
  RETURNED("已退回"),
  CLOSED("已办结");

  public final String label;

  ItemStatus(String label) {
    this.label = label;
  }
}

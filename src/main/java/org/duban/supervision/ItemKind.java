package org.duban.supervision;

/** What a supervised item is for; it chooses the item's forms and task names. */
public enum ItemKind {
  /** a plan item or an ad-hoc item: 办理 and 审核 */
  TASK(ItemProcess.FORM_HANDLE, ItemProcess.FORM_REVIEW, "【审核】"),
  /** a department's self-check scoring (自查评分) of its evaluation items, reviewed by the office */
  SELF_CHECK(ItemProcess.FORM_SELF_CHECK, ItemProcess.FORM_SELF_CHECK_REVIEW, "【评分审核】"),
  /** an entry of the 整改清单: evidence required, the office verifies it (销号) */
  RECTIFICATION(ItemProcess.FORM_HANDLE, ItemProcess.FORM_REVIEW, "【整改销号】");

  public final String handleForm;
  public final String reviewForm;
  final String reviewPrefix;

  ItemKind(String handleForm, String reviewForm, String reviewPrefix) {
    this.handleForm = handleForm;
    this.reviewForm = reviewForm;
    this.reviewPrefix = reviewPrefix;
  }
}

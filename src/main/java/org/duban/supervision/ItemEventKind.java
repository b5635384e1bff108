package org.duban.supervision;

/** What can happen to an item; each is recorded with who and when (留痕). */
public enum ItemEventKind {
  CREATED("交办"),
  CLAIMED("签收"),
  UNCLAIMED("取消签收"),
  SUBMITTED("提交办理情况"),
  ACCEPTED("审核通过"),
  RETURNED("退回重办"),
  CLOSED("办结"),
  STAGE_RETURNED("阶段审批退回"),
  REMINDED("到期提醒"),
  /** a reminder (or escalation) whose instant came but that was not sent, with the reason */
  ALERT_SKIPPED("提醒未发送"),
  ESCALATED("超期预警"),
  URGED("催办"),
  PROGRESS_NOTE("进展反馈"),
  EXTENSION_REQUESTED("申请延期"),
  EXTENSION_APPROVED("延期获批"),
  EXTENSION_REJECTED("延期未获批"),
  EVIDENCE_ADDED("上传佐证材料");

  public final String label;

  ItemEventKind(String label) {
    this.label = label;
  }
}

package org.duban.supervision;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps supervised_item's status and audit trail in step with the item's user tasks. */
@Component
class ItemTaskListener {
  private final ItemRepository items;
  private final IdentityService identity;
  private final int minReportLength;
  private final ItemAlerts alerts;
  private final ItemMails mails;
  private final Recipients recipients;
  private final ItemEvidence evidence;

  ItemTaskListener(ItemRepository items, IdentityService identity, ItemAlerts alerts, ItemMails mails, Recipients recipients,
      ItemEvidence evidence, @Value("${duban.min-report-length}") int minReportLength) {
    this.items = items;
    this.evidence = evidence;
    this.identity = identity;
    this.alerts = alerts;
    this.mails = mails;
    this.recipients = recipients;
    this.minReportLength = minReportLength;
  }

  @EventListener(condition = "#task.taskDefinitionKey == '" + ItemProcess.TASK_HANDLE + "'")
  void onHandle(DelegateTask task) {
    String serial = (String) task.getVariable(ItemProcess.Var.ITEM_ID);
    switch (task.getEventName()) {
      case TaskListener.EVENTNAME_CREATE -> {
        if (Boolean.FALSE.equals(task.getVariable(ItemProcess.Var.ACCEPTED))) {
          items.updateStatus(serial, ItemStatus.RETURNED);
          // returned after its due date it is overdue at once: an escalation that waited fires now
          alerts.rearm(task.getProcessInstanceId(), serial);
        }
      }
      case TaskListener.EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          items.claimed(serial, task.getAssignee(), ItemDelegates.now());
          items.addEvent(serial, ItemEventKind.CLAIMED, actorOr(task.getAssignee()), ItemDelegates.now(), task.getAssignee());
        } else {
          boolean returned = Boolean.FALSE.equals(task.getVariable(ItemProcess.Var.ACCEPTED));
          items.unclaimed(serial, returned ? ItemStatus.RETURNED : ItemStatus.PENDING_SIGN);
          items.addEvent(serial, ItemEventKind.UNCLAIMED, ItemDelegates.actor(identity), ItemDelegates.now(), null);
        }
      }
      case TaskListener.EVENTNAME_COMPLETE -> {
        Object report = task.getVariable(ItemProcess.Var.REPORT);
        String text = report == null ? "" : report.toString().strip();
        if (text.codePointCount(0, text.length()) < minReportLength) {
          throw new BadUserRequestException("办理情况至少需要填写 " + minReportLength + " 个字。");
        }
        if (Boolean.TRUE.equals(task.getVariable(ItemProcess.Var.EVIDENCE_REQUIRED)) && evidence.countOf(serial) == 0) {
          throw new BadUserRequestException("请先上传佐证材料（至少 1 个文件）：" + task.getVariable(ItemProcess.Var.EVIDENCE) + "。");
        }
        items.submitted(serial, ItemStatus.IN_REVIEW, text, ItemDelegates.now());
        // the next review starts without the last one's verdict preselected
        task.getExecution().removeVariable(ItemProcess.Var.ACCEPTED);
        items.addEvent(serial, ItemEventKind.SUBMITTED, actorOr(task.getAssignee()), ItemDelegates.now(), text);
      }
      default -> { }
    }
  }

  @EventListener(condition = "#task.taskDefinitionKey == '" + ItemProcess.TASK_REVIEW + "' && #task.eventName == 'complete'")
  void onReviewed(DelegateTask task) {
    String serial = (String) task.getVariable(ItemProcess.Var.ITEM_ID);
    String department = (String) task.getVariable(ItemProcess.Var.DEPARTMENT_ID);
    String reviewer = actorOr(task.getAssignee());
    if (reviewer != null && groupsOf(reviewer).contains(department)) {
      throw new BadUserRequestException("不能审核本单位的督办事项：请由创建办其他同志审核。");
    }
    Object accepted = task.getVariable(ItemProcess.Var.ACCEPTED);
    if (!(accepted instanceof Boolean)) {
      throw new BadUserRequestException("请选择审核结论：通过或退回。");
    }
    String comment = (String) task.getVariable(ItemProcess.Var.REVIEW_COMMENT);
    if (Boolean.FALSE.equals(accepted) && (comment == null || comment.isBlank())) {
      throw new BadUserRequestException("退回时必须填写退回意见。");
    }
    items.addEvent(serial, (Boolean) accepted ? ItemEventKind.ACCEPTED : ItemEventKind.RETURNED,
        reviewer, ItemDelegates.now(), comment);
  }

  private String actorOr(String fallback) {
    String actor = ItemDelegates.actor(identity);
    return actor != null ? actor : fallback;
  }

  private List<String> groupsOf(String user) {
    Authentication auth = identity.getCurrentAuthentication();
    if (auth != null && user.equals(auth.getUserId()) && auth.getGroupIds() != null) {
      return auth.getGroupIds();
    }
    return identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
  }

  /** The director's decision on an extension: recorded, and told to the department. */
  @EventListener(condition = "#task.taskDefinitionKey == '" + ItemProcess.TASK_DECIDE_EXTENSION + "' && #task.eventName == 'complete'")
  void onExtensionDecided(DelegateTask task) {
    Object approved = task.getVariable(ItemProcess.Var.EXTENSION_APPROVED);
    if (!(approved instanceof Boolean)) {
      throw new BadUserRequestException("请选择审批结论：批准延期或不批准。");
    }
    String serial = (String) task.getVariable(ItemProcess.Var.ITEM_ID);
    String requested = (String) task.getVariable(ItemProcess.Var.REQUESTED_DUE_DATE);
    Object comment = task.getVariable(ItemProcess.Var.EXTENSION_COMMENT);
    String decider = actorOr(task.getAssignee());
    items.addEvent(serial, (Boolean) approved ? ItemEventKind.EXTENSION_APPROVED : ItemEventKind.EXTENSION_REJECTED, decider,
        ItemDelegates.now(), "申请延至 " + requested + (comment == null ? "" : "：" + comment));
    SupervisedItem item = items.find(serial).orElseThrow();
    String lead = (Boolean) approved
        ? "贵单位关于「" + item.title() + "」的延期申请已获批准，完成时限延至 " + requested + "。"
        : "贵单位关于「" + item.title() + "」的延期申请未获批准，请按原完成时限 " + item.dueDate() + " 办理。";
    mails.send(item, (String) task.getVariable(ItemProcess.Var.STAGE_NAME),
        new ItemMails.Occasion(serial + "|EXTENSION|" + requested + "|" + task.getId(), org.duban.notification.MailKind.EXTENSION,
            "【延期申请】" + item.title() + ((Boolean) approved ? "延期已批准" : "延期未批准"), lead,
            comment == null ? null : comment.toString()),
        recipients.department(item));
  }
}

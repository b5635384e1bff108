package org.duban.supervision;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.duban.plan.DateLabels;
import org.duban.web.ApiException;
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
    switch (task.getEventName()) {
      case TaskListener.EVENTNAME_ASSIGNMENT -> {
        String serial = items.ofInstance(task.getProcessInstanceId()).serial();
        if (task.getAssignee() != null) {
          items.claimed(serial, task.getAssignee(), ItemDelegates.now());
          items.addEvent(serial, ItemEventKind.CLAIMED, actorOr(task.getAssignee()), ItemDelegates.now(), task.getAssignee());
        } else {
          items.unclaimed(serial, wasReturned(serial) ? ItemStatus.RETURNED : ItemStatus.PENDING_SIGN);
          items.addEvent(serial, ItemEventKind.UNCLAIMED, ItemDelegates.actor(identity), ItemDelegates.now(), null);
        }
      }
      case TaskListener.EVENTNAME_COMPLETE -> {
        SupervisedItem item = items.ofInstance(task.getProcessInstanceId());
        Object report = task.getVariable(ItemProcess.Var.REPORT);
        String text = report == null ? "" : report.toString().strip();
        if (text.codePointCount(0, text.length()) < minReportLength) {
          throw ApiException.badRequest("办理情况至少需要填写 " + minReportLength + " 个字。");
        }
        if (item.evidenceRequired() && evidence.countOf(item.serial()) == 0) {
          throw ApiException.badRequest("请先上传佐证材料（至少 1 个文件）" + (item.evidence().isEmpty() ? "" : "：" + item.evidence()) + "。");
        }
        items.submitted(item.serial(), ItemStatus.IN_REVIEW, text, ItemDelegates.now());
        // the next review starts without the last one's verdict preselected
        task.getExecution().removeVariable(ItemProcess.Var.ACCEPTED);
        items.addEvent(item.serial(), ItemEventKind.SUBMITTED, actorOr(task.getAssignee()), ItemDelegates.now(), text);
      }
      default -> { }
    }
  }

  /** Unclaimed after a return: the last review said 退回 (an accepted item has no 办理 task any more). */
  private boolean wasReturned(String serial) {
    return items.lastReview(serial).map(e -> e.kind() == ItemEventKind.RETURNED).orElse(false);
  }

  /**
   * The reviewer's decision is taken from the completion of the review task and recorded at once;
   * the model's gateway reads the record. A return reopens 办理 and, after the due date, is overdue at once.
   */
  @EventListener(condition = "#task.taskDefinitionKey == '" + ItemProcess.TASK_REVIEW + "' && #task.eventName == 'complete'")
  void onReviewed(DelegateTask task) {
    SupervisedItem item = items.ofInstance(task.getProcessInstanceId());
    String reviewer = actorOr(task.getAssignee());
    if (reviewer != null && groupsOf(reviewer).contains(item.departmentId())) {
      throw ApiException.badRequest("不能审核本单位的督办事项：请由创建办其他同志审核。");
    }
    Object accepted = task.getVariable(ItemProcess.Var.ACCEPTED);
    if (!(accepted instanceof Boolean)) {
      throw ApiException.badRequest("请选择审核结论：通过或退回。");
    }
    Object comment = task.getVariable(ItemProcess.Var.REVIEW_COMMENT);
    String text = comment == null ? "" : comment.toString().strip();
    if (Boolean.FALSE.equals(accepted) && text.isEmpty()) {
      throw ApiException.badRequest("退回时必须填写退回意见。");
    }
    items.addEvent(item.serial(), (Boolean) accepted ? ItemEventKind.ACCEPTED : ItemEventKind.RETURNED,
        reviewer, ItemDelegates.now(), text.isEmpty() ? null : text);
    if (Boolean.FALSE.equals(accepted)) {
      items.updateStatus(item.serial(), ItemStatus.RETURNED);
      alerts.rearm(task.getProcessInstanceId(), item.serial());
    }
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

  /** The director's decision on an extension: recorded on the request, in the trail, and told to the department. */
  @EventListener(condition = "#task.taskDefinitionKey == '" + ItemProcess.TASK_DECIDE_EXTENSION + "' && #task.eventName == 'complete'")
  void onExtensionDecided(DelegateTask task) {
    Object approved = task.getVariable(ItemProcess.Var.EXTENSION_APPROVED);
    if (!(approved instanceof Boolean)) {
      throw ApiException.badRequest("请选择审批结论：批准延期或不批准。");
    }
    SupervisedItem item = items.ofInstance(task.getProcessInstanceId());
    ItemRepository.Extension request = items.latestExtension(item.serial()).orElseThrow();
    Object value = task.getVariable(ItemProcess.Var.EXTENSION_COMMENT);
    String comment = value == null || value.toString().isBlank() ? null : value.toString().strip();
    String decider = actorOr(task.getAssignee());
    String requested = request.requestedDueDate().toString();
    items.extensionDecided(request.id(), (Boolean) approved, decider, ItemDelegates.now(), comment);
    items.addEvent(item.serial(), (Boolean) approved ? ItemEventKind.EXTENSION_APPROVED : ItemEventKind.EXTENSION_REJECTED, decider,
        ItemDelegates.now(), "申请延至 " + requested + (comment == null ? "" : "：" + comment));
    // the next request starts without this verdict
    task.getExecution().removeVariable(ItemProcess.Var.EXTENSION_APPROVED);
    String lead = (Boolean) approved
        ? "贵单位关于「" + item.title() + "」的延期申请已获批准，完成时限延至 " + DateLabels.withWeekday(request.requestedDueDate()) + "。"
        : "贵单位关于「" + item.title() + "」的延期申请未获批准，请按原完成时限 " + DateLabels.withWeekday(item.dueDate()) + " 办理。";
    // the mail's 完成时限 is the one that applies from now on (applyExtension moves it right after)
    mails.send((Boolean) approved ? item.withDueDate(request.requestedDueDate()) : item,
        new ItemMails.Occasion(item.serial() + "|EXTENSION|" + requested + "|" + task.getId(), org.duban.notification.MailKind.EXTENSION,
            "【延期申请】" + item.title() + ((Boolean) approved ? "延期已批准" : "延期未批准"), lead, comment),
        recipients.department(item));
  }
}

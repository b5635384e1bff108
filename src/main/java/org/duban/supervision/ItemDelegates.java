package org.duban.supervision;

import java.time.OffsetDateTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.duban.campaign.CampaignProcess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service steps of supervised-item.bpmn, each a bean named as in the model. */
@Configuration
class ItemDelegates {
  private final ItemRepository items;

  ItemDelegates(ItemRepository items) {
    this.items = items;
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(Deadlines.clock());
  }

  static String actor(IdentityService identity) {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }

  /** At the start: the serial number and the row that makes the item unique per department. */
  @Bean
  ExecutionListener registerItem(IdentityService identity, ItemAlerts alerts) {
    return execution -> {
      String serial = items.nextSerial(Deadlines.today().getYear());
      ItemRole role = ItemRole.valueOf(str(execution, ItemProcess.Var.ROLE));
      String title = str(execution, ItemProcess.Var.TITLE);
      String dept = str(execution, ItemProcess.Var.DEPARTMENT_NAME);
      items.insert(new SupervisedItem(
          serial, str(execution, ItemProcess.Var.CAMPAIGN_ID), str(execution, ItemProcess.Var.STAGE_ID),
          str(execution, ItemProcess.Var.PLAN_ITEM_ID), str(execution, ItemProcess.Var.DEPARTMENT_ID), role, title,
          str(execution, ItemProcess.Var.DESCRIPTION), java.time.LocalDate.parse(str(execution, ItemProcess.Var.DUE_DATE)),
          ItemStatus.PENDING_SIGN, Boolean.TRUE.equals(execution.getVariable(ItemProcess.Var.ADHOC)),
          execution.getProcessInstanceId(), null, null, null, now(), null, null));
      items.addEvent(serial, ItemEventKind.CREATED, actor(identity), now(), dept + "（" + role.label + "）");
      execution.setVariable(ItemProcess.Var.NEXT_ALERT_AT, alerts.firstAlertAt(items.find(serial).orElseThrow()));
      execution.setVariable(ItemProcess.Var.ITEM_ID, serial);
      execution.setVariable(ItemProcess.Var.TASK_NAME,
          serial + " " + title + (role == ItemRole.ASSIST ? "（配合）" : ""));
      ItemKind kind = ItemKind.of(execution.getVariable(ItemProcess.Var.KIND));
      execution.setVariable(ItemProcess.Var.REVIEW_TASK_NAME, kind.reviewPrefix + serial + " " + title + "（" + dept + "）");
    };
  }

  /**
   * An approved extension: the due date moves in the table, the variables and the open 办理 task,
   * and the alert timer is re-armed for the new date (reminders and escalations of the old date are
   * not raised any more: their keys carry the date).
   */
  @Bean
  JavaDelegate applyExtension(ItemAlerts alerts, TaskService tasks) {
    return execution -> {
      String serial = str(execution, ItemProcess.Var.ITEM_ID);
      java.time.LocalDate due = java.time.LocalDate.parse(str(execution, ItemProcess.Var.REQUESTED_DUE_DATE));
      items.extended(serial, due);
      execution.setVariable(ItemProcess.Var.DUE_DATE, due.toString());
      execution.setVariable(ItemProcess.Var.DUE_AT, Deadlines.endOf(due));
      execution.setVariable(ItemProcess.Var.FOLLOW_UP_AT, Deadlines.yellowFrom(due));
      for (org.camunda.bpm.engine.task.Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey(ItemProcess.TASK_HANDLE).list()) {
        task.setDueDate(Deadlines.endOf(due));
        task.setFollowUpDate(Deadlines.yellowFrom(due));
        tasks.saveTask(task);
      }
      alerts.rearm(execution.getProcessInstanceId(), serial);
    };
  }

  @Bean
  JavaDelegate closeItem() {
    return execution -> {
      String serial = str(execution, ItemProcess.Var.ITEM_ID);
      items.closed(serial, now());
      items.addEvent(serial, ItemEventKind.CLOSED, null, now(), null);
    };
  }

  /**
   * Asynchronous, after the item's own commit: tells the stage when its last open lead item closed.
   * No waiting stage (at a gate, or already past) is not an error.
   */
  @Bean
  JavaDelegate notifyCampaign(RuntimeService runtime) {
    return execution -> {
      String campaignId = str(execution, ItemProcess.Var.CAMPAIGN_ID);
      String stageId = str(execution, ItemProcess.Var.STAGE_ID);
      if (items.openLeadItems(campaignId, stageId) == 0) {
        runtime.createMessageCorrelation(CampaignProcess.MSG_STAGE_ITEMS_CLOSED)
            .processInstanceVariableEquals(CampaignProcess.Var.CAMPAIGN_ID, campaignId)
            .processInstanceVariableEquals(CampaignProcess.Var.STAGE_ID, stageId)
            .correlateAllWithResult();
      }
    };
  }

  private static String str(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}

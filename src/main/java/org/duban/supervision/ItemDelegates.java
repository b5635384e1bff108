package org.duban.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.plan.BureauConfig;
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

  /**
   * At the start: the record the starter inserted (named by the business key, in the starter's own
   * transaction) is tied to this instance; from here on the item is found by its instance id.
   */
  @Bean
  ExecutionListener registerItem(IdentityService identity, ItemAlerts alerts, BureauConfig config) {
    return execution -> {
      String serial = execution.getProcessBusinessKey();
      items.linkInstance(serial, execution.getProcessInstanceId());
      SupervisedItem item = items.find(serial).orElseThrow();
      try (ItemLogContext context = ItemLogContext.of(item)) {
        items.addEvent(serial, ItemEventKind.CREATED, actor(identity), now(),
            config.organization().departmentName(item.departmentId()) + "（" + item.role().label + "）");
        execution.setVariable(ItemProcess.Var.NEXT_ALERT_AT, alerts.firstAlertAt(item));
      }
    };
  }

  /**
   * An approved extension: the due date moves in the table and the open 办理 task, and the alert
   * timer is re-armed for the new date (reminders and escalations of the old date are not raised
   * any more: their keys carry the date).
   */
  @Bean
  JavaDelegate applyExtension(ItemAlerts alerts, TaskService tasks) {
    return execution -> {
      SupervisedItem item = items.ofInstance(execution.getProcessInstanceId());
      try (ItemLogContext context = ItemLogContext.of(item)) {
        LocalDate due = items.latestExtension(item.serial()).orElseThrow().requestedDueDate();
        items.extended(item.serial(), due);
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(ItemProcess.TASK_HANDLE).list()) {
          task.setDueDate(Deadlines.endOf(due));
          task.setFollowUpDate(Deadlines.yellowFrom(due));
          tasks.saveTask(task);
        }
        alerts.rearm(execution.getProcessInstanceId(), item.serial());
      }
    };
  }

  @Bean
  JavaDelegate closeItem() {
    return execution -> {
      SupervisedItem item = items.ofInstance(execution.getProcessInstanceId());
      try (ItemLogContext context = ItemLogContext.of(item)) {
        items.closed(item.serial(), now());
        items.addEvent(item.serial(), ItemEventKind.CLOSED, null, now(), null);
      }
    };
  }

  /**
   * Asynchronous, after the item's own commit: tells the stage when its last open lead item closed.
   * No waiting stage (at a gate, or already past) is not an error.
   */
  @Bean
  JavaDelegate notifyCampaign(RuntimeService runtime) {
    return execution -> {
      SupervisedItem item = items.ofInstance(execution.getProcessInstanceId());
      String campaignId = item.campaignId();
      String stageId = item.stageId();
      try (ItemLogContext context = ItemLogContext.of(item)) {
        if (items.openLeadItems(campaignId, stageId) == 0) {
          runtime.createMessageCorrelation(CampaignProcess.MSG_STAGE_ITEMS_CLOSED)
              .processInstanceVariableEquals(CampaignProcess.Var.CAMPAIGN_ID, campaignId)
              .processInstanceVariableEquals(CampaignProcess.Var.STAGE_ID, stageId)
              .correlateAllWithResult();
        }
      }
    };
  }
}

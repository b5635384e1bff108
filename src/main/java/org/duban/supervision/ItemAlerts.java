package org.duban.supervision;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.duban.notification.MailKind;
import org.duban.plan.BureauConfig;
import org.duban.plan.DateLabels;
import org.duban.plan.Plan;
import org.duban.plan.WorkingCalendar;
import org.duban.web.Privileged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The alert loop of supervised-item.bpmn: does what the item's schedule ({@link AlertSchedule})
 * says of the alerts whose instant has come — raises them (recorded once per key, mails written to
 * the outbox in the same transaction) or records them as skipped, with the reason in the trail —
 * and sets the one timer to the next instant. An escalation waits while the item is in review and
 * is raised when it is returned; closing the item ends the loop.
 */
@Component("raiseAlerts")
public class ItemAlerts implements JavaDelegate {
  private static final Logger log = LoggerFactory.getLogger(ItemAlerts.class);
  private static final Duration NEVER = Duration.ofDays(3650);

  private final ItemRepository items;
  private final AlertRepository alerts;
  private final PlanLookup plans;
  private final WorkingCalendar calendar;
  private final Recipients recipients;
  private final ItemMails mails;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final IdentityService identity;
  private final LeaderDigest digest;

  ItemAlerts(ItemRepository items, AlertRepository alerts, PlanLookup plans, BureauConfig config, Recipients recipients,
      ItemMails mails, RuntimeService runtime, ManagementService management, IdentityService identity, LeaderDigest digest) {
    this.digest = digest;
    this.identity = identity;
    this.items = items;
    this.alerts = alerts;
    this.plans = plans;
    this.calendar = config.calendar();
    this.recipients = recipients;
    this.mails = mails;
    this.runtime = runtime;
    this.management = management;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SupervisedItem item = items.ofInstance(execution.getProcessInstanceId());
    try (ItemLogContext context = ItemLogContext.of(item)) {
      raiseDue(execution, item);
    }
  }

  private void raiseDue(DelegateExecution execution, SupervisedItem item) {
    OffsetDateTime now = ItemDelegates.now();
    AlertSchedule schedule = schedule(item);
    List<AlertSchedule.Alert> all = schedule.all(item, cadence(item));
    Set<String> recorded = alerts.keys(item.serial());
    List<AlertSchedule.Step> steps = schedule.due(item, all, recorded, now);
    steps.stream().map(AlertSchedule.Step::alert).filter(AlertSchedule.Alert::unresolved).findFirst().ifPresent(a -> {
      throw a.gap(); // the year has begun and its calendar is still missing: an incident says so
    });
    for (AlertSchedule.Step step : steps) {
      AlertSchedule.Alert alert = step.alert();
      switch (step.outcome()) {
        case WAIT -> { } // raised when the item comes back from review
        case SKIP -> {
          recorded.add(alert.key());
          alerts.record(alert.key(), item.serial(), alert.kind(), alert.level(), alert.at(), "SKIPPED", now);
          items.addEvent(item.serial(), ItemEventKind.ALERT_SKIPPED, null, now, alert.label() + "未发送：" + step.reason());
          log.info("Alert skipped: {} planned for {} ({})", alert.label(), alert.at().toLocalDate(), step.reason());
        }
        case RAISE -> {
          recorded.add(alert.key());
          alerts.record(alert.key(), item.serial(), alert.kind(), alert.level(), alert.at(), "RAISED", now);
          raise(schedule, alert, item, now);
          log.info("Alert raised: {} planned for {}", alert.label(), alert.at().toLocalDate());
        }
      }
    }
    // the schedule and the recorded keys as just updated: no second computation or query in the storm's transaction
    execution.setVariable(ItemProcess.Var.NEXT_ALERT_AT, nextAt(item, schedule, all, recorded, now));
  }

  /** The first alert time of a new item (at its registration): now, when something is owed already. */
  Date firstAlertAt(SupervisedItem item) {
    // its record was inserted in this transaction: nothing of it can be recorded yet, no query needed
    AlertSchedule schedule = schedule(item);
    return nextAt(item, schedule, schedule.all(item, cadence(item)), Set.of(), ItemDelegates.now());
  }

  /**
   * After the due date or the status changed outside the loop (an extension, a return): the timer
   * moves to the new next instant, at once when an escalation waited for the item's return.
   */
  public void rearm(String processInstanceId, String serial) {
    Date next = nextAt(items.find(serial).orElseThrow(), ItemDelegates.now());
    // Duban's own step within the reviewer's or the director's completion: not their permission
    Privileged.run(identity, () -> {
      runtime.setVariable(processInstanceId, ItemProcess.Var.NEXT_ALERT_AT, next);
      Job timer = management.createJobQuery().processInstanceId(processInstanceId).activityId(ItemProcess.TIMER_NEXT_ALERT).singleResult();
      if (timer != null) {
        management.setJobDuedate(timer.getId(), next);
      }
      return null;
    });
  }

  private Date nextAt(SupervisedItem item, OffsetDateTime now) {
    AlertSchedule schedule = schedule(item);
    return nextAt(item, schedule, schedule.all(item, cadence(item)), alerts.keys(item.serial()), now);
  }

  private Date nextAt(SupervisedItem item, AlertSchedule schedule, List<AlertSchedule.Alert> all, Set<String> recorded,
      OffsetDateTime now) {
    all.stream().filter(a -> a.unresolved() && !recorded.contains(a.key())).findFirst()
        .ifPresent(a -> log.warn("Item {}: {} (needed by {})", item.serial(), a.gap().getMessage(), a.at().toLocalDate()));
    return Date.from(schedule.next(item, all, recorded, now).orElse(now.plus(NEVER)).toInstant());
  }

  private AlertSchedule schedule(SupervisedItem item) {
    return new AlertSchedule(plans.planOf(item.campaignId()), calendar);
  }

  private Plan.ProgressReport cadence(SupervisedItem item) {
    return plans.planOf(item.campaignId()).item(item.planItemId()).map(Plan.Item::progressReport).orElse(Plan.ProgressReport.NONE);
  }

  private void raise(AlertSchedule schedule, AlertSchedule.Alert alert, SupervisedItem item, OffsetDateTime now) {
    LocalDate today = now.atZoneSameInstant(Deadlines.ZONE).toLocalDate();
    String title = item.title();
    Recipients.Addressees to = recipients.addressees(item, alert);
    switch (alert.kind()) {
      case SIGN -> {
        mails.send(item, new ItemMails.Occasion(alert.key(), MailKind.REMIND_SIGN,
            "【督办提醒】" + title + "尚未签收", "督办事项「" + title + "」已交办贵单位，尚未签收，请及时签收办理。", null),
            to.mail());
        items.addEvent(item.serial(), ItemEventKind.REMINDED, null, now, alert.label());
      }
      case DUE -> {
        int left = calendar.workingDaysBetween(today, item.dueDate());
        mails.send(item, new ItemMails.Occasion(alert.key(), MailKind.REMIND_DUE,
            "【督办提醒】" + title + "将于" + DateLabels.withWeekday(item.dueDate()) + "到期",
            "督办事项「" + title + "」将于 " + DateLabels.withWeekday(item.dueDate()) + " 到期，距到期还有 " + left + " 个工作日，请抓紧办理。", null),
            to.mail());
        items.addEvent(item.serial(), ItemEventKind.REMINDED, null, now, alert.label());
      }
      case PROGRESS -> {
        mails.send(item, new ItemMails.Occasion(alert.key(), MailKind.PROGRESS,
            "【进展反馈】请报送" + title + "的工作进展",
            "督办事项「" + title + "」办理周期较长，请在系统中填写本期工作进展（进展反馈）。", null),
            to.mail());
        items.addEvent(item.serial(), ItemEventKind.REMINDED, null, now, alert.label());
      }
      case ESCALATION -> {
        Plan.EscalationLevel level = schedule.level(alert.level());
        int overdue = calendar.workingDaysBetween(item.dueDate(), today);
        // the department in the subject: the director and the leaders get one such mail per late department
        String who = title + "（" + recipients.departmentName(item) + "）";
        String subject = switch (alert.level()) {
          case 1 -> "【督办预警】" + who + "已超期";
          case 2 -> "【督办通报】" + who + "已超期" + overdue + "个工作日";
          default -> "【督办督查】" + who + "已超期" + overdue + "个工作日，请督促办理";
        };
        String lead = "督办事项「" + title + "」已于 " + DateLabels.withWeekday(item.dueDate()) + " 到期，至今未办结，已超期 " + overdue
            + " 个工作日（" + alert.level() + "级预警）。" + (level.notice() ? "该事项已列入督办通报。" : "");
        mails.send(item, new ItemMails.Occasion(alert.key(), MailKind.ESCALATION, subject, lead, null), to.mail());
        digest.add(item, to.digest(), alert.level(), overdue, now);
        if (level.notice()) {
          alerts.notice(item.serial(), item.campaignId(), item.departmentId(), alert.level(), overdue, now);
        }
        items.addEvent(item.serial(), ItemEventKind.ESCALATED, null, now, alert.level() + "级预警，超期 " + overdue + " 个工作日");
      }
    }
  }
}

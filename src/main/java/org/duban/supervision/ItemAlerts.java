package org.duban.supervision;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.duban.notification.MailKind;
import org.duban.plan.BureauConfig;
import org.duban.plan.Plan;
import org.duban.plan.WorkingCalendar;
import org.duban.web.Privileged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The alert loop of supervised-item.bpmn: raises what has come due (recorded once per key, mails
 * written to the outbox in the same transaction) and sets the one timer to the next instant.
 * Reminders meet a submitted item (待审核) or a late one as skipped; an escalation waits while the
 * item is in review and is raised when it is returned; closing the item ends the loop.
 */
@Component("raiseAlerts")
public class ItemAlerts implements JavaDelegate {
  private static final Logger log = LoggerFactory.getLogger(ItemAlerts.class);
  /** A reminder this late (the server was down, or the item was in review) would only confuse. */
  private static final Duration STALE = Duration.ofHours(12);
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

  ItemAlerts(ItemRepository items, AlertRepository alerts, PlanLookup plans, BureauConfig config, Recipients recipients,
      ItemMails mails, RuntimeService runtime, ManagementService management, IdentityService identity) {
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
    String serial = items.ofInstance(execution.getProcessInstanceId()).serial();
    OffsetDateTime now = ItemDelegates.now();
    Set<String> deferred = new HashSet<>();
    for (int round = 0; round < 50; round++) {
      SupervisedItem item = items.find(serial).orElseThrow();
      Optional<AlertSchedule.Alert> due = pending(item).stream()
          .filter(a -> !a.at().isAfter(now) && !deferred.contains(a.key()))
          .min(Comparator.comparing(AlertSchedule.Alert::at));
      if (due.isEmpty()) {
        break;
      }
      AlertSchedule.Alert alert = due.get();
      if (alert.unresolved()) {
        throw alert.gap(); // the year has begun and its calendar is still missing: an incident says so
      }
      if (alert.kind() == AlertSchedule.Kind.ESCALATION && item.status() == ItemStatus.IN_REVIEW) {
        deferred.add(alert.key()); // not overdue while in review: raised if it comes back
        continue;
      }
      boolean fire = applies(alert, item, now);
      alerts.record(alert.key(), serial, alert.kind(), alert.level(), alert.at(), fire ? "RAISED" : "SKIPPED", now);
      if (fire) {
        raise(alert, item, now);
      }
    }
    execution.setVariable(ItemProcess.Var.NEXT_ALERT_AT, nextAt(items.find(serial).orElseThrow(), now, false));
  }

  /** The first alert time of a new item (at its registration). */
  Date firstAlertAt(SupervisedItem item) {
    return nextAt(item, ItemDelegates.now(), false);
  }

  /**
   * After the due date or the status changed outside the loop (an extension, a return): the timer
   * moves to the new next instant, at once when an escalation waited for the item's return.
   */
  public void rearm(String processInstanceId, String serial) {
    Date next = nextAt(items.find(serial).orElseThrow(), ItemDelegates.now(), true);
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

  private Date nextAt(SupervisedItem item, OffsetDateTime now, boolean includeWaitingEscalations) {
    List<AlertSchedule.Alert> pending = pending(item);
    pending.stream().filter(AlertSchedule.Alert::unresolved).findFirst()
        .ifPresent(a -> log.warn("Item {}: {} (needed by {})", item.serial(), a.gap().getMessage(), a.at().toLocalDate()));
    Optional<OffsetDateTime> next = pending.stream()
        .filter(a -> a.at().isAfter(now)
            || (includeWaitingEscalations && a.kind() == AlertSchedule.Kind.ESCALATION && item.status() != ItemStatus.IN_REVIEW))
        .map(a -> a.at().isAfter(now) ? a.at() : now)
        .min(Comparator.naturalOrder());
    return Date.from(next.orElse(now.plus(NEVER)).toInstant());
  }

  private List<AlertSchedule.Alert> pending(SupervisedItem item) {
    Plan plan = plans.planOf(item.campaignId());
    Plan.ProgressReport cadence = plan.item(item.planItemId()).map(Plan.Item::progressReport).orElse(Plan.ProgressReport.NONE);
    return new AlertSchedule(plan, calendar).pending(item, cadence, alerts.keys(item.serial()));
  }

  private static boolean applies(AlertSchedule.Alert alert, SupervisedItem item, OffsetDateTime now) {
    boolean working = item.status() == ItemStatus.PENDING_SIGN || item.status() == ItemStatus.IN_PROGRESS
        || item.status() == ItemStatus.RETURNED;
    boolean fresh = !now.isAfter(alert.at().plus(STALE));
    return switch (alert.kind()) {
      case SIGN -> item.status() == ItemStatus.PENDING_SIGN && item.assignee() == null && fresh;
      case DUE, PROGRESS -> working && fresh;
      case ESCALATION -> working;
    };
  }

  private void raise(AlertSchedule.Alert alert, SupervisedItem item, OffsetDateTime now) {
    LocalDate today = now.atZoneSameInstant(Deadlines.ZONE).toLocalDate();
    String title = item.title();
    switch (alert.kind()) {
      case SIGN -> {
        mails.send(item, new ItemMails.Occasion(alert.key(), MailKind.REMIND_SIGN,
            "【督办提醒】" + title + "尚未签收", "督办事项「" + title + "」已交办贵单位，尚未签收，请及时签收办理。", null),
            recipients.department(item));
        items.addEvent(item.serial(), ItemEventKind.REMINDED, null, now, "签收提醒");
      }
      case DUE -> {
        int left = calendar.workingDaysBetween(today, item.dueDate());
        mails.send(item, new ItemMails.Occasion(alert.key(), MailKind.REMIND_DUE,
            "【督办提醒】" + title + "将于" + item.dueDate() + "到期",
            "督办事项「" + title + "」将于 " + item.dueDate() + " 到期，距到期还有 " + left + " 个工作日，请抓紧办理。", null),
            recipients.department(item));
        items.addEvent(item.serial(), ItemEventKind.REMINDED, null, now, "到期前 " + alert.level() + " 个工作日提醒");
      }
      case PROGRESS -> {
        mails.send(item, new ItemMails.Occasion(alert.key(), MailKind.PROGRESS,
            "【进展反馈】请报送" + title + "的工作进展",
            "督办事项「" + title + "」办理周期较长，请在系统中填写本期工作进展（进展反馈）。", null),
            recipients.department(item));
        items.addEvent(item.serial(), ItemEventKind.REMINDED, null, now, "进展反馈提醒");
      }
      case ESCALATION -> {
        Plan.EscalationLevel level = new AlertSchedule(plans.planOf(item.campaignId()), calendar).level(alert.level());
        int overdue = calendar.workingDaysBetween(item.dueDate(), today);
        // the department in the subject: the director and the leaders get one such mail per late department
        String who = title + "（" + recipients.departmentName(item) + "）";
        String subject = switch (alert.level()) {
          case 1 -> "【督办预警】" + who + "已超期";
          case 2 -> "【督办通报】" + who + "已超期" + overdue + "个工作日";
          default -> "【督办督查】" + who + "已超期" + overdue + "个工作日，请督促办理";
        };
        String lead = "督办事项「" + title + "」已于 " + item.dueDate() + " 到期，至今未办结，已超期 " + overdue
            + " 个工作日（" + alert.level() + "级预警）。" + (level.notice() ? "该事项已列入督办通报。" : "");
        mails.send(item, new ItemMails.Occasion(alert.key(), MailKind.ESCALATION, subject, lead, null),
            recipients.of(item, level.recipients()));
        if (level.notice()) {
          alerts.notice(item.serial(), item.campaignId(), item.departmentId(), alert.level(), overdue, now);
        }
        items.addEvent(item.serial(), ItemEventKind.ESCALATED, null, now, alert.level() + "级预警，超期 " + overdue + " 个工作日");
      }
    }
  }
}

package org.duban.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.duban.plan.Plan;
import org.duban.plan.WorkingCalendar;

/**
 * The one schedule of an item: from its facts (created, due date, signed, in review, closed), the
 * plan's reminder and escalation policy and the working-day calendar, every alert it is owed with
 * its instant and recipients ({@link #all}), and what is to be done with those whose instant has
 * come ({@link #due}) — whenever that is noticed: at their instant, or later, when the item was
 * created late, back-dated, returned or extended, or the server was down. The engine's alert loop
 * ({@link ItemAlerts}) does what this says; nothing else decides when an alert goes out.
 */
public final class AlertSchedule {
  public enum Kind {
    SIGN, DUE, ESCALATION, PROGRESS;

    boolean reminder() {
      return this != ESCALATION;
    }
  }

  /**
   * One alert; the key (item, kind, level, due date) makes raising it idempotent, and an extension
   * (a new due date) owes new ones. An alert in a year without a calendar is {@code unresolved}: it
   * waits for that year's first day, and fails then (a Cockpit incident naming the missing file)
   * unless the calendar has been added.
   */
  public record Alert(Kind kind, int level, OffsetDateTime at, String key, List<Plan.Recipient> to,
      WorkingCalendar.CalendarGap gap) {
    public boolean unresolved() {
      return gap != null;
    }

    /** How the trail, the mails and the plan preview name it. */
    public String label() {
      return switch (kind) {
        case SIGN -> "签收提醒";
        case DUE -> "到期前 " + level + " 个工作日提醒";
        case PROGRESS -> "进展反馈提醒";
        case ESCALATION -> level + "级预警";
      };
    }
  }

  public enum Outcome { RAISE, SKIP, WAIT }

  /** What to do now with an alert whose instant has come, and why (a skip's reason goes into the trail). */
  public record Step(Alert alert, Outcome outcome, String reason) {}

  private static final int MAX_PROGRESS_REPORTS = 120;

  private final Plan plan;
  private final WorkingCalendar calendar;

  public AlertSchedule(Plan plan, WorkingCalendar calendar) {
    this.plan = plan;
    this.calendar = calendar;
  }

  /** Every alert the item is owed for its current due date, in the order of their instants. */
  public List<Alert> all(SupervisedItem item, Plan.ProgressReport cadence) {
    List<Alert> alerts = new ArrayList<>();
    LocalDate due = item.dueDate();
    LocalDate created = item.createdAt().atZoneSameInstant(Deadlines.ZONE).toLocalDate();
    List<Plan.Recipient> department = List.of(Plan.Recipient.DEPARTMENT);
    alerts.add(alert(item, Kind.SIGN, 0, created, department, () -> calendar.plusWorkingDays(created, plan.reminders().signWithin())));
    for (int before : plan.reminders().beforeDue()) {
      alerts.add(alert(item, Kind.DUE, before, due, department, () -> calendar.plusWorkingDays(due, -before)));
    }
    for (Plan.EscalationLevel level : plan.escalation()) {
      alerts.add(alert(item, Kind.ESCALATION, level.level(), due, level.recipients(),
          () -> calendar.plusWorkingDays(due, level.afterDue())));
    }
    if (cadence != Plan.ProgressReport.NONE) {
      for (int n = 1; n <= MAX_PROGRESS_REPORTS; n++) {
        LocalDate day = cadence == Plan.ProgressReport.WEEKLY ? created.plusWeeks(n) : created.plusMonths(n);
        if (!day.isBefore(due)) {
          break; // past the due date the deadline reminders and escalations speak
        }
        alerts.add(alert(item, Kind.PROGRESS, n, day, department, () -> day));
      }
    }
    alerts.sort(Comparator.comparing(Alert::at).thenComparing(Alert::key));
    return alerts;
  }

  /**
   * The alerts not yet recorded whose instant is at or before {@code now}, each with what to do:
   * every escalation is raised, in order (it waits while the item is in review: not overdue then);
   * of the reminders of a kind only the latest is sent, and only while the item still needs it and
   * its due date has not passed — the others are skipped, with the reason.
   */
  public List<Step> due(SupervisedItem item, List<Alert> all, Set<String> recorded, OffsetDateTime now) {
    List<Alert> come = all.stream().filter(a -> !recorded.contains(a.key()) && !a.at().isAfter(now)).toList();
    Map<Kind, Alert> latest = new EnumMap<>(Kind.class);
    come.stream().filter(a -> a.kind().reminder()).forEach(a -> latest.put(a.kind(), a));
    boolean overdue = now.atZoneSameInstant(Deadlines.ZONE).toLocalDate().isAfter(item.dueDate());
    List<Step> steps = new ArrayList<>();
    for (Alert a : come) {
      steps.add(switch (a.kind()) {
        case ESCALATION -> item.status() == ItemStatus.IN_REVIEW
            ? new Step(a, Outcome.WAIT, "待审核期间不计超期")
            : new Step(a, Outcome.RAISE, null);
        case SIGN, DUE, PROGRESS -> reminder(item, a, latest.get(a.kind()) != a, overdue);
      });
    }
    return steps;
  }

  private static Step reminder(SupervisedItem item, Alert a, boolean superseded, boolean overdue) {
    String reason;
    if (a.kind() == Kind.SIGN && (item.assignee() != null || item.status() != ItemStatus.PENDING_SIGN)) {
      reason = "已签收";
    } else if (item.status() == ItemStatus.IN_REVIEW) {
      reason = "已提交，待审核";
    } else if (overdue) {
      reason = "已过完成时限，由超期预警提醒";
    } else if (superseded) {
      reason = "已有更近的提醒";
    } else {
      return new Step(a, Outcome.RAISE, null);
    }
    return new Step(a, Outcome.SKIP, reason);
  }

  /**
   * When the alert loop looks again: at once when an alert has come that the loop has not handled
   * (an escalation that waited for the item's return included), otherwise at the next instant.
   */
  public Optional<OffsetDateTime> next(SupervisedItem item, List<Alert> all, Set<String> recorded, OffsetDateTime now) {
    boolean waiting = due(item, all, recorded, now).stream().anyMatch(s -> s.outcome() != Outcome.WAIT);
    if (waiting) {
      return Optional.of(now);
    }
    return all.stream().filter(a -> !recorded.contains(a.key()) && a.at().isAfter(now)).map(Alert::at).findFirst();
  }

  Plan.EscalationLevel level(int level) {
    return plan.escalation().stream().filter(l -> l.level() == level).findFirst().orElseThrow();
  }

  private Alert alert(SupervisedItem item, Kind kind, int level, LocalDate keyDate, List<Plan.Recipient> to, Supplier<LocalDate> day) {
    String key = item.serial() + "|" + kind + "|" + level + "|" + keyDate;
    try {
      OffsetDateTime at = day.get().atTime(plan.reminders().time()).atZone(Deadlines.ZONE).toOffsetDateTime();
      return new Alert(kind, level, at, key, to, null);
    } catch (WorkingCalendar.CalendarGap gap) {
      OffsetDateTime yearStart = LocalDate.of(gap.year(), 1, 1).atStartOfDay(Deadlines.ZONE).toOffsetDateTime();
      return new Alert(kind, level, yearStart, key, to, gap);
    }
  }
}

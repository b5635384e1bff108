package org.duban.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.duban.plan.Plan;
import org.duban.plan.WorkingCalendar;

/**
 * What an item is owed, computed from its due date, the plan's reminder and escalation policy and
 * the working-day calendar: per kind, the first alert not yet recorded. Computed lazily, so a far
 * escalation needs next year's calendar only when it comes close.
 */
final class AlertSchedule {
  enum Kind { SIGN, DUE, ESCALATION, PROGRESS }

  /**
   * One alert; the key (item, kind, level, due date) makes raising it idempotent. An alert in a
   * year without a calendar is {@code unresolved}: it waits for that year's first day, and fails
   * then (a Cockpit incident naming the missing file) unless the calendar has been added.
   */
  record Alert(Kind kind, int level, OffsetDateTime at, String key, WorkingCalendar.CalendarGap gap) {
    boolean unresolved() {
      return gap != null;
    }
  }

  private static final int MAX_PROGRESS_REPORTS = 120;

  private final Plan plan;
  private final WorkingCalendar calendar;

  AlertSchedule(Plan plan, WorkingCalendar calendar) {
    this.plan = plan;
    this.calendar = calendar;
  }

  List<Alert> pending(SupervisedItem item, Plan.ProgressReport cadence, Set<String> recorded) {
    List<Alert> alerts = new ArrayList<>();
    LocalDate due = item.dueDate();
    LocalDate created = item.createdAt().atZoneSameInstant(Deadlines.ZONE).toLocalDate();

    Alert sign = alert(item, Kind.SIGN, 0, created, () -> calendar.plusWorkingDays(created, plan.reminders().signWithin()));
    if (!recorded.contains(sign.key())) {
      alerts.add(sign);
    }
    for (int before : plan.reminders().beforeDue()) {
      Alert reminder = alert(item, Kind.DUE, before, due, () -> calendar.plusWorkingDays(due, -before));
      if (!recorded.contains(reminder.key())) {
        alerts.add(reminder);
        break;
      }
    }
    for (Plan.EscalationLevel level : plan.escalation()) {
      Alert escalation = alert(item, Kind.ESCALATION, level.level(), due, () -> calendar.plusWorkingDays(due, level.afterDue()));
      if (!recorded.contains(escalation.key())) {
        alerts.add(escalation);
        break;
      }
    }
    if (cadence != Plan.ProgressReport.NONE) {
      for (int n = 1; n <= MAX_PROGRESS_REPORTS; n++) {
        LocalDate day = cadence == Plan.ProgressReport.WEEKLY ? created.plusWeeks(n) : created.plusMonths(n);
        if (!day.isBefore(due)) {
          break; // past the due date the deadline reminders and escalations speak
        }
        Alert report = alert(item, Kind.PROGRESS, n, day, () -> day);
        if (!recorded.contains(report.key())) {
          alerts.add(report);
          break;
        }
      }
    }
    return alerts;
  }

  Plan.EscalationLevel level(int level) {
    return plan.escalation().get(level - 1);
  }

  private Alert alert(SupervisedItem item, Kind kind, int level, LocalDate keyDate, Supplier<LocalDate> day) {
    String key = item.serial() + "|" + kind + "|" + level + "|" + keyDate;
    try {
      OffsetDateTime at = day.get().atTime(plan.reminders().time()).atZone(Deadlines.ZONE).toOffsetDateTime();
      return new Alert(kind, level, at, key, null);
    } catch (WorkingCalendar.CalendarGap gap) {
      OffsetDateTime yearStart = LocalDate.of(gap.year(), 1, 1).atStartOfDay(Deadlines.ZONE).toOffsetDateTime();
      return new Alert(kind, level, yearStart, key, gap);
    }
  }
}

package org.duban.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The years a campaign's dates reach that no config/calendar/&lt;year&gt;.yaml covers: its stage
 * windows, its items from their creation to their due dates, the reminders in working days before
 * a due date (and the sign reminder after the creation) and the escalation levels after it, as the
 * plan's policy sets them. An alert in such a year only fails when the year begins; this tells
 * while there is time to copy the year's notice.
 *
 * <p>A working-day count that runs into a year without a calendar is followed as if every day there
 * were a working day: the shortest the real count can be, so every date reached is one the real
 * count surely passes (counting across New Year: 1 January).
 */
public final class CalendarCoverage {
  private CalendarCoverage() {}

  /** A year without a calendar file, and the earliest date in it that is reached. */
  public record MissingYear(int year, LocalDate from) {
    /** The State Council General Office's notice (published each autumn) the year's file is copied from. */
    public String notice() {
      return "国务院办公厅关于" + year + "年部分节假日安排的通知";
    }
  }

  /** The window a stage really runs in, once it has started; no dates for a stage skipped at adoption (it never runs). */
  public record Window(LocalDate start, LocalDate end) {}

  /** An item still open: the day it was created and its due date. */
  public record OpenItem(LocalDate created, LocalDate due) {}

  /** The plan as if started on {@code start} (a plan preview): every stage, item, reminder and escalation. */
  public static List<MissingYear> missingYears(Plan plan, LocalDate start, WorkingCalendar calendar) {
    return missingYears(plan, start, Map.of(), List.of(), calendar);
  }

  /**
   * A running campaign: its started stages' real windows (by stage id) and its open items as they
   * are; the stages not started yet as the plan puts them from the campaign start, with their items.
   * A plan preview gives every stage's window and every item it lists the same way.
   */
  public static List<MissingYear> missingYears(Plan plan, LocalDate start, Map<String, Window> started,
      List<OpenItem> open, WorkingCalendar calendar) {
    Reach reach = new Reach(plan, calendar);
    for (Plan.Stage stage : plan.stages()) {
      Window real = started.get(stage.id());
      if (real != null) {
        if (real.start() != null) {
          reach.span(real.start(), real.end()); // its items are among the open ones, or closed
        }
        continue;
      }
      LocalDate from = reach.date(stage.start(), start);
      reach.span(from, reach.date(stage.end(), start));
      for (Plan.Item item : stage.items()) {
        reach.item(from, reach.date(item.due(), from));
      }
    }
    open.forEach(i -> reach.item(i.created(), i.due()));
    return reach.missing.entrySet().stream().map(e -> new MissingYear(e.getKey(), e.getValue())).toList();
  }

  private static final class Reach {
    private final Plan plan;
    private final WorkingCalendar calendar;
    /** year → the earliest date reached in it */
    private final Map<Integer, LocalDate> missing = new TreeMap<>();

    Reach(Plan plan, WorkingCalendar calendar) {
      this.plan = plan;
      this.calendar = calendar;
    }

    LocalDate date(DateSpec spec, LocalDate base) {
      return spec.isOffset() && spec.workingDays() ? plusWorkingDays(base, spec.offsetDays()) : spec.resolve(base, calendar);
    }

    /** From the earliest reminder (or the creation) to the last escalation (or the sign reminder). */
    void item(LocalDate created, LocalDate due) {
      LocalDate first = min(created, due);
      LocalDate last = max(plusWorkingDays(created, plan.reminders().signWithin()), due);
      for (int before : plan.reminders().beforeDue()) {
        first = min(first, plusWorkingDays(due, -before));
      }
      for (Plan.EscalationLevel level : plan.escalation()) {
        last = max(last, plusWorkingDays(due, level.afterDue()));
      }
      span(first, last);
    }

    /** Every day from {@code from} to {@code to} is reached. */
    void span(LocalDate from, LocalDate to) {
      for (int year = from.getYear(); year <= to.getYear(); year++) {
        if (!calendar.covers(year)) {
          LocalDate first = year == from.getYear() ? from : LocalDate.of(year, 1, 1);
          missing.merge(year, first, CalendarCoverage::min);
        }
      }
    }

    /** As {@link WorkingCalendar#plusWorkingDays}, with every day of a year without a calendar counted as working. */
    private LocalDate plusWorkingDays(LocalDate from, int n) {
      int step = n > 0 ? 1 : -1;
      LocalDate day = from;
      for (int left = Math.abs(n); left > 0; ) {
        day = day.plusDays(step);
        if (!calendar.covers(day.getYear()) || calendar.isWorkingDay(day)) {
          left--;
        }
      }
      return day;
    }
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}

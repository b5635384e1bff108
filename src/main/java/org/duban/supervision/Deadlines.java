package org.duban.supervision;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.duban.plan.WorkingCalendar;

/**
 * Dates of the bureau, always in Asia/Shanghai whatever the JVM's zone. "Now" is the engine's
 * clock, so tests that move it with ClockUtil move every deadline computation with it.
 */
public final class Deadlines {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /**
   * The yellow period (即将到期): the last N working days up to the due date, N being
   * duban.deadlines.yellow-working-days. Static, like the clock, because the item status is derived in
   * records and BPMN delegates alike; {@link DeadlineSettings} sets it at startup. One rule for the
   * item status, Tasklist's follow-up date and the dashboard's traffic light, so they never disagree.
   */
  private static volatile int yellowWorkingDays = 3;
  private static volatile WorkingCalendar calendar;

  private Deadlines() {}

  public static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toLocalDate();
  }

  public static Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(ZONE).toInstant());
  }

  /** Due dates are inclusive: the department may submit until the day ends. */
  public static Date endOf(LocalDate day) {
    return Date.from(day.plusDays(1).atStartOfDay(ZONE).toInstant().minusSeconds(1));
  }

  static void configureYellow(WorkingCalendar workingCalendar, int workingDays) {
    calendar = workingCalendar;
    yellowWorkingDays = workingDays;
  }

  public static int yellowWorkingDays() {
    return yellowWorkingDays;
  }

  /**
   * The first day of the yellow period: N working days before the due date (on it, N working days
   * are left including the due date). Without a calendar for that year, N calendar days: a light
   * is a hint, not a deadline, and must not fail for want of next year's holiday notice.
   */
  public static LocalDate yellowStart(LocalDate due) {
    WorkingCalendar c = calendar;
    if (c != null) {
      try {
        return c.plusWorkingDays(due, -yellowWorkingDays);
      } catch (WorkingCalendar.CalendarGap gap) {
        // fall through
      }
    }
    return due.minusDays(yellowWorkingDays);
  }

  /** Today lies in the yellow period (or later). */
  public static boolean isYellow(LocalDate due) {
    return !today().isBefore(yellowStart(due));
  }

  /** The follow-up date Tasklist's 即将到期 filter reads: the start of the yellow period. */
  public static Date yellowFrom(LocalDate due) {
    return startOf(yellowStart(due));
  }

  public static boolean isOverdue(LocalDate due) {
    return today().isAfter(due);
  }

  public static Clock clock() {
    return Clock.fixed(ClockUtil.getCurrentTime().toInstant(), ZONE);
  }
}

package org.duban.plan;

import java.time.LocalDate;
import java.util.List;

/** Checks a plan's dates against a real campaign start, when absolute and offset dates meet. */
public final class PlanDates {
  private PlanDates() {}

  /** Throws {@link WorkingCalendar.CalendarGap} when a working-day date falls in a year without a calendar. */
  public static List<String> problems(Plan plan, LocalDate campaignStart, WorkingCalendar calendar) {
    return PlanValidator.validateDates(plan, campaignStart, calendar);
  }
}

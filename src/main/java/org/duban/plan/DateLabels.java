package org.duban.plan;

import java.time.LocalDate;

/** A date as people read it on Duban's screens, mails and documents: 2026-12-14（周一）. */
public final class DateLabels {
  private static final String[] WEEKDAYS = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

  private DateLabels() {}

  public static String withWeekday(LocalDate day) {
    return day == null ? "" : day + "（" + weekday(day) + "）";
  }

  public static String weekday(LocalDate day) {
    return WEEKDAYS[day.getDayOfWeek().getValue() - 1];
  }
}

package org.duban.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date in a plan: absolute ({@code 2026-12-01}), or an offset from a base the caller gives (the
 * campaign start for stage windows, the stage start for dues) in calendar days ({@code +30d}) or
 * in working days ({@code +10wd}, by the bureau's calendar).
 */
public record DateSpec(LocalDate absolute, Integer offsetDays, boolean workingDays) {
  private static final Pattern OFFSET = Pattern.compile("\\+(\\d{1,4})(d|wd)");

  @JsonCreator
  public static DateSpec parse(String text) {
    String s = text == null ? "" : text.trim();
    Matcher m = OFFSET.matcher(s);
    if (m.matches()) {
      return new DateSpec(null, Integer.parseInt(m.group(1)), m.group(2).equals("wd"));
    }
    try {
      return new DateSpec(LocalDate.parse(s), null, false);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + s + "' is neither a date like 2026-12-01 nor an offset like +30d or +10wd (working days)");
    }
  }

  public boolean isOffset() {
    return offsetDays != null;
  }

  public LocalDate resolve(LocalDate base, WorkingCalendar calendar) {
    if (!isOffset()) {
      return absolute;
    }
    return workingDays ? calendar.plusWorkingDays(base, offsetDays) : base.plusDays(offsetDays);
  }

  @JsonValue
  @Override
  public String toString() {
    return isOffset() ? "+" + offsetDays + (workingDays ? "wd" : "d") : absolute.toString();
  }
}

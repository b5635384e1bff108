package org.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plan.dueDate, the one rule for due dates on days off (遇节假日顺延), on the real calendar files. */
class NonWorkingDueTest {
  private static final WorkingCalendar CAL = WorkingCalendar.load(Path.of("config/calendar"));
  private static final Plan MOVES = new Plan("p", "p", null, List.of(), null, null, null);
  private static final Plan KEEPS = new Plan("p", "p", null, List.of(), null, null, null, Plan.KEEP);

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void theDefaultMovesADayOffToTheNextWorkingDay() {
    assertThat(MOVES.nonWorkingDue()).isEqualTo(Plan.NEXT_WORKING_DAY);
    // the case: +10d from Wednesday 2026-12-02 fell on Saturday
    assertThat(MOVES.dueDate(d("2026-12-12"), CAL)).isEqualTo(d("2026-12-14"));
    assertThat(MOVES.dueDate(d("2026-12-13"), CAL)).isEqualTo(d("2026-12-14"));
    assertThat(MOVES.dueDate(d("2026-12-14"), CAL)).isEqualTo(d("2026-12-14"));
  }

  @Test
  void everyDayOfTheNationalDayHolidayMovesToTheEighth() {
    // 国庆节 2026-10-01 (Thursday) to 10-07 (Wednesday), weekend inside
    for (LocalDate day = d("2026-10-01"); !day.isAfter(d("2026-10-07")); day = day.plusDays(1)) {
      assertThat(MOVES.dueDate(day, CAL)).as(day.toString()).isEqualTo(d("2026-10-08"));
    }
    // 中秋节 2026-09-25..27 ends on a Sunday: Monday
    assertThat(MOVES.dueDate(d("2026-09-25"), CAL)).isEqualTo(d("2026-09-28"));
    // 春节 2026-02-15..23
    assertThat(MOVES.dueDate(d("2026-02-15"), CAL)).isEqualTo(d("2026-02-24"));
  }

  @Test
  void anAdjustedWorkingWeekendDayStays() {
    // 调休上班: Saturday 2026-10-10, Sunday 2026-09-20, Saturday 2026-02-28, Sunday 2026-01-04
    for (String day : List.of("2026-10-10", "2026-09-20", "2026-02-28", "2026-01-04")) {
      assertThat(MOVES.dueDate(d(day), CAL)).as(day).isEqualTo(d(day));
    }
    // the Sunday after the working Saturday is off again
    assertThat(MOVES.dueDate(d("2026-10-11"), CAL)).isEqualTo(d("2026-10-12"));
  }

  @Test
  void aMovedDateIsTheFirstWorkingDayOnOrAfterTheDateOnEveryDayOf2025And2026() {
    for (LocalDate day = d("2025-01-01"); !day.isAfter(d("2026-12-31")); day = day.plusDays(1)) {
      LocalDate due = MOVES.dueDate(day, CAL);
      assertThat(CAL.isWorkingDay(due)).as("%s → %s", day, due).isTrue();
      assertThat(due).as(day.toString()).isAfterOrEqualTo(day);
      for (LocalDate between = day; between.isBefore(due); between = between.plusDays(1)) {
        assertThat(CAL.isWorkingDay(between)).as("%s lies between %s and %s", between, day, due).isFalse();
      }
      assertThat(KEEPS.dueDate(day, CAL)).isEqualTo(day);
    }
  }

  @Test
  void aWorkingDayOffsetAlreadyLandsOnAWorkingDay() {
    DateSpec tenWorkingDays = DateSpec.parse("+10wd");
    for (LocalDate start = d("2025-01-01"); !start.isAfter(d("2026-12-01")); start = start.plusDays(1)) {
      LocalDate due = tenWorkingDays.resolve(start, CAL);
      assertThat(MOVES.dueDate(due, CAL)).as("+10wd from %s", start).isEqualTo(due);
    }
  }

  @Test
  void aYearWithoutACalendarKeepsThePlainDate() {
    assertThat(CAL.covers(2027)).isFalse();
    // Saturday 2027-01-02: no calendar says whether it is worked, so the date stays and the alerts' calendar gap speaks
    assertThat(MOVES.dueDate(d("2027-01-02"), CAL)).isEqualTo(d("2027-01-02"));
  }
}

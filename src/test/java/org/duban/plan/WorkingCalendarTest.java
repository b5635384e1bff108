package org.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real calendar files against the State Council notices (dates counted by hand from the
 * notices), the arithmetic on them, and one broken file per validation rule.
 */
class WorkingCalendarTest {

  private static final Path REAL = Path.of("config/calendar");
  private static final WorkingCalendar CAL = WorkingCalendar.load(REAL);

  @TempDir Path dir;

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  // ---------------------------------------------------------------- the real files

  @Test
  void theRealFilesLoad() {
    assertThat(CAL.years()).contains(2025, 2026);
    assertThat(CAL.source(2025)).isEqualTo("国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）");
    assertThat(CAL.source(2026)).isEqualTo("国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）");
  }

  @Test
  void each2025And2026HasTheThirteenStatutoryDaysOff() {
    // 365 days, 104 weekend days: 261 weekdays; 13 statutory days off net of 调休 leaves 248
    assertThat(CAL.workingDaysBetween(d("2024-12-31"), d("2025-12-31"))).isEqualTo(248);
    assertThat(CAL.workingDaysBetween(d("2025-12-31"), d("2026-12-31"))).isEqualTo(248);
  }

  @Test
  void facts2025() {
    assertThat(d("2025-01-26").getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(CAL.isWorkingDay(d("2025-01-26"))).isTrue(); // 春节调休上班
    for (LocalDate day = d("2025-01-28"); !day.isAfter(d("2025-02-04")); day = day.plusDays(1)) {
      assertThat(CAL.isWorkingDay(day)).as(day.toString()).isFalse();
    }
    assertThat(CAL.isWorkingDay(d("2025-02-08"))).isTrue(); // Saturday, 春节调休上班
    assertThat(CAL.isWorkingDay(d("2025-02-09"))).isFalse(); // an ordinary Sunday
    assertThat(CAL.isWorkingDay(d("2025-01-01"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2025-01-02"))).isTrue(); // 元旦 2025 is one day, 不调休
    assertThat(CAL.isWorkingDay(d("2025-04-04"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2025-04-07"))).isTrue();
    assertThat(CAL.isWorkingDay(d("2025-04-27"))).isTrue(); // Sunday, 劳动节调休上班
    assertThat(CAL.isWorkingDay(d("2025-05-05"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2025-06-02"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2025-09-28"))).isTrue(); // Sunday
    assertThat(CAL.isWorkingDay(d("2025-10-08"))).isFalse();
    assertThat(d("2025-10-11").getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    assertThat(CAL.isWorkingDay(d("2025-10-11"))).isTrue();
    assertThat(CAL.isWorkingDay(d("2025-10-12"))).isFalse();
  }

  @Test
  void facts2026() {
    assertThat(CAL.isWorkingDay(d("2026-01-02"))).isFalse(); // 元旦 1.1–1.3
    assertThat(CAL.isWorkingDay(d("2026-01-04"))).isTrue(); // Sunday, 元旦调休上班
    assertThat(CAL.isWorkingDay(d("2026-02-14"))).isTrue(); // Saturday, 春节调休上班
    assertThat(CAL.isWorkingDay(d("2026-02-15"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2026-02-23"))).isFalse(); // Monday, 正月初七
    assertThat(CAL.isWorkingDay(d("2026-02-24"))).isTrue();
    assertThat(CAL.isWorkingDay(d("2026-02-28"))).isTrue(); // Saturday, 春节调休上班
    assertThat(CAL.isWorkingDay(d("2026-04-06"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2026-05-05"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2026-05-09"))).isTrue(); // Saturday, 劳动节调休上班
    assertThat(CAL.isWorkingDay(d("2026-06-19"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2026-09-20"))).isTrue(); // Sunday, 国庆节调休上班
    assertThat(CAL.isWorkingDay(d("2026-09-25"))).isFalse(); // 中秋节, a separate period in 2026
    assertThat(CAL.isWorkingDay(d("2026-09-28"))).isTrue();
    assertThat(CAL.isWorkingDay(d("2026-10-07"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2026-10-08"))).isTrue(); // unlike 2025, the 8th is worked
    assertThat(CAL.isWorkingDay(d("2026-10-10"))).isTrue(); // Saturday, 国庆节调休上班
  }

  // ---------------------------------------------------------------- arithmetic

  @Test
  void plusWorkingDaysOverNationalDay2025() {
    // Fri 9.26 → Sun 9.28 (调休), Mon 9.29, Tue 9.30, [10.1–10.8 off], Thu 10.9, Fri 10.10, Sat 10.11 (调休), Mon 10.13
    assertThat(CAL.plusWorkingDays(d("2025-09-26"), 1)).isEqualTo(d("2025-09-28"));
    assertThat(CAL.plusWorkingDays(d("2025-09-26"), 3)).isEqualTo(d("2025-09-30"));
    assertThat(CAL.plusWorkingDays(d("2025-09-26"), 4)).isEqualTo(d("2025-10-09"));
    assertThat(CAL.plusWorkingDays(d("2025-09-26"), 6)).isEqualTo(d("2025-10-11"));
    assertThat(CAL.plusWorkingDays(d("2025-09-26"), 7)).isEqualTo(d("2025-10-13"));
    assertThat(CAL.plusWorkingDays(d("2025-10-09"), -1)).isEqualTo(d("2025-09-30"));
    assertThat(CAL.plusWorkingDays(d("2025-10-13"), -1)).isEqualTo(d("2025-10-11"));
    assertThat(CAL.plusWorkingDays(d("2025-10-13"), -2)).isEqualTo(d("2025-10-10"));
    assertThat(CAL.plusWorkingDays(d("2025-10-13"), -7)).isEqualTo(d("2025-09-26"));
    assertThat(CAL.plusWorkingDays(d("2025-10-04"), 0)).isEqualTo(d("2025-10-04"));
  }

  @Test
  void plusWorkingDaysOverSpringFestivalAndNewYear() {
    // 2025: Fri 1.24 → Sun 1.26 (调休), Mon 1.27, [1.28–2.4 off], Wed 2.5
    assertThat(CAL.plusWorkingDays(d("2025-01-24"), 2)).isEqualTo(d("2025-01-27"));
    assertThat(CAL.plusWorkingDays(d("2025-01-24"), 3)).isEqualTo(d("2025-02-05"));
    // 2026: Fri 2.13 → Sat 2.14 (调休), [2.15–2.23 off], Tue 2.24
    assertThat(CAL.plusWorkingDays(d("2026-02-13"), 2)).isEqualTo(d("2026-02-24"));
    // across the new year: Wed 2025-12-31 → [2026-01-01–01-03 off] → Sun 01-04 (调休)
    assertThat(CAL.plusWorkingDays(d("2025-12-31"), 1)).isEqualTo(d("2026-01-04"));
    assertThat(CAL.plusWorkingDays(d("2026-01-05"), -2)).isEqualTo(d("2025-12-31"));
  }

  @Test
  void nextWorkingDay() {
    assertThat(CAL.nextWorkingDay(d("2025-09-30"))).isEqualTo(d("2025-10-09"));
    assertThat(CAL.nextWorkingDay(d("2025-10-03"))).isEqualTo(d("2025-10-09"));
    assertThat(CAL.nextWorkingDay(d("2025-10-10"))).isEqualTo(d("2025-10-11"));
    assertThat(CAL.nextWorkingDay(d("2025-09-27"))).isEqualTo(d("2025-09-28"));
    assertThat(CAL.nextWorkingDay(d("2026-09-30"))).isEqualTo(d("2026-10-08"));
    assertThat(CAL.nextWorkingDay(d("2026-09-19"))).isEqualTo(d("2026-09-20"));
    assertThat(CAL.nextWorkingDay(d("2025-06-04"))).isEqualTo(d("2025-06-05")); // an ordinary Wednesday
  }

  @Test
  void workingDaysBetween() {
    // (9.26, 10.13]: 9.28, 9.29, 9.30, 10.9, 10.10, 10.11, 10.13
    assertThat(CAL.workingDaysBetween(d("2025-09-26"), d("2025-10-13"))).isEqualTo(7);
    assertThat(CAL.workingDaysBetween(d("2025-10-13"), d("2025-09-26"))).isEqualTo(-7);
    assertThat(CAL.workingDaysBetween(d("2025-09-30"), d("2025-10-08"))).isZero();
    assertThat(CAL.workingDaysBetween(d("2025-10-08"), d("2025-10-08"))).isZero();
    // (2026-09-30, 10-12]: 10.8, 10.9, 10.10, 10.12
    assertThat(CAL.workingDaysBetween(d("2026-09-30"), d("2026-10-12"))).isEqualTo(4);
    // it is the inverse of plusWorkingDays
    assertThat(CAL.workingDaysBetween(d("2025-01-24"), CAL.plusWorkingDays(d("2025-01-24"), 10))).isEqualTo(10);
  }

  // ---------------------------------------------------------------- years without a file

  @Test
  void aYearWithoutAFileIsRefusedNotCountedAsWeekdays() {
    WorkingCalendar.CalendarGap gap =
        catchThrowableOfType(() -> CAL.isWorkingDay(d("2099-03-02")), WorkingCalendar.CalendarGap.class);
    assertThat(gap.year()).isEqualTo(2099);
    assertThat(gap).hasMessage(
        "没有 2099 年的工作日历：请添加 config/calendar/2099.yaml（依据国务院办公厅当年节假日安排通知）");
    assertThat(CAL.covers(2099)).isFalse();
  }

  @Test
  void countingIntoAYearWithoutAFileIsRefused() {
    WorkingCalendar only2025 = WorkingCalendar.of(Map.of(2025,
        new WorkingCalendar.YearDays("test", Set.of(d("2025-10-01")), Set.of(d("2025-10-11")))));
    assertThat(only2025.plusWorkingDays(d("2025-12-30"), 1)).isEqualTo(d("2025-12-31"));
    assertThatThrownBy(() -> only2025.plusWorkingDays(d("2025-12-30"), 2))
        .isInstanceOf(WorkingCalendar.CalendarGap.class)
        .hasMessageContaining("2026 年");
    assertThatThrownBy(() -> only2025.workingDaysBetween(d("2025-12-01"), d("2026-01-10")))
        .isInstanceOf(WorkingCalendar.CalendarGap.class);
    assertThatThrownBy(() -> only2025.plusWorkingDays(d("2025-01-02"), -2))
        .isInstanceOf(WorkingCalendar.CalendarGap.class)
        .hasMessageContaining("2024 年");
  }

  @Test
  void aMissingDirectoryCoversNoYear() {
    WorkingCalendar none = WorkingCalendar.load(dir.resolve("no-such-dir"));
    assertThat(none.years()).isEmpty();
    assertThatThrownBy(() -> none.isWorkingDay(d("2026-03-02")))
        .isInstanceOf(WorkingCalendar.CalendarGap.class)
        .hasMessageContaining("no-such-dir/2026.yaml");
  }

  @Test
  void ofRefusesInconsistentDays() {
    assertThatThrownBy(() -> WorkingCalendar.of(Map.of(2026,
        new WorkingCalendar.YearDays("test", Set.of(d("2026-01-04")), Set.of(d("2026-01-04"))))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WorkingCalendar.of(Map.of(2026,
        new WorkingCalendar.YearDays("test", Set.of(d("2025-12-31")), Set.of()))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- broken files

  private static final String HEAD = "year: 2026\nsource: 国务院办公厅关于2026年部分节假日安排的通知\n";

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  private ConfigFileException fails(Path file) {
    ConfigFileException e = catchThrowableOfType(() -> WorkingCalendar.load(dir), ConfigFileException.class);
    assertThat(e).as("loading should fail").isNotNull();
    assertThat(e.file()).isEqualTo(file.toString());
    assertThat(e.getMessage()).startsWith(file.toString());
    return e;
  }

  @Test
  void aValidFileInATempDirLoads() throws IOException {
    write("2026.yaml", HEAD + "holidays:\n  - 2026-01-01\nworkdays:\n  - 2026-01-04\n");
    WorkingCalendar cal = WorkingCalendar.load(dir);
    assertThat(cal.years()).containsExactly(2026);
    assertThat(cal.isWorkingDay(d("2026-01-04"))).isTrue();
  }

  @Test
  void yamlSyntaxError() throws IOException {
    Path file = write("2026.yaml", HEAD + "holidays: [2026-01-01\nworkdays: []\n");
    assertThat(fails(file).problems()).singleElement().asString().startsWith("line 4, column 9: expected ',' or ']'");
  }

  @Test
  void unknownKey() throws IOException {
    Path file = write("2026.yaml", HEAD + "holiday:\n  - 2026-01-01\n");
    assertThat(fails(file).problems()).containsExactly("line 3, holiday: Unrecognized field \"holiday\"");
  }

  @Test
  void badDate() throws IOException {
    Path file = write("2026.yaml", HEAD + "holidays:\n  - 2026-01-01\n  - 2026-02-30   # no such day\n");
    assertThat(fails(file).problems())
        .containsExactly("line 5, holidays[1]: '2026-02-30' is not a date like 2026-01-01");
  }

  @Test
  void aMappingWhereADateBelongs() throws IOException {
    Path file = write("2026.yaml", HEAD + "holidays:\n  - 2026-01-01\nworkdays:\n  - 2026-01-04\n  - {day: 2026-01-04}\n");
    assertThat(fails(file).problems())
        .containsExactly("line 7, workdays[1]: expected a date like 2026-01-01, found a mapping");
  }

  @Test
  void dateOutsideTheYear() throws IOException {
    Path file = write("2026.yaml", HEAD + "holidays:\n  - 2026-01-01\n  - 2025-12-31\n");
    assertThat(fails(file).problems())
        .containsExactly("line 5, holidays[1]: 2025-12-31 lies outside the year 2026 of this file");
  }

  @Test
  void bothHolidayAndWorkday() throws IOException {
    Path file = write("2026.yaml", HEAD + "holidays:\n  - 2026-01-03\nworkdays:\n  - 2026-01-03\n");
    assertThat(fails(file).problems()).containsExactly(
        "line 6, workdays[0]: 2026-01-03 is also listed as a holiday (line 4, holidays[0]): a day is either off or worked");
  }

  @Test
  void yearDoesNotMatchTheFileName() throws IOException {
    Path file = write("2026.yaml", HEAD.replace("year: 2026", "year: 2027") + "holidays:\n  - 2027-01-01\n");
    assertThat(fails(file).problems()).containsExactly("year: 2027 does not match the file name '2026'");
  }

  @Test
  void workdayOnAWeekday() throws IOException {
    Path file = write("2026.yaml", HEAD + "holidays:\n  - 2026-01-01\nworkdays:\n  - 2026-01-05\n");
    assertThat(fails(file).problems()).containsExactly(
        "line 6, workdays[0]: 2026-01-05 is a Monday: an adjusted working day (调休上班) is always a Saturday or Sunday");
  }

  @Test
  void duplicatedDate() throws IOException {
    Path file = write("2026.yaml", HEAD + "holidays:\n  - 2026-01-01\n  - 2026-01-02\n  - 2026-01-01\n"
        + "workdays:\n  - 2026-01-04\n  - 2026-01-04\n");
    assertThat(fails(file).problems()).containsExactly(
        "line 6, holidays[2]: 2026-01-01 is listed twice (first at line 4, holidays[0])",
        "line 9, workdays[1]: 2026-01-04 is listed twice (first at line 8, workdays[0])");
  }

  @Test
  void missingYear() throws IOException {
    Path file = write("2026.yaml", "source: 国务院办公厅关于2026年部分节假日安排的通知\nholidays:\n  - 2026-01-01\n");
    assertThat(fails(file).problems()).containsExactly("year: missing");
  }

  @Test
  void missingSource() throws IOException {
    Path file = write("2026.yaml", "year: 2026\nholidays:\n  - 2026-01-01\n");
    assertThat(fails(file).problems()).containsExactly("source: missing");
  }

  @Test
  void noHolidays() throws IOException {
    Path file = write("2026.yaml", HEAD + "workdays:\n  - 2026-01-04\n");
    assertThat(fails(file).problems()).singleElement().asString().startsWith("holidays: no holidays listed");
  }

  @Test
  void anEmptyEntry() throws IOException {
    Path file = write("2026.yaml", HEAD + "holidays:\n  - 2026-01-01\n  -\n");
    assertThat(fails(file).problems()).containsExactly("line 5, holidays[1]: missing date");
  }

  @Test
  void allProblemsOfAFileAreListedTogether() throws IOException {
    Path file = write("2026.yaml", "year: 2026\nholidays:\n  - 2026-13-01\nworkdays:\n  - 2026-01-06\n");
    assertThat(fails(file).problems()).containsExactly(
        "source: missing",
        "line 3, holidays[0]: '2026-13-01' is not a date like 2026-01-01",
        "line 5, workdays[0]: 2026-01-06 is a Tuesday: an adjusted working day (调休上班) is always a Saturday or Sunday");
  }
}

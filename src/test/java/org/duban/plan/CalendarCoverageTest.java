package org.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.duban.plan.CalendarCoverage.MissingYear;
import org.duban.plan.CalendarCoverage.OpenItem;
import org.duban.plan.CalendarCoverage.Window;
import org.junit.jupiter.api.Test;

/**
 * Which years without a calendar file a plan or a running campaign reaches. The generated cases hold
 * the answer, given the real 2025 and 2026 files only, to what the dates really are once a 2027 file
 * exists, whatever that file turns out to say (a random 2027 calendar per case).
 */
class CalendarCoverageTest {
  private static final WorkingCalendar REAL = WorkingCalendar.load(Path.of("config", "calendar"));
  private static final LocalDate NEW_YEAR_2027 = LocalDate.of(2027, 1, 1);

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  /** A plan of the given stages with a reminder and escalation policy. */
  private static Plan plan(List<Plan.Stage> stages, List<Integer> beforeDue, int signWithin, List<Integer> afterDue) {
    List<Plan.EscalationLevel> levels = new ArrayList<>();
    for (int i = 0; i < afterDue.size(); i++) {
      levels.add(new Plan.EscalationLevel(i + 1, afterDue.get(i), List.of(Plan.Recipient.DEPARTMENT), false));
    }
    return new Plan("p", "计划", null, stages, new Plan.Reminders(beforeDue, signWithin, null), levels, null);
  }

  private static Plan.Stage stage(String id, String start, String end, String... dues) {
    List<Plan.Item> items = new ArrayList<>();
    for (int i = 0; i < dues.length; i++) {
      items.add(new Plan.Item(id + "-" + i, "事项", null, "air", null, DateSpec.parse(dues[i]), null, null));
    }
    return new Plan.Stage(id, id, DateSpec.parse(start), DateSpec.parse(end), null, items);
  }

  /** The real years, and one more generated at random: holidays on weekdays, 调休 on weekends. */
  private static WorkingCalendar withRandom2027(Random random) {
    Set<LocalDate> holidays = new HashSet<>();
    Set<LocalDate> workdays = new HashSet<>();
    for (LocalDate day = NEW_YEAR_2027; day.getYear() == 2027; day = day.plusDays(1)) {
      boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (!weekend && (day.equals(NEW_YEAR_2027) || random.nextInt(12) == 0)) {
        holidays.add(day);
      } else if (weekend && random.nextInt(20) == 0) {
        workdays.add(day);
      }
    }
    return WorkingCalendar.of(Map.of(2025, yearOf(2025), 2026, yearOf(2026),
        2027, new WorkingCalendar.YearDays("generated", holidays, workdays)));
  }

  private static WorkingCalendar.YearDays yearOf(int year) {
    Set<LocalDate> holidays = new HashSet<>();
    Set<LocalDate> workdays = new HashSet<>();
    for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
      boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (weekend && REAL.isWorkingDay(day)) {
        workdays.add(day);
      } else if (!weekend && !REAL.isWorkingDay(day)) {
        holidays.add(day);
      }
    }
    return new WorkingCalendar.YearDays(REAL.source(year), holidays, workdays);
  }

  /** 1 to 4 distinct reminder offsets of 1..10 working days. */
  private static List<Integer> beforeDue(Random random) {
    Set<Integer> days = new HashSet<>();
    for (int n = 1 + random.nextInt(4); days.size() < n; ) {
      days.add(1 + random.nextInt(10));
    }
    return List.copyOf(days);
  }

  /** 1 to 3 escalation levels, each later than the one before, up to 18 working days after the due date. */
  private static List<Integer> afterDue(Random random) {
    List<Integer> days = new ArrayList<>();
    int last = 0;
    for (int n = 1 + random.nextInt(3); days.size() < n; ) {
      last += 1 + random.nextInt(6);
      days.add(last);
    }
    return days;
  }

  /** The latest date an item's alerts really come to, on a calendar that covers them. */
  private static LocalDate lastAlert(Plan plan, LocalDate created, LocalDate due, WorkingCalendar full) {
    LocalDate last = due.isAfter(created) ? due : created;
    List<LocalDate> alerts = new ArrayList<>(List.of(full.plusWorkingDays(created, plan.reminders().signWithin())));
    plan.escalation().forEach(l -> alerts.add(full.plusWorkingDays(due, l.afterDue())));
    for (LocalDate at : alerts) {
      last = at.isAfter(last) ? at : last;
    }
    return last;
  }

  // ---------------------------------------------------------------- generated

  @Test
  void lateDecemberItemsReach2027FromNewYearExactlyWhenTheirAlertsReallyDo() {
    int reaching = 0;
    for (int seed = 0; seed < 400; seed++) {
      Random random = new Random(seed);
      Plan plan = plan(List.of(), beforeDue(random), 1 + random.nextInt(3), afterDue(random));
      LocalDate created = d("2026-12-01").plusDays(random.nextInt(31));
      LocalDate due = created.plusDays(random.nextInt(40));
      WorkingCalendar full = withRandom2027(random);
      List<OpenItem> open = List.of(new OpenItem(created, due));

      boolean reaches = lastAlert(plan, created, due, full).getYear() == 2027;
      reaching += reaches ? 1 : 0;
      assertThat(CalendarCoverage.missingYears(plan, created, Map.of(), open, REAL))
          .as("seed %d: created %s, due %s, %s", seed, created, due, plan.reminders() + " " + plan.escalation())
          .isEqualTo(reaches ? List.of(new MissingYear(2027, NEW_YEAR_2027)) : List.of());
      // the file added (and the application restarted): nothing is missing any more
      assertThat(CalendarCoverage.missingYears(plan, created, Map.of(), open, full)).isEmpty();
    }
    assertThat(reaching).as("cases that reach 2027").isBetween(100, 399);
  }

  @Test
  void workingDayOffsetsAcrossNewYearReach2027FromItsFirstDay() {
    int reaching = 0;
    for (int seed = 0; seed < 400; seed++) {
      Random random = new Random(seed);
      LocalDate start = d("2026-12-01").plusDays(random.nextInt(31));
      int length = 1 + random.nextInt(25);
      int due = 1 + random.nextInt(length);
      Plan plan = plan(List.of(stage("s", "+0d", "+" + length + "wd", "+" + due + "wd")), beforeDue(random),
          1 + random.nextInt(3), afterDue(random));
      WorkingCalendar full = withRandom2027(random);

      LocalDate dueDate = full.plusWorkingDays(start, due);
      boolean reaches = full.plusWorkingDays(start, length).getYear() == 2027
          || lastAlert(plan, start, dueDate, full).getYear() == 2027;
      reaching += reaches ? 1 : 0;
      assertThat(CalendarCoverage.missingYears(plan, start, REAL))
          .as("seed %d: start %s, stage +%dwd, due +%dwd, %s", seed, start, length, due, plan.escalation())
          .isEqualTo(reaches ? List.of(new MissingYear(2027, NEW_YEAR_2027)) : List.of());
      assertThat(CalendarCoverage.missingYears(plan, start, full)).isEmpty();
    }
    assertThat(reaching).as("cases that reach 2027").isBetween(100, 399);
  }

  @Test
  void itemsAndStagesInsideTheCoveredYearsNeedNoOtherFile() {
    for (int seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      LocalDate created = d("2025-01-20").plusDays(random.nextInt(640)); // up to 2026-10
      LocalDate due = created.plusDays(random.nextInt(40));
      Plan plan = plan(List.of(stage("s", "+0d", "+40d", "+" + random.nextInt(40) + "d")), beforeDue(random),
          1 + random.nextInt(3), afterDue(random));
      assertThat(CalendarCoverage.missingYears(plan, created, Map.of(), List.of(new OpenItem(created, due)), REAL))
          .as("seed %d: created %s, due %s", seed, created, due).isEmpty();
    }
  }

  // ---------------------------------------------------------------- by hand

  @Test
  void theSeedPlanStartedOnTheDemosFirstDayReaches2027And2028() {
    Plan seed = BureauConfigLoader.load(Path.of("config")).plan("civilized-unit").orElseThrow();
    // preparation 2026-12-02 to 2027-01-01; full creation 2027-02-01 to 2028-03-03; inspection ends 2028-09-02
    assertThat(CalendarCoverage.missingYears(seed, d("2026-12-02"), REAL))
        .containsExactly(new MissingYear(2027, NEW_YEAR_2027), new MissingYear(2028, d("2028-01-01")));
    // started in January 2025 it ends within 2026: its last escalation is counted on the 2026 file
    assertThat(CalendarCoverage.missingYears(seed, d("2025-01-06"), REAL)).isEmpty();
  }

  @Test
  void aDateInTheMissingYearIsReportedAsItIs() {
    Plan plan = plan(List.of(), List.of(3, 1), 1, List.of(1, 4, 9));
    // created and due in March 2027: reached from its creation, not from New Year
    assertThat(CalendarCoverage.missingYears(plan, d("2026-03-02"), Map.of(),
        List.of(new OpenItem(d("2027-03-01"), d("2027-03-10"))), REAL))
        .containsExactly(new MissingYear(2027, d("2027-03-01")));
    // a stage planned to start on 2027-03-15 (+378d from 2026-03-02)
    assertThat(CalendarCoverage.missingYears(plan(List.of(stage("s", "+378d", "+400d")), List.of(3), 1, List.of(1)),
        d("2026-03-02"), REAL)).containsExactly(new MissingYear(2027, d("2027-03-15")));
    assertThat(new MissingYear(2027, NEW_YEAR_2027).notice()).isEqualTo("国务院办公厅关于2027年部分节假日安排的通知");
  }

  @Test
  void aReminderCountedBackAcrossNewYearReachesTheYearBefore() {
    WorkingCalendar only2026 = WorkingCalendar.of(Map.of(2026, yearOf(2026)));
    Plan plan = plan(List.of(), List.of(3), 1, List.of(1));
    // due Monday 2026-01-05: back over Sunday 01-04 (调休 working), 元旦 01-01..03, then 2025-12-31 and 12-30
    assertThat(CalendarCoverage.missingYears(plan, d("2026-01-05"), Map.of(),
        List.of(new OpenItem(d("2026-01-05"), d("2026-01-05"))), only2026))
        .containsExactly(new MissingYear(2025, d("2025-12-30")));
    assertThat(REAL.plusWorkingDays(d("2026-01-05"), -3)).isEqualTo(d("2025-12-30"));
  }

  @Test
  void aRunningCampaignCountsItsRealWindowsAndOpenItemsAndThePlanForTheRest() {
    // started 2026-11-20: s2 is planned for 12-11 to 12-30, its item due 12-21 escalates into January
    Plan plan = plan(List.of(stage("s1", "+0d", "+20d", "+10d"), stage("s2", "+21d", "+40d", "+10d")),
        List.of(3, 1), 1, List.of(1, 4, 9));
    LocalDate start = d("2026-11-20");
    assertThat(CalendarCoverage.missingYears(plan, start, Map.of("s1", new Window(start, d("2026-12-10"))), List.of(), REAL))
        .containsExactly(new MissingYear(2027, NEW_YEAR_2027));
    // s2 started too and its items are closed: nothing of it reaches 2027 any more
    Map<String, Window> both = Map.of("s1", new Window(start, d("2026-12-10")), "s2", new Window(d("2026-12-11"), d("2026-12-30")));
    assertThat(CalendarCoverage.missingYears(plan, start, both, List.of(), REAL)).isEmpty();
    // an item still open, extended to 12-31: its escalations are in January
    assertThat(CalendarCoverage.missingYears(plan, start, both, List.of(new OpenItem(d("2026-12-11"), d("2026-12-31"))), REAL))
        .containsExactly(new MissingYear(2027, NEW_YEAR_2027));
  }

  @Test
  void aStageSkippedAtAdoptionReachesNothing() {
    // adopted at s2 on 2026-11-20: s1 (planned into 2027 from that start) never runs; its record has no dates
    Plan plan = plan(List.of(stage("s1", "+0d", "+60d", "+50d"), stage("s2", "+0d", "+20d", "+10d")),
        List.of(3, 1), 1, List.of(1, 4, 9));
    LocalDate start = d("2026-11-20");
    Map<String, Window> adopted = Map.of("s1", new Window(null, null), "s2", new Window(start, d("2026-12-10")));
    assertThat(CalendarCoverage.missingYears(plan, start, adopted, List.of(), REAL)).isEmpty();
  }

  @Test
  void theSignReminderCountsToo() {
    // created and due Wednesday 12-30, escalated on Thursday 12-31; not signed for within 3 working days: January
    Plan plan = plan(List.of(), List.of(1), 3, List.of(1));
    List<OpenItem> open = List.of(new OpenItem(d("2026-12-30"), d("2026-12-30")));
    assertThat(CalendarCoverage.missingYears(plan, d("2026-12-01"), Map.of(), open, REAL))
        .containsExactly(new MissingYear(2027, NEW_YEAR_2027));
    assertThat(CalendarCoverage.missingYears(plan(List.of(), List.of(1), 1, List.of(1)), d("2026-12-01"), Map.of(), open, REAL))
        .isEmpty();
  }

  @Test
  void anItemRunningThroughAWholeMissingYearReachesBothYears() {
    Plan plan = plan(List.of(), List.of(3), 1, List.of(1));
    assertThat(CalendarCoverage.missingYears(plan, d("2026-12-20"), Map.of(),
        List.of(new OpenItem(d("2026-12-20"), d("2028-01-10"))), REAL))
        .containsExactly(new MissingYear(2027, NEW_YEAR_2027), new MissingYear(2028, d("2028-01-01")));
  }
}

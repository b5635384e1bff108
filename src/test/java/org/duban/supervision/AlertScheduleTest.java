package org.duban.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.duban.plan.Plan;
import org.duban.plan.WorkingCalendar;
import org.junit.jupiter.api.Test;

/** Alert instants on the real 2026 calendar, across 清明, 劳动节 with its 调休 Saturday, and 国庆. */
class AlertScheduleTest {
  private static final WorkingCalendar CALENDAR = WorkingCalendar.load(Path.of("config", "calendar"));
  private static final Plan PLAN = new Plan("p", "p", null, List.of(), null, null, null); // default policy

  private static SupervisedItem item(LocalDate created, LocalDate due) {
    return new SupervisedItem("DB-2026-0001", "c", "s", "i", "air", ItemRole.LEAD, "t", null, due, ItemStatus.IN_PROGRESS,
        false, null, null, null, null, created.atTime(10, 0).atZone(Deadlines.ZONE).toOffsetDateTime(), null, null, ItemKind.TASK,
        "", false);
  }

  /** Every instant the schedule comes to, in order, as if each alert were recorded when due. */
  private static List<String> walk(SupervisedItem item) {
    Set<String> recorded = new HashSet<>();
    List<String> instants = new java.util.ArrayList<>();
    AlertSchedule schedule = new AlertSchedule(PLAN, CALENDAR);
    for (int i = 0; i < 20; i++) {
      var next = schedule.pending(item, Plan.ProgressReport.NONE, recorded).stream()
          .min(java.util.Comparator.comparing(AlertSchedule.Alert::at));
      if (next.isEmpty()) {
        break;
      }
      recorded.add(next.get().key());
      OffsetDateTime at = next.get().at();
      instants.add(next.get().kind() + "" + next.get().level() + "@" + at.toLocalDate() + "T" + at.toLocalTime());
    }
    return instants;
  }

  @Test
  void remindersSkipTheQingmingHoliday() {
    // due Wednesday 04-08; 04-04..04-06 are 清明 (Sat, Sun, Mon)
    assertThat(walk(item(LocalDate.of(2026, 3, 30), LocalDate.of(2026, 4, 8)))).containsExactly(
        "SIGN0@2026-03-31T09:00", "DUE3@2026-04-02T09:00", "DUE1@2026-04-07T09:00",
        "ESCALATION1@2026-04-09T09:00", "ESCALATION2@2026-04-14T09:00", "ESCALATION3@2026-04-21T09:00");
  }

  @Test
  void theAdjustedSaturdayAfterLabourDayIsAWorkingDay() {
    // due Monday 05-11; 05-01..05-05 off, Saturday 05-09 is a working day (调休)
    assertThat(walk(item(LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 11)))).containsExactly(
        "SIGN0@2026-05-06T09:00", "DUE3@2026-05-07T09:00", "DUE1@2026-05-09T09:00",
        "ESCALATION1@2026-05-12T09:00", "ESCALATION2@2026-05-15T09:00", "ESCALATION3@2026-05-22T09:00");
  }

  @Test
  void escalationCountsWorkingDaysOverTheNationalDayHoliday() {
    // due Wednesday 09-30; 10-01..10-07 off, Saturday 10-10 is a working day
    assertThat(walk(item(LocalDate.of(2026, 9, 21), LocalDate.of(2026, 9, 30)))).containsSubsequence(
        "ESCALATION1@2026-10-08T09:00", "ESCALATION2@2026-10-12T09:00", "ESCALATION3@2026-10-19T09:00");
  }

  @Test
  void anAlertInAYearWithoutACalendarWaitsForThatYearsFirstDay() {
    List<AlertSchedule.Alert> pending = new AlertSchedule(PLAN, CALENDAR)
        .pending(item(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 3, 10)), Plan.ProgressReport.NONE, Set.of());
    AlertSchedule.Alert due = pending.stream().filter(a -> a.kind() == AlertSchedule.Kind.DUE).findFirst().orElseThrow();
    assertThat(due.unresolved()).isTrue();
    assertThat(due.at().toLocalDate()).isEqualTo(LocalDate.of(2027, 1, 1));
    assertThat(due.gap().getMessage()).contains("2027");
  }
}

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

  /** Every instant the schedule comes to, in order. */
  private static List<String> walk(SupervisedItem item) {
    return new AlertSchedule(PLAN, CALENDAR).all(item, Plan.ProgressReport.NONE).stream()
        .map(a -> a.kind() + "" + a.level() + "@" + a.at().toLocalDate() + "T" + a.at().toLocalTime()).toList();
  }

  private static OffsetDateTime at(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(Deadlines.ZONE).toOffsetDateTime();
  }

  private static List<String> steps(SupervisedItem item, OffsetDateTime now) {
    AlertSchedule schedule = new AlertSchedule(PLAN, CALENDAR);
    return schedule.due(item, schedule.all(item, Plan.ProgressReport.NONE), Set.of(), now).stream()
        .map(s -> s.alert().kind() + "" + s.alert().level() + ":" + s.outcome() + (s.reason() == null ? "" : "(" + s.reason() + ")"))
        .toList();
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
    List<AlertSchedule.Alert> all = new AlertSchedule(PLAN, CALENDAR)
        .all(item(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 3, 10)), Plan.ProgressReport.NONE);
    AlertSchedule.Alert due = all.stream().filter(a -> a.kind() == AlertSchedule.Kind.DUE).findFirst().orElseThrow();
    assertThat(due.unresolved()).isTrue();
    assertThat(due.at().toLocalDate()).isEqualTo(LocalDate.of(2027, 1, 1));
    assertThat(due.gap().getMessage()).contains("2027");
  }

  @Test
  void anItemCreatedPastItsDueDateIsEscalatedAtOnceLevelByLevelAndItsRemindersAreSkippedWithTheReason() {
    // created 2026-03-20 for a due date of 03-02: levels 1 (03-03) and 2 (03-06) have passed, 3 (03-13) too
    SupervisedItem late = item(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 3, 2));
    assertThat(steps(late, at(LocalDate.of(2026, 3, 20), 10))).containsExactly(
        "DUE3:SKIP(已过完成时限，由超期预警提醒)", "DUE1:SKIP(已过完成时限，由超期预警提醒)",
        "ESCALATION1:RAISE", "ESCALATION2:RAISE", "ESCALATION3:RAISE");
  }

  @Test
  void ofTheRemindersAlreadyPastOnlyTheLatestGoesOutWhileTheDueDateHasNotPassed() {
    // created Tuesday 03-10 for Thursday 03-12: the 3-day reminder (03-09) lies before the creation
    SupervisedItem near = item(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 12));
    assertThat(steps(near, at(LocalDate.of(2026, 3, 10), 10))).containsExactly("DUE3:RAISE");
    // the next morning both have come (the server was down): the 1-day one goes, the 3-day one is superseded
    assertThat(steps(near, at(LocalDate.of(2026, 3, 11), 9))).containsExactly(
        "DUE3:SKIP(已有更近的提醒)", "DUE1:RAISE", "SIGN0:SKIP(已签收)");
  }

  @Test
  void inReviewEscalationsWaitAndRemindersAreSkipped() {
    SupervisedItem submitted = new SupervisedItem("DB-2026-0001", "c", "s", "i", "air", ItemRole.LEAD, "t", null,
        LocalDate.of(2026, 3, 12), ItemStatus.IN_REVIEW, false, null, "head-air", null, null,
        at(LocalDate.of(2026, 3, 2), 10), null, null, ItemKind.TASK, "", false);
    assertThat(steps(submitted, at(LocalDate.of(2026, 3, 13), 10))).containsExactly(
        "SIGN0:SKIP(已签收)", "DUE3:SKIP(已提交，待审核)", "DUE1:SKIP(已提交，待审核)", "ESCALATION1:WAIT(待审核期间不计超期)");
  }
}

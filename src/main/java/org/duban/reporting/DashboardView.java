package org.duban.reporting;

import java.time.LocalDate;
import java.util.List;

/** Everything /dashboard shows and /api/dashboard returns, already filtered for the viewer. */
record DashboardView(
    String campaignId,
    String campaignName,
    LocalDate startDate,
    LocalDate today,
    /* 全局 for the office and leaders, else the viewer's department names */
    String scope,
    boolean seesAll,
    boolean mayUrge,
    Rules rules,
    Totals totals,
    List<StageRow> stages,
    List<DepartmentRow> departments,
    List<DepartmentRow> ranking,
    List<OverdueRow> overdue,
    List<NoticeRow> notices,
    List<ExtensionRow> extensions,
    List<Deadline> deadlines,
    /* for the creation office, its director and the administrator only */
    List<CalendarWarning> calendarWarnings,
    List<LaunchFailure> launchFailures) {

  static DashboardView empty(LocalDate today, String scope, Rules rules) {
    return new DashboardView(null, null, null, today, scope, false, false, rules,
        new Totals(0, 0, 0, 0, null, "—"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of());
  }

  /** The rules in words, shown on the page beside the numbers they produce. */
  record Rules(int yellowWorkingDays, String light, String onTime, String ranking) {}

  record Totals(int total, int closed, int open, int overdue, Double onTimeRate, String onTimeText) {}

  /**
   * A stage: the window it ran in, or ({@code planned}) the one the plan gives it from the campaign
   * start; its state (未开始 / 进行中 / 待审批 / 已完成) and its items.
   */
  record StageRow(String id, String name, LocalDate start, LocalDate end, boolean planned, String state, int total,
      int closed, int open, int overdue, int percent) {}

  record DepartmentRow(String id, String name, int total, int closed, int open, int overdue, Double onTimeRate,
      String onTimeText, String light, String lightLabel, int lateLead, int lateAssist, int score, int rank) {}

  record OverdueRow(String serial, String title, String stageName, String departmentName, String role,
      LocalDate dueDate, int daysOverdue, int escalationLevel, String escalationLabel, String status) {}

  record NoticeRow(String serial, String title, String departmentName, int level, String levelLabel, int daysOverdue,
      LocalDate recordedOn, boolean closed) {}

  /** A pending 延期申请; {@code taskLink} opens the director's decision in Tasklist. */
  record ExtensionRow(String serial, String title, String departmentName, LocalDate dueDate, String requestedDueDate,
      String reason, String taskLink) {}

  /** Open items falling due on one day: the deadlines on the timeline. */
  record Deadline(LocalDate date, int open, int overdue) {}

  /** A running campaign reaching a year without a calendar file ({@link CalendarWatch}), in words. */
  record CalendarWarning(String campaignId, int year, LocalDate from, String file, String text) {}

  /** A stage's launch job that failed after its retries: an incident in Cockpit, and said here. */
  record LaunchFailure(String campaignId, String stageId, String launchKey, java.util.Date since, String text) {}
}

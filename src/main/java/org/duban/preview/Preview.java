package org.duban.preview;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.duban.notification.Recipient;

/**
 * What a campaign of a plan would create if started on {@code startDate} (from stage {@code fromStage}):
 * the plan preview, as its page, its JSON and its workbook show it. Nothing of it is stored.
 */
public record Preview(
    String planId,
    String planName,
    LocalDate startDate,
    String startDateLabel,
    String fromStage,
    /** how to read the dates: what the preview cannot know yet */
    List<String> notes,
    List<Stage> stages,
    /** in launch order: stage by stage, each plan item's lead department first */
    List<Item> items,
    Load load,
    List<Warning> warnings) {

  /** The items of one stage (for the page, which lists them stage by stage). */
  public List<Item> itemsOf(String stageId) {
    return items.stream().filter(i -> i.stageId().equals(stageId)).toList();
  }

  /**
   * A stage: skipped at adoption (no dates, no items), or its window — from the start date for the
   * stage the campaign begins with, as planned ({@code planned}) for the later ones.
   */
  public record Stage(String id, String name, boolean skipped, boolean planned, LocalDate start, String startLabel,
      LocalDate end, String endLabel, int items, int alerts, String note) {}

  /** One supervised item: a plan item for one department (牵头 or 配合), or a department's self-check scoring. */
  public record Item(String stageId, String stageName, String planItemId, String title, String kind, String departmentId,
      String departmentName, String role, String roleLabel, LocalDate dueDate, String dueDateLabel, boolean afterStageEnd,
      List<Alert> alerts) {}

  /**
   * A reminder or escalation of an item. {@code mail}: who gets a mail about it; {@code digest}: who reads it
   * in the 督办日报 sent at {@code digestAt}. An {@code unresolved} alert falls in a year without a calendar:
   * it has no date yet. {@code note} says so, or what happens to an alert already past (a back-dated start).
   */
  public record Alert(String kind, int level, String label, OffsetDateTime at, LocalDate date, String dateLabel, String time,
      boolean unresolved, List<Recipient> mail, List<Recipient> digest, OffsetDateTime digestAt, String digestLabel,
      String note) {}

  /** Items due per department and month ({@code months} as 2026-12; {@code counts} in their order). */
  public record Load(List<String> months, List<DepartmentLoad> departments) {}

  public record DepartmentLoad(String id, String name, List<Integer> counts, int total) {}

  /** {@code kind}: CALENDAR, NO_EMAIL, EMPTY_STAGE or AFTER_STAGE_END. */
  public record Warning(String kind, String text) {}
}

package org.duban.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A campaign plan, as in config/plans/&lt;id&gt;.yaml. A running campaign keeps a snapshot of it. */
public record Plan(String id, String name, String description, List<Stage> stages, Reminders reminders,
    List<EscalationLevel> escalation, String evaluation, String nonWorkingDue) {
  /** nonWorkingDue: a due date on a day off moves to the next working day (遇节假日顺延); the default. */
  public static final String NEXT_WORKING_DAY = "next-working-day";
  /** nonWorkingDue: a due date stays where it falls, day off or not. */
  public static final String KEEP = "keep";
  public static final List<String> NON_WORKING_DUE = List.of(NEXT_WORKING_DAY, KEEP);

  public Plan {
    stages = stages == null ? List.of() : stages;
    reminders = reminders == null ? Reminders.DEFAULT : reminders;
    escalation = escalation == null ? EscalationLevel.DEFAULT : escalation;
    nonWorkingDue = nonWorkingDue == null ? NEXT_WORKING_DAY : nonWorkingDue;
  }

  /** A plan with the default due-date rule (tests build plans in code). */
  public Plan(String id, String name, String description, List<Stage> stages, Reminders reminders,
      List<EscalationLevel> escalation, String evaluation) {
    this(id, name, description, stages, reminders, escalation, evaluation, null);
  }

  /**
   * The due date an item of this plan gets for {@code date}: the one rule for plan items, the
   * self-check, rectification, ad-hoc items and extensions. On a day off it moves to the next
   * working day unless the plan says {@code keep}; in a year without a calendar it stays, and the
   * alerts' calendar gap names the missing file.
   */
  public LocalDate dueDate(LocalDate date, WorkingCalendar calendar) {
    if (KEEP.equals(nonWorkingDue)) {
      return date;
    }
    try {
      return calendar.isWorkingDay(date) ? date : calendar.nextWorkingDay(date);
    } catch (WorkingCalendar.CalendarGap gap) {
      return date;
    }
  }

  /** The due date of a plan item whose stage starts on {@code stageStart}: its DateSpec, then {@link #dueDate(LocalDate, WorkingCalendar)}. */
  public LocalDate dueDate(Item item, LocalDate stageStart, WorkingCalendar calendar) {
    return dueDate(item.due().resolve(stageStart, calendar), calendar);
  }

  /**
   * Reminders, in working days: before the due date (default 3 and 1), and when an item has not
   * been signed for (default after 1). Sent at {@code at} (default 09:00).
   */
  public record Reminders(List<Integer> beforeDue, Integer signWithin, String at) {
    public static final Reminders DEFAULT = new Reminders(List.of(3, 1), 1, "09:00");

    public Reminders {
      beforeDue = beforeDue == null ? DEFAULT_BEFORE : beforeDue.stream().sorted(java.util.Comparator.reverseOrder()).toList();
      signWithin = signWithin == null ? 1 : signWithin;
      at = at == null ? "09:00" : at;
    }

    private static final List<Integer> DEFAULT_BEFORE = List.of(3, 1);

    public java.time.LocalTime time() {
      return java.time.LocalTime.parse(at);
    }
  }

  /** Who is told about the overdue items; recipients of an escalation level. */
  public enum Recipient {
    /** the department's head and liaisons, and whoever signed for the item */
    DEPARTMENT,
    CREATION_OFFICE_DIRECTOR,
    /** the department's 分管局领导 */
    DEPUTY,
    /** the leading group's head, the 局长 */
    LEADING_GROUP_HEAD
  }

  /**
   * A rung of the escalation ladder: {@code afterDue} working days after the due date, at the
   * reminder time, the recipients are told; {@code notice} puts the item on the 通报 list.
   */
  public record EscalationLevel(Integer level, Integer afterDue, List<Recipient> recipients, Boolean notice) {
    public static final List<EscalationLevel> DEFAULT = List.of(
        new EscalationLevel(1, 1, List.of(Recipient.DEPARTMENT, Recipient.CREATION_OFFICE_DIRECTOR), false),
        new EscalationLevel(2, 4, List.of(Recipient.DEPUTY), true),
        new EscalationLevel(3, 9, List.of(Recipient.LEADING_GROUP_HEAD), false));

    public EscalationLevel {
      recipients = recipients == null ? List.of() : recipients;
      notice = notice != null && notice;
    }
  }

  public record Stage(
      String id, String name, DateSpec start, DateSpec end, String goal, List<Item> items) {
    public Stage {
      items = items == null ? List.of() : items;
    }

    /**
     * The stage's dates when it really starts on {@code on} in a campaign started on {@code campaignStart}:
     * an offset end keeps the planned length, an absolute end stays where the plan put it, and a stage
     * never ends before it starts.
     */
    public Window startingOn(LocalDate on, LocalDate campaignStart, WorkingCalendar calendar) {
      LocalDate plannedStart = start.resolve(campaignStart, calendar);
      LocalDate plannedEnd = end.resolve(campaignStart, calendar);
      LocalDate last = end.isOffset() ? on.plusDays(ChronoUnit.DAYS.between(plannedStart, plannedEnd)) : plannedEnd;
      return new Window(on, last.isBefore(on) ? on : last);
    }

    /** The stage's dates as the plan puts them from the campaign start (before the gate that starts it is approved). */
    public Window planned(LocalDate campaignStart, WorkingCalendar calendar) {
      return startingOn(start.resolve(campaignStart, calendar), campaignStart, calendar);
    }
  }

  /** A stage's first and last day (inclusive). */
  public record Window(LocalDate start, LocalDate end) {}

  /** A plan item; one supervised item per responsible department is made of it. */
  public record Item(
      String id,
      String title,
      String description,
      String lead,
      List<String> assisting,
      DateSpec due,
      List<String> evidence,
      ProgressReport progressReport) {

    public Item {
      assisting = assisting == null ? List.of() : assisting;
      evidence = evidence == null ? List.of() : evidence;
      progressReport = progressReport == null ? ProgressReport.NONE : progressReport;
    }

    /** Lead first, then the assisting departments. */
    public List<String> departments() {
      return Stream.concat(Stream.of(lead), assisting.stream()).toList();
    }
  }

  public enum ProgressReport {
    NONE,
    WEEKLY,
    MONTHLY
  }

  public Optional<Stage> stage(String stageId) {
    return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
  }

  public Stage requireStage(String stageId) {
    return stage(stageId).orElseThrow(() -> new IllegalArgumentException("未知的阶段: " + stageId));
  }

  public Optional<Item> item(String itemId) {
    return stages.stream().flatMap(s -> s.items().stream()).filter(i -> i.id().equals(itemId)).findFirst();
  }
}

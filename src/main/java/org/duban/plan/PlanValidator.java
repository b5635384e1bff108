package org.duban.plan;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.duban.campaign.CampaignProcess;

/**
 * What must hold in a plan file. Dates that mix absolute and offset forms can only be checked
 * against a real start date: {@link #validateDates(Plan, LocalDate)} does that when a campaign starts.
 */
final class PlanValidator {
  private PlanValidator() {}

  static List<String> validate(Plan plan, Organization org) {
    Problems p = new Problems();
    p.id("id", plan.id());
    p.require("name", plan.name());
    List<String> expected = CampaignProcess.STAGES;
    if (plan.stages().size() != expected.size()) {
      p.add("stages", "a plan has exactly the six stages " + expected + ", found " + plan.stages().size());
    }
    for (int s = 0; s < plan.stages().size(); s++) {
      Plan.Stage stage = plan.stages().get(s);
      String path = "stages[" + s + "]";
      p.id(path + ".id", stage.id());
      if (s < expected.size() && stage.id() != null && !stage.id().equals(expected.get(s))) {
        p.add(path + ".id", "'" + stage.id() + "' found where stage '" + expected.get(s) + "' belongs");
      }
      p.require(path + ".name", stage.name());
      p.require(path + ".start", stage.start());
      p.require(path + ".end", stage.end());
      for (int i = 0; i < stage.items().size(); i++) {
        item(p, org, path + ".items[" + i + "]", stage.items().get(i));
      }
    }
    policy(p, plan);
    if (!Plan.NON_WORKING_DUE.contains(plan.nonWorkingDue())) {
      p.add("nonWorkingDue", "'" + plan.nonWorkingDue() + "' is not one of " + Plan.NON_WORKING_DUE
          + " (next-working-day: a due date on a day off moves to the next working day, the default; keep: it stays)");
    }
    if (p.list.isEmpty()) {
      p.list.addAll(datesOfSameKind(plan));
    }
    return p.list;
  }

  private static void policy(Problems p, Plan plan) {
    for (int i = 0; i < plan.reminders().beforeDue().size(); i++) {
      Integer n = plan.reminders().beforeDue().get(i);
      if (n == null || n < 1 || n > 30) {
        p.add("reminders.beforeDue[" + i + "]", "working days before the due date must be between 1 and 30");
      }
    }
    if (plan.reminders().signWithin() < 1) {
      p.add("reminders.signWithin", "must be at least 1 working day");
    }
    try {
      plan.reminders().time();
    } catch (java.time.format.DateTimeParseException e) {
      p.add("reminders.at", "'" + plan.reminders().at() + "' is not a time like 09:00");
    }
    int previous = 0;
    for (int i = 0; i < plan.escalation().size(); i++) {
      Plan.EscalationLevel level = plan.escalation().get(i);
      String path = "escalation[" + i + "]";
      if (level.level() == null || level.level() != i + 1) {
        p.add(path + ".level", "levels are numbered 1, 2, 3 … in order");
      }
      if (level.afterDue() == null || level.afterDue() <= previous) {
        p.add(path + ".afterDue", "must be more working days after the due date than the level before (" + previous + ")");
      } else {
        previous = level.afterDue();
      }
      if (level.recipients().isEmpty()) {
        p.add(path + ".recipients", "names nobody");
      }
    }
  }

  private static void item(Problems p, Organization org, String path, Plan.Item item) {
    p.id(path + ".id", item.id());
    p.require(path + ".title", item.title());
    p.require(path + ".due", item.due());
    if (p.require(path + ".lead", item.lead())) {
      department(p, org, path + ".lead", item.lead());
    }
    Set<String> seen = new HashSet<>();
    for (int a = 0; a < item.assisting().size(); a++) {
      String dept = item.assisting().get(a);
      String apath = path + ".assisting[" + a + "]";
      if (p.require(apath, dept)) {
        department(p, org, apath, dept);
        if (dept.equals(item.lead())) {
          p.add(apath, "'" + dept + "' is already the lead department");
        } else if (!seen.add(dept)) {
          p.add(apath, "'" + dept + "' is named twice");
        }
      }
    }
  }

  private static void department(Problems p, Organization org, String path, String id) {
    if (org.department(id).isEmpty()) {
      p.add(path, "unknown department '" + id + "'");
    }
  }

  /** Windows in order and dues inside their stage, wherever both sides use the same form. */
  private static List<String> datesOfSameKind(Plan plan) {
    Problems p = new Problems();
    Plan.Stage previous = null;
    for (int s = 0; s < plan.stages().size(); s++) {
      Plan.Stage stage = plan.stages().get(s);
      String path = "stages[" + s + "]";
      if (comparable(stage.start(), stage.end())
          && stage.end().resolve(LocalDate.EPOCH, null).isBefore(stage.start().resolve(LocalDate.EPOCH, null))) {
        p.add(path + ".end", stage.end() + " lies before the stage start " + stage.start());
      }
      if (previous != null
          && comparable(previous.end(), stage.start())
          && stage.start().resolve(LocalDate.EPOCH, null).isBefore(previous.end().resolve(LocalDate.EPOCH, null))) {
        p.add(path + ".start", stage.start() + " lies before the end of the previous stage (" + previous.end() + ")");
      }
      for (int i = 0; i < stage.items().size(); i++) {
        Plan.Item item = stage.items().get(i);
        String ipath = path + ".items[" + i + "].due";
        if (item.due().isOffset() && !item.due().workingDays() && comparable(stage.start(), stage.end())) {
          long length = stage.end().resolve(LocalDate.EPOCH, null).toEpochDay() - stage.start().resolve(LocalDate.EPOCH, null).toEpochDay();
          if (item.due().offsetDays() > length) {
            p.add(ipath, item.due() + " from the stage start lies after the stage end (the stage lasts " + length + " days)");
          }
        } else if (!item.due().isOffset() && !stage.start().isOffset() && !stage.end().isOffset()) {
          outside(p, ipath, item.due().absolute(), stage.start().absolute(), stage.end().absolute());
        }
      }
      previous = stage;
    }
    return p.list;
  }

  /** Both absolute, or both offsets in calendar days: comparable without a start date or a calendar. */
  private static boolean comparable(DateSpec a, DateSpec b) {
    return a.isOffset() == b.isOffset() && !a.workingDays() && !b.workingDays();
  }

  /** All dates resolved for a campaign starting on {@code start}; empty when they fit. */
  static List<String> validateDates(Plan plan, LocalDate start, WorkingCalendar calendar) {
    Problems p = new Problems();
    for (int s = 0; s < plan.stages().size(); s++) {
      Plan.Stage stage = plan.stages().get(s);
      LocalDate from = stage.start().resolve(start, calendar);
      LocalDate to = stage.end().resolve(start, calendar);
      String path = "stages[" + s + "]";
      if (to.isBefore(from)) {
        p.add(path + ".end", "the stage would end (" + to + ") before it starts (" + from + ")");
      }
      for (int i = 0; i < stage.items().size(); i++) {
        outside(p, path + ".items[" + i + "].due", stage.items().get(i).due().resolve(from, calendar), from, to);
      }
    }
    return p.list;
  }

  private static void outside(Problems p, String path, LocalDate due, LocalDate from, LocalDate to) {
    if (due.isBefore(from) || due.isAfter(to)) {
      p.add(path, "due date " + due + " lies outside its stage (" + from + " – " + to + ")");
    }
  }
}

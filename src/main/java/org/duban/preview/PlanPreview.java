package org.duban.preview;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.duban.campaign.CampaignProcess;
import org.duban.campaign.CampaignService;
import org.duban.notification.Recipient;
import org.duban.plan.BureauConfig;
import org.duban.plan.CalendarCoverage;
import org.duban.plan.DateLabels;
import org.duban.plan.Evaluation;
import org.duban.plan.Organization;
import org.duban.plan.Plan;
import org.duban.plan.WorkingCalendar;
import org.duban.supervision.AlertSchedule;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemKind;
import org.duban.supervision.ItemRole;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.LeaderDigest;
import org.duban.supervision.Recipients;
import org.duban.supervision.SupervisedItem;
import org.duban.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The plan preview (dry run): what a campaign of a plan would create if started on a date, computed
 * by the engine's own rules — stage windows ({@link Plan.Stage#startingOn}), due dates
 * ({@link Plan#dueDate}, {@link Evaluation#scoringDueDate}), every alert from the one schedule
 * function ({@link AlertSchedule#all}) with its recipients ({@link Recipients#addressees}), and the
 * calendar gaps ({@link CalendarCoverage}). Nothing is stored and nothing is started.
 */
@Service
public class PlanPreview {
  private final BureauConfig config;
  private final Recipients recipients;
  private final LeaderDigest digest;
  private final Path calendarDir;

  PlanPreview(BureauConfig config, Recipients recipients, LeaderDigest digest, @Value("${duban.config-dir}") Path configDir) {
    this.config = config;
    this.recipients = recipients;
    this.digest = digest;
    this.calendarDir = configDir.resolve("calendar"); // where BureauConfigLoader reads the calendar from
  }

  /** Refused with 404 for an unknown plan, 400 for an unknown stage or dates the calendar cannot count. */
  public Preview of(String planId, LocalDate startDate, String fromStage) {
    Plan plan = config.plan(planId).orElseThrow(() -> ApiException.notFound(
        "没有计划「" + planId + "」，可用的计划：" + String.join("、", config.plans().keySet())));
    String first;
    try {
      first = CampaignService.firstStage(plan, fromStage);
    } catch (CampaignService.CampaignRefused e) {
      throw ApiException.badRequest(e.getMessage());
    }
    try {
      return new Run(plan, startDate, first).preview();
    } catch (WorkingCalendar.CalendarGap gap) {
      // a window or due date in working days (+10wd) in a year without a calendar: a start would be refused too
      throw ApiException.badRequest("startDate: 以 " + DateLabels.withWeekday(startDate) + " 为开始日期无法试算：" + gap.getMessage());
    }
  }

  /** One preview being computed. */
  private final class Run {
    private final Plan plan;
    private final LocalDate start;
    private final String first;
    private final WorkingCalendar calendar = config.calendar();
    private final Organization org = config.organization();
    private final AlertSchedule schedule;
    private final OffsetDateTime now = OffsetDateTime.now(Deadlines.clock());
    private final List<Preview.Stage> stages = new ArrayList<>();
    private final List<Preview.Item> items = new ArrayList<>();
    private final List<Preview.Warning> warnings = new ArrayList<>();
    /** for CalendarCoverage: every stage's window as previewed, and every item from its creation to its due date */
    private final Map<String, CalendarCoverage.Window> windows = new HashMap<>();
    private final List<CalendarCoverage.OpenItem> reach = new ArrayList<>();
    /** year without a calendar → alerts falling in it */
    private final Map<Integer, Integer> unresolved = new TreeMap<>();

    Run(Plan plan, LocalDate start, String first) {
      this.plan = plan;
      this.start = start;
      this.first = first;
      this.schedule = new AlertSchedule(plan, calendar);
    }

    Preview preview() {
      boolean reached = false;
      for (Plan.Stage stage : plan.stages()) {
        reached |= stage.id().equals(first);
        if (reached) {
          stage(stage);
        } else {
          stages.add(new Preview.Stage(stage.id(), stage.name(), true, false, null, "", null, "", 0, 0, "已完成（启用前）"));
          windows.put(stage.id(), new CalendarCoverage.Window(null, null));
        }
      }
      calendarWarnings();
      noAddressWarnings();
      return new Preview(plan.id(), plan.name(), start, DateLabels.withWeekday(start), first, notes(), stages, items, load(),
          warnings);
    }

    /**
     * As the engine opens it: the stage the campaign begins with on the start date, a later one when its
     * gate is approved — not known yet, so on its planned date. Its items are created on its first day
     * (today, for a start in the past: the engine launches them when it starts the campaign).
     */
    private void stage(Plan.Stage stage) {
      Plan.Window window = stage.id().equals(first) ? stage.startingOn(start, start, calendar) : stage.planned(start, calendar);
      windows.put(stage.id(), new CalendarCoverage.Window(window.start(), window.end()));
      LocalDate created = window.start().isBefore(Deadlines.today()) ? Deadlines.today() : window.start();
      int before = items.size();
      for (Plan.Item item : stage.items()) {
        LocalDate due = plan.dueDate(item, window.start(), calendar);
        item(stage, window, created, item.id(), item.title(), "计划事项", item.lead(), ItemRole.LEAD, ItemKind.TASK, due,
            item.progressReport());
        for (String department : item.assisting()) {
          item(stage, window, created, item.id(), item.title(), "计划事项", department, ItemRole.ASSIST, ItemKind.TASK, due,
              item.progressReport());
        }
      }
      String note = stage.id().equals(first) ? "自开始日期起" : "计划时间，以上一阶段审批通过之日为准";
      Optional<Evaluation> evaluation = config.evaluation(plan.evaluation());
      if (stage.id().equals(CampaignProcess.SELF_CHECK) && evaluation.isPresent()) {
        LocalDate due = evaluation.get().scoringDueDate(plan, window.start(), window.end(), calendar);
        for (String department : evaluation.get().owners()) {
          item(stage, window, created, Evaluation.SCORING_PLAN_ITEM, Evaluation.SCORING_TITLE, "自查评分", department,
              ItemRole.LEAD, ItemKind.SELF_CHECK, due, Plan.ProgressReport.NONE);
        }
        note += "；含各单位" + Evaluation.SCORING_TITLE + " " + evaluation.get().owners().size() + " 项";
      }
      if (stage.id().equals(CampaignProcess.RECTIFICATION)) {
        note += "；另有整改项，由自检自查产生";
      }
      List<Preview.Item> own = items.subList(before, items.size());
      int count = own.size();
      if (count == 0) {
        warn("EMPTY_STAGE", stage.name() + "没有督办事项：阶段开始后无事可办，到结束日期即开启阶段审批。");
      }
      stages.add(new Preview.Stage(stage.id(), stage.name(), false, !stage.id().equals(first), window.start(),
          DateLabels.withWeekday(window.start()), window.end(), DateLabels.withWeekday(window.end()), count,
          own.stream().mapToInt(i -> i.alerts().size()).sum(), note));
    }

    private void item(Plan.Stage stage, Plan.Window window, LocalDate created, String planItemId, String title, String kindLabel,
        String departmentId, ItemRole role, ItemKind kind, LocalDate due, Plan.ProgressReport cadence) {
      // the record the engine will insert: serial-less, 待签收, nobody signed for it yet
      SupervisedItem record = new SupervisedItem(null, null, stage.id(), planItemId, departmentId, role, title, "", due,
          ItemStatus.PENDING_SIGN, false, null, null, null, null, created.atStartOfDay(Deadlines.ZONE).toOffsetDateTime(),
          null, null, kind, "", false);
      List<AlertSchedule.Alert> all = schedule.all(record, cadence);
      // a start in the past: what the engine does at once with the alerts already due (the schedule says)
      Map<AlertSchedule.Alert, AlertSchedule.Step> past = schedule.due(record, all, Set.of(), now).stream()
          .collect(Collectors.toMap(AlertSchedule.Step::alert, s -> s));
      List<Preview.Alert> alerts = all.stream().map(a -> alert(record, a, past.get(a))).toList();
      boolean afterEnd = due.isAfter(window.end());
      if (afterEnd) {
        warn("AFTER_STAGE_END", "「" + title + "」的完成时限 " + DateLabels.withWeekday(due) + " 晚于" + stage.name() + "的结束日期 "
            + DateLabels.withWeekday(window.end()) + "：阶段到期即开启阶段审批，该事项转入下一阶段继续督办。");
      }
      reach.add(new CalendarCoverage.OpenItem(created, due));
      items.add(new Preview.Item(stage.id(), stage.name(), planItemId, title, kindLabel, departmentId,
          org.departmentName(departmentId), role.name(), role.label, due, DateLabels.withWeekday(due), afterEnd, alerts));
    }

    private Preview.Alert alert(SupervisedItem record, AlertSchedule.Alert a, AlertSchedule.Step past) {
      Recipients.Addressees to = recipients.addressees(record, a);
      if (a.unresolved()) {
        unresolved.merge(a.gap().year(), 1, Integer::sum);
        return new Preview.Alert(a.kind().name(), a.level(), a.label(), null, null, "", "", true, to.mail(), to.digest(), null,
            to.digest().isEmpty() ? "" : "督办日报", "没有 " + a.gap().year() + " 年的工作日历，日期无法计算");
      }
      String note = past == null ? ""
          : past.outcome() == AlertSchedule.Outcome.RAISE ? "时点已过：启动时立即发出"
          : "时点已过：不再发送（" + past.reason() + "）";
      // the digest after the escalation is raised: at its instant, or at the start for one already past
      OffsetDateTime digestAt = to.digest().isEmpty() ? null : digest.nextAfter(a.at().isBefore(now) ? now : a.at());
      return new Preview.Alert(a.kind().name(), a.level(), a.label(), a.at(), local(a.at()).toLocalDate(),
          DateLabels.withWeekday(local(a.at()).toLocalDate()), local(a.at()).toLocalTime().toString(), false, to.mail(),
          to.digest(), digestAt, digestAt == null ? "" : DateLabels.withWeekday(local(digestAt).toLocalDate()) + " "
          + local(digestAt).toLocalTime() + " 督办日报", note);
    }

    private static LocalDateTime local(OffsetDateTime instant) {
      return instant.atZoneSameInstant(Deadlines.ZONE).toLocalDateTime();
    }

    private List<String> notes() {
      List<String> notes = new ArrayList<>();
      notes.add("这是试算，不会启动创建活动，也不会发出任何通知。");
      if (!first.equals(plan.stages().get(0).id())) {
        notes.add("从" + plan.requireStage(first).name() + "启用：此前各阶段记为已完成（启用前），不生成督办事项。");
      }
      notes.add(plan.requireStage(first).name() + "自开始日期 " + DateLabels.withWeekday(start) + " 起；以后各阶段在创建办主任批准上一阶段后"
          + "当天开始，审批日期现在无法得知，本页按计划时间列出。实际开始较晚时，各阶段的结束日期和按天数计算的完成时限随之后移。");
      notes.add(Plan.KEEP.equals(plan.nonWorkingDue()) ? "完成时限遇周末或节假日不顺延（计划设定 nonWorkingDue: keep）。"
          : "完成时限遇周末或节假日顺延至下一个工作日（遇节假日顺延）。");
      notes.add("提醒和预警按工作日历计算，于每天 " + plan.reminders().at() + " 发出；列出的是事项一直未签收、未提交时的全部提醒和预警，"
          + "签收、提交或办结后相应的提醒不再发出。");
      notes.add(digest.daily()
          ? "超期预警发给创建办主任、分管局领导和局长的部分不逐项发邮件，汇入随后一次的督办日报（每日定时一封，duban.deadlines.digest: daily）；责任单位仍逐项收到邮件。"
          : "超期预警逐项发邮件给每位收件人（duban.deadlines.digest: per-item）。");
      notes.add("整改提高阶段的整改项由自检自查的评分结果产生（未达满分或标记需整改的测评项目），现在无法列出，只列出计划中的事项。");
      return notes;
    }

    /** One warning per year without a calendar file, as CalendarCoverage finds them, with the alerts that fall in it. */
    private void calendarWarnings() {
      Map<Integer, LocalDate> missing = new TreeMap<>();
      CalendarCoverage.missingYears(plan, start, windows, reach, calendar).forEach(m -> missing.put(m.year(), m.from()));
      for (int year : new TreeSet<>(union(missing.keySet(), unresolved.keySet()))) {
        LocalDate from = missing.get(year);
        String file = calendarDir.resolve(year + ".yaml").toString().replace('\\', '/');
        int count = unresolved.getOrDefault(year, 0);
        String since = from == null ? "" : "（最早 " + DateLabels.withWeekday(from) + "起）";
        String alerts = count == 0 ? "" : "添加之前，该年的 " + count + " 条提醒和预警无法按工作日计算。";
        warn("CALENDAR", "日期已延伸到 " + year + " 年" + since + "，但尚无 " + file + " 工作日历：请依据"
            + new CalendarCoverage.MissingYear(year, from).notice() + "（每年秋季发布）添加。" + alerts);
      }
    }

    /** People the organization file gives no address: their mails and digests would not arrive. */
    private void noAddressWarnings() {
      Map<String, Recipient> people = new LinkedHashMap<>();
      Map<String, Integer> counts = new HashMap<>();
      items.stream().flatMap(i -> i.alerts().stream()).forEach(a -> {
        for (Recipient r : union(a.mail(), a.digest())) {
          if (!r.hasAddress()) {
            people.putIfAbsent(r.id(), r);
            counts.merge(r.id(), 1, Integer::sum);
          }
        }
      });
      people.values().forEach(r -> warn("NO_EMAIL", r.name() + "（" + r.id() + "）在 config/organization.yaml 中没有电子邮件地址："
          + counts.get(r.id()) + " 条提醒和预警无法送达，请补充。"));
    }

    /** Once: the items of a plan item share their due date, and so do the departments' scoring tasks. */
    private void warn(String kind, String text) {
      Preview.Warning warning = new Preview.Warning(kind, text);
      if (!warnings.contains(warning)) {
        warnings.add(warning);
      }
    }

    /** Items due per department (in the organization file's order) and month, every month from the first due to the last. */
    private Preview.Load load() {
      if (items.isEmpty()) {
        return new Preview.Load(List.of(), List.of());
      }
      YearMonth firstMonth = items.stream().map(i -> YearMonth.from(i.dueDate())).min(YearMonth::compareTo).orElseThrow();
      YearMonth lastMonth = items.stream().map(i -> YearMonth.from(i.dueDate())).max(YearMonth::compareTo).orElseThrow();
      List<String> months = new ArrayList<>();
      for (YearMonth m = firstMonth; !m.isAfter(lastMonth); m = m.plusMonths(1)) {
        months.add(m.toString());
      }
      List<Preview.DepartmentLoad> departments = new ArrayList<>();
      for (Organization.Department d : org.departments()) {
        List<Preview.Item> own = items.stream().filter(i -> i.departmentId().equals(d.id())).toList();
        if (!own.isEmpty()) {
          List<Integer> counts = months.stream().map(m -> (int) own.stream()
              .filter(i -> YearMonth.from(i.dueDate()).toString().equals(m)).count()).toList();
          departments.add(new Preview.DepartmentLoad(d.id(), d.name(), counts, own.size()));
        }
      }
      return new Preview.Load(months, departments);
    }
  }

  private static <T> List<T> union(Collection<T> a, Collection<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}

package org.duban.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.campaign.CampaignRepository.Campaign;
import org.duban.campaign.CampaignRepository.StageRecord;
import org.duban.organization.Roles;
import org.duban.plan.Plan;
import org.duban.supervision.AlertRepository;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.ItemRepository;
import org.duban.web.CurrentUser;
import org.duban.web.Privileged;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Builds the dashboard for one viewer: counts, lights, ranking and lists, from {@link ReportData}. */
@Service
class DashboardService {
  static final String ON_TIME_DEFINITION = "按期完成率 = 按期办结的事项数 ÷（已办结的事项数 + 已过完成时限仍未办结的事项数）。"
      + "按期办结：最后一次提交办理情况的日期不晚于完成时限（等待审核的时间不计入超期）。";

  private final ReportData data;
  private final RankingRule ranking;
  private final AlertRepository alerts;
  private final TaskService tasks;
  private final ItemRepository items;
  private final IdentityService identity;
  private final CalendarWatch calendarWatch;
  private final RuntimeService runtime;

  DashboardService(ReportData data, RankingRule ranking, AlertRepository alerts, TaskService tasks, ItemRepository items,
      IdentityService identity, CalendarWatch calendarWatch, RuntimeService runtime) {
    this.runtime = runtime;
    this.data = data;
    this.ranking = ranking;
    this.alerts = alerts;
    this.tasks = tasks;
    this.items = items;
    this.identity = identity;
    this.calendarWatch = calendarWatch;
  }

  DashboardView.Rules rules() {
    int n = Deadlines.yellowWorkingDays();
    return new DashboardView.Rules(n,
        "绿：距完成时限还有 " + n + " 个工作日以上；黄：剩余 " + n + " 个工作日以内（含到期当日）；红：已超期未办结。处室的灯取其在办事项中最严重的一盏。",
        ON_TIME_DEFINITION, ranking.text());
  }

  @Transactional(readOnly = true)
  DashboardView view(String campaignId, CurrentUser user) {
    LocalDate today = Deadlines.today();
    String scope = user.seesAllDepartments() ? "全局"
        : data.departmentOrder().stream().filter(user::in).map(data::departmentName).collect(Collectors.joining("、"));
    scope = scope.isEmpty() ? "无（未加入任何单位）" : scope;
    Optional<Campaign> found = data.campaign(campaignId);
    if (found.isEmpty()) {
      return DashboardView.empty(today, scope, rules());
    }
    Campaign campaign = found.get();
    // ranking needs every department's numbers; the viewer then gets the own rows only
    List<ItemFacts> all = data.facts(campaign);
    List<ItemFacts> visible = all.stream().filter(f -> user.mayRead(f.departmentId())).toList();
    List<DashboardView.DepartmentRow> ranked = rank(all, today);
    List<String> order = data.departmentOrder();
    List<DashboardView.DepartmentRow> departments = ranked.stream().filter(d -> user.mayRead(d.id()))
        .sorted(Comparator.comparingInt(d -> order.indexOf(d.id()))).toList();
    boolean runsCampaign = runsCampaign(user);
    return new DashboardView(campaign.id(), campaign.name(), campaign.startDate(), today, scope, user.seesAllDepartments(),
        runsCampaign, rules(), totals(visible, today), stages(campaign, visible), departments,
        ranked.stream().filter(d -> user.mayRead(d.id())).toList(), overdue(visible), notices(campaign, visible),
        extensions(visible, user), deadlines(visible), runsCampaign ? calendarWarnings() : List.of(),
        runsCampaign ? launchFailures() : List.of());
  }

  /**
   * The creation office, its director and the administrator: they urge items, and they are told when
   * a campaign reaches a year without a calendar file (the leaders and departments have nothing to do about it).
   */
  static boolean runsCampaign(CurrentUser user) {
    return user.in(Roles.CREATION_OFFICE) || user.in(Roles.CREATION_OFFICE_DIRECTOR) || user.isAdmin();
  }

  /**
   * Launch jobs that failed after their retries (an incident in Cockpit for the administrator): items
   * a stage should have assigned and has not, which must not stay unnoticed.
   */
  private List<DashboardView.LaunchFailure> launchFailures() {
    return Privileged.run(identity, () -> runtime.createIncidentQuery().activityId(CampaignProcess.TASK_LAUNCH_ITEM).list())
        .stream().map(i -> {
          Map<String, Object> stage = Privileged.run(identity, () -> runtime.getVariables(i.getProcessInstanceId(),
              List.of(CampaignProcess.Var.CAMPAIGN_ID, CampaignProcess.Var.STAGE_ID)));
          Object key = Privileged.run(identity, () -> runtime.getVariableLocal(i.getExecutionId(), CampaignProcess.Var.LAUNCH_KEY));
          return new DashboardView.LaunchFailure(String.valueOf(stage.get(CampaignProcess.Var.CAMPAIGN_ID)),
              String.valueOf(stage.get(CampaignProcess.Var.STAGE_ID)), String.valueOf(key), i.getIncidentTimestamp(),
              "交办失败：创建活动 " + stage.get(CampaignProcess.Var.CAMPAIGN_ID) + " 的阶段 " + stage.get(CampaignProcess.Var.STAGE_ID)
                  + " 中“" + key + "”的督办事项未能交办（重试后仍失败：" + i.getIncidentMessage()
                  + "）。请系统管理员在 Cockpit 中查看原因并重试，重试成功后事项即交办。");
        }).toList();
  }

  /** Every running campaign's, whichever campaign the page shows: the missing file concerns them all. */
  private List<DashboardView.CalendarWarning> calendarWarnings() {
    return calendarWatch.gaps().stream().map(g -> new DashboardView.CalendarWarning(g.campaignId(), g.year(), g.from(), g.file(),
        "创建活动“" + g.campaignName() + "”的日期已延伸到 " + g.year() + " 年（最早 " + g.from() + " 起），但尚无 " + g.file()
            + " 工作日历：请依据" + g.notice() + "（每年秋季发布）添加，否则该年的提醒和预警将无法按工作日计算。"))
        .toList();
  }

  private DashboardView.Totals totals(List<ItemFacts> facts, LocalDate today) {
    int closed = (int) facts.stream().filter(ItemFacts::closed).count();
    int overdue = (int) facts.stream().filter(ItemFacts::overdueNow).count();
    Double rate = onTimeRate(facts, today);
    return new DashboardView.Totals(facts.size(), closed, facts.size() - closed, overdue, rate, percent(rate));
  }

  static Double onTimeRate(List<ItemFacts> facts, LocalDate today) {
    long counted = facts.stream().filter(f -> f.counts(today)).count();
    long onTime = facts.stream().filter(ItemFacts::closedOnTime).count();
    return counted == 0 ? null : (double) onTime / counted;
  }

  static String percent(Double rate) {
    return rate == null ? "—" : String.format("%.1f%%", rate * 100);
  }

  /** Every department with items, ranked by score, then on-time rate; equal scores share a rank. */
  private List<DashboardView.DepartmentRow> rank(List<ItemFacts> facts, LocalDate today) {
    Map<String, List<ItemFacts>> byDepartment = facts.stream().collect(Collectors.groupingBy(ItemFacts::departmentId));
    List<String> order = data.departmentOrder();
    List<DashboardView.DepartmentRow> rows = new ArrayList<>();
    for (var entry : byDepartment.entrySet()) {
      List<ItemFacts> own = entry.getValue();
      int closed = (int) own.stream().filter(ItemFacts::closed).count();
      int overdue = (int) own.stream().filter(ItemFacts::overdueNow).count();
      int lateLead = (int) own.stream().filter(f -> f.late() && f.lead()).count();
      int lateAssist = (int) own.stream().filter(f -> f.late() && !f.lead()).count();
      Light light = own.stream().map(ItemFacts::light).filter(l -> l != null).reduce(Light.GREEN, Light::worse);
      Double rate = onTimeRate(own, today);
      rows.add(new DashboardView.DepartmentRow(entry.getKey(), data.departmentName(entry.getKey()), own.size(), closed,
          own.size() - closed, overdue, rate, percent(rate), light.name(), light.label, lateLead, lateAssist,
          ranking.score(lateLead, lateAssist), 0));
    }
    rows.sort(Comparator.comparingInt(DashboardView.DepartmentRow::score).reversed()
        .thenComparing(r -> r.onTimeRate() == null ? 1.0 : r.onTimeRate(), Comparator.reverseOrder())
        .thenComparingInt(r -> order.indexOf(r.id())));
    List<DashboardView.DepartmentRow> ranked = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      DashboardView.DepartmentRow r = rows.get(i);
      int rank = i > 0 && rows.get(i - 1).score() == r.score() ? ranked.get(i - 1).rank() : i + 1;
      ranked.add(new DashboardView.DepartmentRow(r.id(), r.name(), r.total(), r.closed(), r.open(), r.overdue(),
          r.onTimeRate(), r.onTimeText(), r.light(), r.lightLabel(), r.lateLead(), r.lateAssist(), r.score(), rank));
    }
    return ranked;
  }

  private List<DashboardView.StageRow> stages(Campaign campaign, List<ItemFacts> facts) {
    Map<String, StageRecord> records = data.stages(campaign).stream()
        .collect(Collectors.toMap(StageRecord::stageId, Function.identity()));
    List<DashboardView.StageRow> rows = new ArrayList<>();
    for (Plan.Stage stage : data.plan(campaign).stages()) {
      StageRecord record = records.get(stage.id());
      List<ItemFacts> own = facts.stream().filter(f -> f.item().stageId().equals(stage.id())).toList();
      int closed = (int) own.stream().filter(ItemFacts::closed).count();
      int overdue = (int) own.stream().filter(ItemFacts::overdueNow).count();
      String state = record == null ? "未开始" : record.state();
      LocalDate[] window = record != null ? new LocalDate[] {record.startedOn(), record.endsOn()}
          : data.plannedWindow(stage, campaign.startDate());
      rows.add(new DashboardView.StageRow(stage.id(), stage.name(), window == null ? null : window[0],
          window == null ? null : window[1], record == null, state, own.size(), closed, own.size() - closed, overdue,
          own.isEmpty() ? 0 : closed * 100 / own.size()));
    }
    return rows;
  }

  private List<DashboardView.OverdueRow> overdue(List<ItemFacts> facts) {
    return facts.stream().filter(ItemFacts::overdueNow)
        .sorted(Comparator.comparingInt(ItemFacts::daysOverdue).reversed().thenComparing(ItemFacts::serial))
        .map(f -> new DashboardView.OverdueRow(f.serial(), f.item().title(), f.stageName(), f.departmentName(),
            f.roleLabel(), f.item().dueDate(), f.daysOverdue(), f.escalationLevel(), ItemFacts.levelLabel(f.escalationLevel()),
            f.statusLabel()))
        .toList();
  }

  private List<DashboardView.NoticeRow> notices(Campaign campaign, List<ItemFacts> facts) {
    Map<String, ItemFacts> bySerial = facts.stream().collect(Collectors.toMap(ItemFacts::serial, Function.identity()));
    return alerts.notices().stream()
        .filter(n -> n.campaignId().equals(campaign.id()) && bySerial.containsKey(n.serial()))
        .map(n -> {
          ItemFacts f = bySerial.get(n.serial());
          return new DashboardView.NoticeRow(n.serial(), f.item().title(), f.departmentName(), n.level(),
              ItemFacts.levelLabel(n.level()), n.daysOverdue(), n.recordedAt().atZoneSameInstant(Deadlines.ZONE).toLocalDate(),
              f.closed());
        })
        .toList();
  }

  /** Pending 延期申请 of the visible items; the director's (and administrator's) rows link to the decision task. */
  private List<DashboardView.ExtensionRow> extensions(List<ItemFacts> facts, CurrentUser user) {
    Map<String, ItemFacts> byInstance = facts.stream().filter(f -> f.item().processInstanceId() != null)
        .collect(Collectors.toMap(f -> f.item().processInstanceId(), Function.identity()));
    if (byInstance.isEmpty()) {
      return List.of();
    }
    // the decision task is the director's: invisible to the office and heads through their own authorizations
    List<Task> pending = Privileged.run(identity, () -> tasks.createTaskQuery()
        .taskDefinitionKey(ItemProcess.TASK_DECIDE_EXTENSION).list());
    boolean decides = user.in(Roles.CREATION_OFFICE_DIRECTOR) || user.isAdmin();
    List<DashboardView.ExtensionRow> rows = new ArrayList<>();
    for (Task task : pending) {
      ItemFacts f = byInstance.get(task.getProcessInstanceId());
      if (f == null) {
        continue;
      }
      ItemRepository.Extension request = items.latestExtension(f.serial()).orElseThrow();
      rows.add(new DashboardView.ExtensionRow(f.serial(), f.item().title(), f.departmentName(), f.item().dueDate(),
          request.requestedDueDate().toString(), request.reason(),
          decides ? "/camunda/app/tasklist/default/#/?task=" + task.getId() : null));
    }
    rows.sort(Comparator.comparing(DashboardView.ExtensionRow::serial));
    return rows;
  }

  private List<DashboardView.Deadline> deadlines(List<ItemFacts> facts) {
    Map<LocalDate, int[]> byDay = new TreeMap<>();
    facts.stream().filter(f -> !f.closed()).forEach(f -> {
      int[] counts = byDay.computeIfAbsent(f.item().dueDate(), d -> new int[2]);
      counts[0]++;
      if (f.overdueNow()) {
        counts[1]++;
      }
    });
    return byDay.entrySet().stream().map(e -> new DashboardView.Deadline(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
  }
}

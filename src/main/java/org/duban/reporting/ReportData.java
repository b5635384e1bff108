package org.duban.reporting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duban.campaign.CampaignRepository;
import org.duban.campaign.CampaignRepository.Campaign;
import org.duban.plan.BureauConfig;
import org.duban.plan.Plan;
import org.duban.plan.WorkingCalendar;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.PlanLookup;
import org.duban.supervision.SupervisedItem;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the dashboard, the ledger and the 通报 are made of: a campaign's items with their facts, read
 * from Duban's tables. Who may see which department is decided here, once, for all three.
 */
@Component
class ReportData {
  private final CampaignRepository campaigns;
  private final ItemRepository items;
  private final PlanLookup plans;
  private final BureauConfig config;
  private final JdbcClient jdbc;

  ReportData(CampaignRepository campaigns, ItemRepository items, PlanLookup plans, BureauConfig config, JdbcClient jdbc) {
    this.campaigns = campaigns;
    this.items = items;
    this.plans = plans;
    this.config = config;
    this.jdbc = jdbc;
  }

  /** The asked-for campaign, else the running one, else the latest; empty when none was ever started. */
  Optional<Campaign> campaign(String id) {
    if (id != null && !id.isBlank()) {
      return Optional.of(campaigns.find(id).orElseThrow(() -> ApiException.notFound("没有督办活动 " + id)));
    }
    List<Campaign> all = campaigns.all();
    return all.stream().filter(Campaign::running).reduce((a, b) -> b).or(() -> all.stream().reduce((a, b) -> b));
  }

  Plan plan(Campaign campaign) {
    return plans.planOf(campaign.id());
  }

  List<CampaignRepository.StageRecord> stages(Campaign campaign) {
    return campaigns.stages(campaign.id());
  }

  /** The campaign's items the user may see: every department for the office and leaders, else the own ones. */
  List<ItemFacts> facts(Campaign campaign, CurrentUser user) {
    return facts(campaign).stream().filter(f -> user.mayRead(f.departmentId())).toList();
  }

  /** Every item of the campaign, whoever asks: for what is computed over all departments (the ranking). */
  List<ItemFacts> facts(Campaign campaign) {
    Plan plan = plan(campaign);
    Map<String, String> stageNames = new HashMap<>();
    plan.stages().forEach(s -> stageNames.put(s.id(), s.name()));
    Map<String, Integer> levels = perItem(campaign.id(),
        "select a.item_serial, max(a.level) from item_alert a join supervised_item i on i.serial = a.item_serial"
            + " where i.campaign_id = ? and a.kind = 'ESCALATION' and a.outcome = 'RAISED' group by a.item_serial");
    Map<String, Integer> extensions = perItem(campaign.id(),
        "select e.item_serial, count(*) from item_event e join supervised_item i on i.serial = e.item_serial"
            + " where i.campaign_id = ? and e.kind = 'EXTENSION_APPROVED' group by e.item_serial");
    LocalDate today = Deadlines.today();
    return items.ofCampaign(campaign.id()).stream()
        .map(i -> facts(i, stageNames.getOrDefault(i.stageId(), i.stageId()), levels.getOrDefault(i.serial(), 0),
            extensions.getOrDefault(i.serial(), 0), today))
        .toList();
  }

  /** The window a stage not started yet is planned for, counted from the campaign start; null where no calendar covers it. */
  LocalDate[] plannedWindow(Plan.Stage stage, LocalDate campaignStart) {
    try {
      Plan.Window window = stage.planned(campaignStart, config.calendar());
      return new LocalDate[] {window.start(), window.end()};
    } catch (WorkingCalendar.CalendarGap gap) {
      return null;
    }
  }

  String departmentName(String id) {
    return config.organization().departmentName(id);
  }

  /** Department ids in the order of organization.yaml, the order every report lists them in. */
  List<String> departmentOrder() {
    return config.organization().departments().stream().map(d -> d.id()).toList();
  }

  String bureau() {
    return config.organization().bureau();
  }

  private ItemFacts facts(SupervisedItem i, String stageName, int level, int extensions, LocalDate today) {
    LocalDate due = i.dueDate();
    LocalDate submitted = day(i.submittedAt());
    LocalDate closed = day(i.closedAt());
    boolean handedIn = i.status() == ItemStatus.CLOSED || i.status() == ItemStatus.IN_REVIEW;
    // the department's timeliness is its submission: time spent waiting in 审核 is not its delay
    LocalDate handedInOn = submitted != null ? submitted : closed;
    boolean lateSubmission = handedIn && handedInOn != null && handedInOn.isAfter(due);
    int daysOverdue = i.isOverdue() ? workingDays(due, today) : lateSubmission ? workingDays(due, handedInOn) : 0;
    Light light = null;
    if (i.isOpen()) {
      light = i.isOverdue() ? Light.RED : i.isDueSoon() ? Light.YELLOW : Light.GREEN;
    }
    return new ItemFacts(i, stageName, departmentName(i.departmentId()), i.displayStatus(), i.isOverdue() || lateSubmission,
        daysOverdue, level, extensions, submitted, closed, light);
  }

  /** Working days from the due date to {@code to}, as escalation counts them; plain days where no calendar covers. */
  int workingDays(LocalDate from, LocalDate to) {
    WorkingCalendar calendar = config.calendar();
    try {
      return calendar.workingDaysBetween(from, to);
    } catch (WorkingCalendar.CalendarGap gap) {
      return (int) java.time.temporal.ChronoUnit.DAYS.between(from, to);
    }
  }

  private Map<String, Integer> perItem(String campaignId, String sql) {
    Map<String, Integer> result = new HashMap<>();
    jdbc.sql(sql).param(campaignId).query((rs, n) -> result.put(rs.getString(1), rs.getInt(2))).list();
    return result;
  }

  private static LocalDate day(OffsetDateTime at) {
    return at == null ? null : at.atZoneSameInstant(Deadlines.ZONE).toLocalDate();
  }
}

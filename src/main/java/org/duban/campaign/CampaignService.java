package org.duban.campaign;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.duban.plan.BureauConfig;
import org.duban.plan.DateLabels;
import org.duban.plan.Plan;
import org.duban.plan.PlanDates;
import org.duban.plan.WorkingCalendar;
import org.duban.supervision.Deadlines;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starting campaigns. The database, not a check beforehand, refuses a second running campaign of a plan. */
@Service
public class CampaignService {
  private final RuntimeService runtime;
  private final BureauConfig config;

  CampaignService(RuntimeService runtime, BureauConfig config) {
    this.runtime = runtime;
    this.config = config;
  }

  /** Why a campaign cannot start; the message is for the person who asked. */
  public static class CampaignRefused extends RuntimeException {
    public final boolean conflict;

    CampaignRefused(String message, boolean conflict) {
      super(message);
      this.conflict = conflict;
    }
  }

  /**
   * How far back a start date may lie. A back-dated campaign catches up on every reminder and
   * escalation since its start; a campaign that began earlier is adopted from its current stage
   * ({@code fromStage}) with that stage's start date instead.
   */
  public static final Period MAX_BACKDATING = Period.ofYears(1);

  /** A campaign of the plan from its first stage. */
  @Transactional
  public String start(String planId, LocalDate startDate) {
    return start(planId, startDate, null);
  }

  /**
   * A campaign of the plan whose stage {@code fromStage} (null: the first) starts on {@code startDate},
   * which may lie in the past; the stages before it are recorded as done before Duban, without items.
   */
  @Transactional
  public String start(String planId, LocalDate startDate, String fromStage) {
    Plan plan = config.plan(planId).orElseThrow(() -> new CampaignRefused(
        "未知的计划 '" + planId + "'，可用的计划：" + config.plans().keySet(), false));
    String from = firstStage(plan, fromStage);
    LocalDate today = Deadlines.today();
    LocalDate earliest = today.minus(MAX_BACKDATING);
    if (startDate.isBefore(earliest)) {
      throw new CampaignRefused("startDate: 开始日期 " + DateLabels.withWeekday(startDate) + "早于一年前，最早可为 "
          + DateLabels.withWeekday(earliest) + "。已开展一年以上的创建活动，请用 fromStage 从当前阶段启用，开始日期填该阶段的开始日期。", false);
    }
    List<String> problems;
    try {
      if (startDate.isBefore(today)) {
        // a past start needs its year's calendar (CalendarGap otherwise): the reminders and escalations since are counted in it
        config.calendar().isWorkingDay(startDate);
      }
      problems = PlanDates.problems(plan, startDate, config.calendar());
    } catch (WorkingCalendar.CalendarGap gap) {
      throw new CampaignRefused(gap.getMessage(), false);
    }
    if (!problems.isEmpty()) {
      throw new CampaignRefused("计划 " + planId + " 以 " + startDate + " 为开始日期时日期不成立：" + String.join("；", problems), false);
    }
    String id = planId + "-" + startDate.format(DateTimeFormatter.BASIC_ISO_DATE);
    try {
      runtime.createProcessInstanceByKey(CampaignProcess.KEY)
          .businessKey(id)
          .setVariable(CampaignProcess.Var.PLAN_ID, planId)
          .setVariable(CampaignProcess.Var.START_DATE, startDate.toString())
          .setVariable(CampaignProcess.Var.FROM_STAGE, from)
          .execute();
    } catch (RuntimeException e) {
      if (!causedByDuplicate(e)) {
        throw e;
      }
      throw new CampaignRefused("计划「" + plan.name() + "」已有进行中的创建活动（或同一开始日期的活动已存在），不能重复启动。", true);
    }
    return id;
  }

  /** The stage a campaign of the plan begins with: {@code fromStage}, or the first when null; refused when unknown. */
  public static String firstStage(Plan plan, String fromStage) {
    String from = fromStage == null ? CampaignProcess.STAGES.get(0) : fromStage;
    if (!CampaignProcess.STAGES.contains(from)) {
      throw new CampaignRefused("fromStage: 未知的阶段 '" + fromStage + "'，可选：" + CampaignProcess.STAGES.stream()
          .map(id -> id + "（" + plan.requireStage(id).name() + "）").collect(Collectors.joining("、")), false);
    }
    return from;
  }

  private static boolean causedByDuplicate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DuplicateKeyException) {
        return true;
      }
    }
    return false;
  }
}

package org.duban.campaign;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.duban.plan.BureauConfig;
import org.duban.plan.Plan;
import org.duban.plan.PlanDates;
import org.duban.plan.WorkingCalendar;
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

  @Transactional
  public String start(String planId, LocalDate startDate) {
    Plan plan = config.plan(planId).orElseThrow(() -> new CampaignRefused(
        "未知的计划 '" + planId + "'，可用的计划：" + config.plans().keySet(), false));
    List<String> problems;
    try {
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
          .execute();
    } catch (RuntimeException e) {
      if (!causedByDuplicate(e)) {
        throw e;
      }
      throw new CampaignRefused("计划「" + plan.name() + "」已有进行中的创建活动（或同一开始日期的活动已存在），不能重复启动。", true);
    }
    return id;
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

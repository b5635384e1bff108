package org.duban.plan;

import java.time.LocalDate;
import java.util.List;

/** Checks a plan's dates against a real campaign start, when absolute and offset dates meet. */
public final class PlanDates {
  private PlanDates() {}

  public static List<String> problems(Plan plan, LocalDate campaignStart) {
    return PlanValidator.validateDates(plan, campaignStart);
  }
}

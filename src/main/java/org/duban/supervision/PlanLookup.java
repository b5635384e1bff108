package org.duban.supervision;

import org.duban.plan.Plan;

/** The plan a campaign runs on (its snapshot); the campaign package provides it. */
public interface PlanLookup {
  Plan planOf(String campaignId);
}

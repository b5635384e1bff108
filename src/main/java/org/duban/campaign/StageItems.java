package org.duban.campaign;

import java.util.ArrayList;
import java.util.List;
import org.duban.plan.Plan;
import org.duban.supervision.ItemRepository;
import org.springframework.stereotype.Component;

/** Read by campaign-stage.bpmn's expressions: whether the stage is skipped, what it launches, and whether all its items are closed. */
@Component("stageItems")
public class StageItems {
  private final CampaignPlans plans;
  private final ItemRepository items;
  private final List<StageWork> work;
  private final CampaignRepository campaigns;

  StageItems(CampaignPlans plans, ItemRepository items, List<StageWork> work, CampaignRepository campaigns) {
    this.plans = plans;
    this.items = items;
    this.work = work;
    this.campaigns = campaigns;
  }

  /** The stage lies before the one the campaign was adopted from: the campaign's record says, not a variable. */
  public boolean skippedAtAdoption(String campaignId, String stageId) {
    return campaigns.find(campaignId).orElseThrow().skipsAtAdoption(stageId);
  }

  /**
   * The multi-instance collection: the stage's plan items and other {@link StageWork}; computed where
   * it is needed rather than stored as a variable.
   */
  public List<String> planItemIds(String campaignId, String stageId) {
    Plan plan = plans.of(campaignId);
    List<String> keys = new ArrayList<>(plan.requireStage(stageId).items().stream().map(i -> i.id()).toList());
    work.forEach(w -> keys.addAll(w.keys(campaignId, plan, stageId)));
    return keys;
  }

  public boolean allClosed(String campaignId, String stageId) {
    return items.openLeadItems(campaignId, stageId) == 0;
  }
}

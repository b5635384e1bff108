package org.duban.campaign;

import java.util.ArrayList;
import java.util.List;
import org.duban.plan.Plan;
import org.duban.supervision.ItemRepository;
import org.springframework.stereotype.Component;

/** Read by campaign-stage.bpmn's expressions: what the stage launches, and whether all its items are closed. */
@Component("stageItems")
public class StageItems {
  private final CampaignPlans plans;
  private final ItemRepository items;
  private final List<StageWork> work;

  StageItems(CampaignPlans plans, ItemRepository items, List<StageWork> work) {
    this.plans = plans;
    this.items = items;
    this.work = work;
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

package org.duban.campaign;

import java.util.ArrayList;
import java.util.List;
import org.duban.supervision.ItemRepository;
import org.springframework.stereotype.Component;

/** Read by campaign-stage.bpmn's expressions: the stage's plan items, and whether all are closed. */
@Component("stageItems")
public class StageItems {
  private final CampaignPlans plans;
  private final ItemRepository items;

  StageItems(CampaignPlans plans, ItemRepository items) {
    this.plans = plans;
    this.items = items;
  }

  /** The multi-instance collection, computed where it is needed rather than stored as a variable. */
  public List<String> planItemIds(String campaignId, String stageId) {
    return new ArrayList<>(plans.of(campaignId).requireStage(stageId).items().stream().map(i -> i.id()).toList());
  }

  public boolean allClosed(String campaignId, String stageId) {
    return items.openLeadItems(campaignId, stageId) == 0;
  }
}

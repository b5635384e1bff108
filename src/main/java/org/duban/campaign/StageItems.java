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

  private final int chunkSize;

  StageItems(CampaignPlans plans, ItemRepository items, List<StageWork> work, CampaignRepository campaigns,
      @org.springframework.beans.factory.annotation.Value("${duban.launch.chunk-size:25}") int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("duban.launch.chunk-size must be 1 or more, not " + chunkSize);
    }
    this.chunkSize = chunkSize;
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
   * The multi-instance collection, one asynchronous job each: every plan item of the stage in chunks
   * of at most {@code duban.launch.chunk-size} departments (a plan item of a city's 1,000 units is
   * 40 small transactions, not one that runs into the job lock time), and other {@link StageWork}.
   * Computed where it is needed rather than stored as a variable.
   */
  public List<String> launchKeys(String campaignId, String stageId) {
    Plan plan = plans.of(campaignId);
    List<String> keys = new ArrayList<>();
    for (Plan.Item item : plan.requireStage(stageId).items()) {
      int chunks = (item.departments().size() + chunkSize - 1) / chunkSize;
      for (int c = 0; c < chunks; c++) {
        keys.add(LaunchKey.of(item.id(), c));
      }
    }
    work.forEach(w -> keys.addAll(w.keys(campaignId, plan, stageId)));
    return keys;
  }

  /** The departments of a plan item a launch key starts: its chunk of {@link Plan.Item#departments()}, lead first. */
  List<String> departments(Plan.Item item, LaunchKey key) {
    List<String> all = item.departments();
    int from = key.chunk() * chunkSize;
    return all.subList(Math.min(from, all.size()), Math.min(from + chunkSize, all.size()));
  }

  /** A plan item and the index of its chunk of departments, as {@code <plan item>#<chunk>}. */
  record LaunchKey(String planItemId, int chunk) {
    static String of(String planItemId, int chunk) {
      return planItemId + "#" + chunk;
    }

    static java.util.Optional<LaunchKey> parse(String key) {
      int hash = key.lastIndexOf('#');
      if (hash < 0) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new LaunchKey(key.substring(0, hash), Integer.parseInt(key.substring(hash + 1))));
    }
  }

  public boolean allClosed(String campaignId, String stageId) {
    return items.openLeadItems(campaignId, stageId) == 0;
  }
}

package org.duban.campaign;

import java.time.LocalDate;
import java.util.List;
import org.duban.plan.Plan;

/**
 * Work a stage launches besides its plan items, such as the self-check's scoring tasks and the
 * 整改清单. Each key becomes one asynchronous launch job of the stage, like a plan item.
 */
public interface StageWork {
  /** Launch keys for the stage that opens now; never a plan item's id. */
  List<String> keys(String campaignId, Plan plan, String stageId);

  /** Starts the items of one of this bean's keys (idempotent); false for a key it does not know. */
  boolean launch(String campaignId, Plan plan, Stage stage, String key);

  /** The stage being launched, with its actual dates. */
  record Stage(String id, String name, LocalDate startedOn, LocalDate endsOn) {}
}

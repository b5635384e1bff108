package org.duban.supervision;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The campaign, item and department a log line is about, as MDC keys that the console pattern prints
 * (logging.pattern.correlation): set where an item's work runs (its start, alert job, task listeners,
 * delegates) and put back as they were when it ends, so that a job executor thread carries nothing over.
 */
public final class ItemLogContext implements AutoCloseable {
  public static final String CAMPAIGN = "campaign";
  public static final String ITEM = "item";
  public static final String DEPARTMENT = "department";

  private final Map<String, String> previous = new HashMap<>();

  private ItemLogContext(SupervisedItem item) {
    put(CAMPAIGN, item.campaignId());
    put(ITEM, item.serial());
    put(DEPARTMENT, item.departmentId());
  }

  public static ItemLogContext of(SupervisedItem item) {
    return new ItemLogContext(item);
  }

  private void put(String key, String value) {
    previous.put(key, MDC.get(key));
    MDC.put(key, value);
  }

  @Override
  public void close() {
    previous.forEach((key, value) -> {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    });
  }
}

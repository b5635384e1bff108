package org.duban.reporting;

import java.util.Map;

/**
 * Evidence files (佐证材料) per supervised item, by serial. Implemented by the evidence feature; while
 * no bean exists the ledger leaves its 佐证材料数 column out rather than print a made-up zero.
 */
public interface EvidenceCounts {
  Map<String, Integer> countsByItem();
}

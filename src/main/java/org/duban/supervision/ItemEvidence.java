package org.duban.supervision;

/** How many evidence files an item has; the evidence package provides it (supervision does not depend on it). */
public interface ItemEvidence {
  int countOf(String serial);
}

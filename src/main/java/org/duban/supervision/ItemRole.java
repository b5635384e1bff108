package org.duban.supervision;

/** 牵头 (lead) or 配合 (assisting): the lead's item closes the plan item, after review. */
public enum ItemRole {
  LEAD("牵头"),
  ASSIST("配合");

  public final String label;

  ItemRole(String label) {
    this.label = label;
  }
}

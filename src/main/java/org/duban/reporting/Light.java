package org.duban.reporting;

/** The traffic light of an open item or a department: the worst of its open items. */
enum Light {
  GREEN("绿"),
  YELLOW("黄"),
  RED("红");

  final String label;

  Light(String label) {
    this.label = label;
  }

  Light worse(Light other) {
    return other != null && other.ordinal() > ordinal() ? other : this;
  }
}

package org.duban.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects what is wrong with a data file, each problem prefixed with its path in the file. */
final class Problems {
  static final String ID_PATTERN = "[a-z0-9][a-z0-9-]*";

  final List<String> list = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  void add(String path, String message) {
    list.add(path + ": " + message);
  }

  /** False (and a problem) when the value is missing or blank. */
  boolean require(String path, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(path, "missing");
      return false;
    }
    return true;
  }

  /** A required id: present, well formed and not used before in this file. */
  void id(String path, String id) {
    if (!require(path, id)) {
      return;
    }
    if (!id.matches(ID_PATTERN)) {
      add(path, "'" + id + "' is not a valid id (lower-case letters, digits and '-')");
    } else if (!ids.add(id)) {
      add(path, "duplicate id '" + id + "'");
    }
  }
}

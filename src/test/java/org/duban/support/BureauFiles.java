package org.duban.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A config directory of a test's own: its organization and plans, and the project's calendar. */
public final class BureauFiles {
  private BureauFiles() {}

  /** Writes organization.yaml and plans/&lt;file&gt; (one per entry) into a new temporary directory; returns it. */
  public static Path write(String organization, Map<String, String> plans) {
    try {
      Path dir = Files.createTempDirectory("duban-config");
      Files.createDirectories(dir.resolve("plans"));
      Files.createDirectories(dir.resolve("calendar"));
      try (var years = Files.list(Path.of("config", "calendar"))) {
        for (Path year : years.toList()) {
          Files.copy(year, dir.resolve("calendar").resolve(year.getFileName()));
        }
      }
      Files.writeString(dir.resolve("organization.yaml"), organization);
      for (var plan : plans.entrySet()) {
        Files.writeString(dir.resolve("plans").resolve(plan.getKey()), plan.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A plan of the six stages, 30 days each: the first with {@code firstStageItems} items, item i led by department
   * i (round the list) and assisted by all the others; every later stage one item of the first department.
   */
  public static String plan(String id, List<String> departments, int firstStageItems) {
    StringBuilder y = new StringBuilder("id: " + id + "\nname: 测试计划 " + id + "\nstages:\n");
    String[] stages = {"preparation", "mobilization", "full-creation", "self-check", "rectification", "inspection"};
    for (int s = 0; s < stages.length; s++) {
      y.append("  - id: ").append(stages[s]).append("\n    name: 阶段").append(s + 1).append("\n    start: +")
          .append(s * 30).append("d\n    end: +").append(s * 30 + 29).append("d\n    items:\n");
      for (int i = 0; i < (s == 0 ? firstStageItems : 1); i++) {
        String lead = departments.get(i % departments.size());
        String assisting = s == 0 ? departments.stream().filter(d -> !d.equals(lead)).collect(Collectors.joining(", ")) : "";
        y.append("      - id: ").append(stages[s]).append("-").append(i + 1).append("\n        title: 测试事项").append(i + 1)
            .append("\n        lead: ").append(lead).append("\n        assisting: [").append(assisting).append("]\n        due: +20d\n");
      }
    }
    return y.toString();
  }
}

package org.duban.plan;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A campaign plan, as in config/plans/&lt;id&gt;.yaml. A running campaign keeps a snapshot of it. */
public record Plan(String id, String name, String description, List<Stage> stages) {

  public Plan {
    stages = stages == null ? List.of() : stages;
  }

  public record Stage(
      String id, String name, DateSpec start, DateSpec end, String goal, List<Item> items) {
    public Stage {
      items = items == null ? List.of() : items;
    }
  }

  /** A plan item; one supervised item per responsible department is made of it. */
  public record Item(
      String id,
      String title,
      String description,
      String lead,
      List<String> assisting,
      DateSpec due,
      List<String> evidence,
      ProgressReport progressReport) {

    public Item {
      assisting = assisting == null ? List.of() : assisting;
      evidence = evidence == null ? List.of() : evidence;
      progressReport = progressReport == null ? ProgressReport.NONE : progressReport;
    }

    /** Lead first, then the assisting departments. */
    public List<String> departments() {
      return Stream.concat(Stream.of(lead), assisting.stream()).toList();
    }
  }

  public enum ProgressReport {
    NONE,
    WEEKLY,
    MONTHLY
  }

  public Optional<Stage> stage(String stageId) {
    return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
  }

  public Stage requireStage(String stageId) {
    return stage(stageId).orElseThrow(() -> new IllegalArgumentException("未知的阶段: " + stageId));
  }

  public Optional<Item> item(String itemId) {
    return stages.stream().flatMap(s -> s.items().stream()).filter(i -> i.id().equals(itemId)).findFirst();
  }
}

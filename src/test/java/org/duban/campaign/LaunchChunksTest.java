package org.duban.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.duban.plan.Plan;
import org.junit.jupiter.api.Test;

/** A plan item's departments are launched in chunks: every department once, lead first, none twice. */
class LaunchChunksTest {
  private static Plan.Item item(int departments) {
    List<String> assisting = IntStream.range(1, departments).mapToObj(i -> "d" + i).toList();
    return new Plan.Item("p", "t", null, "d0", assisting, null, null, null);
  }

  @Test
  void everyDepartmentIsInExactlyOneChunk() {
    for (int size : List.of(1, 2, 3, 7)) {
      StageItems stageItems = new StageItems(null, null, List.of(), null, size);
      for (int n : List.of(1, 2, 5, 25, 26, 1000)) {
        Plan.Item item = item(n);
        List<String> launched = new ArrayList<>();
        int chunks = (n + size - 1) / size;
        for (int c = 0; c < chunks; c++) {
          List<String> chunk = stageItems.departments(item, StageItems.LaunchKey.parse(StageItems.LaunchKey.of("p", c)).orElseThrow());
          assertThat(chunk).hasSizeBetween(1, size);
          launched.addAll(chunk);
        }
        assertThat(launched).as("chunk size %d, %d departments", size, n).containsExactlyElementsOf(item.departments());
      }
    }
  }

  @Test
  void aKeyNamesItsPlanItemEvenWithAHashInIt() {
    assertThat(StageItems.LaunchKey.parse("adhoc#x#3")).contains(new StageItems.LaunchKey("adhoc#x", 3));
    assertThat(StageItems.LaunchKey.parse("self-check:air")).isEmpty();
  }
}

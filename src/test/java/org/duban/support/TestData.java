package org.duban.support;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties every campaign, item and job, so a test starts as if no campaign had ever run. */
public final class TestData {
  private TestData() {}

  public static void reset(RuntimeService runtime, ManagementService management, JdbcClient jdbc) {
    runtime.createProcessInstanceQuery().list()
        .forEach(pi -> runtime.deleteProcessInstanceIfExists(pi.getId(), "test reset", true, true, true, true));
    management.createJobQuery().list().forEach(j -> management.deleteJob(j.getId()));
    for (String table : List.of("evidence_file", "notification", "item_urge", "notice_entry", "item_alert", "item_event",
        "supervised_item", "campaign_stage", "campaign", "serial_counter")) {
      jdbc.sql("delete from " + table).update();
    }
  }
}

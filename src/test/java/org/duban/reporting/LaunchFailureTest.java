package org.duban.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.duban.campaign.CampaignProcess;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;

/** A stage's launch job that fails for good is an incident and is told to the creation office, never silent. */
class LaunchFailureTest extends ProcessTest {
  private List<Job> launchJobs() {
    return management.createJobQuery().activityId(CampaignProcess.TASK_LAUNCH_ITEM).list();
  }

  @Test
  void aLaunchThatFailsAfterItsRetriesIsShownToTheOfficeAndIsAnIncident() {
    campaigns.start("civilized-unit", TODAY);
    for (int round = 0; round < 20 && launchJobs().isEmpty(); round++) {
      management.createJobQuery().executable().list().forEach(j -> management.executeJob(j.getId()));
    }
    Job failing = launchJobs().get(0);
    String key = (String) runtime.getVariableLocal(failing.getExecutionId(), CampaignProcess.Var.LAUNCH_KEY);
    management.setJobRetries(failing.getId(), 0); // as after its last retry
    assertThat(runtime.createIncidentQuery().activityId(CampaignProcess.TASK_LAUNCH_ITEM).count()).isEqualTo(1);

    JsonNode office = Http.basic(port, "office", "demo").get("/api/dashboard").json();
    assertThat(office.path("launchFailures")).hasSize(1);
    assertThat(office.path("launchFailures").get(0).path("launchKey").asText()).isEqualTo(key);
    assertThat(office.path("launchFailures").get(0).path("text").asText()).startsWith("交办失败").contains(key, "Cockpit");
    assertThat(Http.basic(port, "office", "demo").get("/dashboard").body()).contains("交办失败", key);
    assertThat(Http.basic(port, "head-party-committee", "demo").get("/api/dashboard").json().path("launchFailures")).isEmpty();
  }
}

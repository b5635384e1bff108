package org.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RepositoryService;
import org.duban.campaign.CampaignProcess;
import org.duban.supervision.ItemProcess;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProcessDeployerTest extends ProcessTest {
  @Autowired ProcessDeployer deployer;
  @Autowired RepositoryService repository;

  @Test
  void aRestartOfTheSameBuildDeploysNoNewVersion() throws Exception {
    long deployments = repository.createDeploymentQuery().count();
    deployer.deploy();
    deployer.deploy();
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    for (String key : new String[] {CampaignProcess.KEY, CampaignProcess.STAGE_KEY, ItemProcess.KEY}) {
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).as(key).isEqualTo(1);
    }
  }

  @Test
  void formsAreDeployedBesideTheirProcessesUnderStableNames() {
    String deploymentId = repository.createProcessDefinitionQuery().processDefinitionKey(ItemProcess.KEY)
        .latestVersion().singleResult().getDeploymentId();
    assertThat(repository.getDeploymentResourceNames(deploymentId)).contains(
        ItemProcess.RESOURCE, CampaignProcess.RESOURCE, CampaignProcess.STAGE_RESOURCE,
        "forms/handle-item.html", "forms/review-item.html", "forms/stage-gate.html", "forms/gate-return.html");
  }
}

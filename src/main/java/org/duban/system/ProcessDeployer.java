package org.duban.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys bpmn/ (models and their forms) as one deployment. Resources are named by their path
 * below bpmn/, the same from target/classes and from the jar, so an unchanged restart deploys nothing.
 */
@Component
public class ProcessDeployer {
  static final String DEPLOYMENT_NAME = "duban";
  private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);

  private final RepositoryService repository;

  ProcessDeployer(RepositoryService repository) {
    this.repository = repository;
  }

  public void deploy() throws IOException {
    DeploymentBuilder builder = repository.createDeployment().name(DEPLOYMENT_NAME).enableDuplicateFiltering(false);
    int count = 0;
    for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/**/*.*")) {
      String url = r.getURL().toString();
      if (!url.matches(".*\\.(bpmn|html|form)$")) {
        continue;
      }
      String name = url.substring(url.lastIndexOf("/bpmn/") + "/bpmn/".length());
      try (InputStream in = r.getInputStream()) {
        builder.addInputStream(name, new ByteArrayInputStream(in.readAllBytes()));
      }
      count++;
    }
    log.info("bpmn/: {} resources in deployment {}", count, builder.deploy().getId());
  }
}

package org.duban.plan;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PlanConfiguration {
  /** Read once at startup: a bad file stops startup before the engine sees any of it. */
  @Bean
  BureauConfig bureauConfig(@Value("${duban.config-dir}") Path configDir) {
    return BureauConfigLoader.load(configDir);
  }
}

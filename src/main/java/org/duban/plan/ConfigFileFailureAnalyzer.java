package org.duban.plan;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Startup stopped by a bad data file: say which file, where and what, not just a stack trace. */
class ConfigFileFailureAnalyzer extends AbstractFailureAnalyzer<ConfigFileException> {
  @Override
  protected FailureAnalysis analyze(Throwable root, ConfigFileException cause) {
    return new FailureAnalysis(
        "The bureau's data file " + cause.file() + " cannot be used:\n  - "
            + String.join("\n  - ", cause.problems()),
        "Correct " + cause.file() + " and start again. Nothing of it was loaded.",
        cause);
  }
}

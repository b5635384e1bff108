package org.duban.plan;

import java.util.List;

/** A bureau data file that cannot be used: names the file, the place in it and what is wrong. */
public class ConfigFileException extends RuntimeException {
  private final String file;
  private final List<String> problems;

  public ConfigFileException(String file, List<String> problems) {
    super(file + ":\n  - " + String.join("\n  - ", problems));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  public String file() {
    return file;
  }

  public List<String> problems() {
    return problems;
  }
}

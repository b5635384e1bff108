package org.duban.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads config/organization.yaml, config/plans/*.yaml and config/calendar/*.yaml and validates them as a whole: either
 * everything loads, or a {@link ConfigFileException} names the file, the place and what is wrong.
 */
public final class BureauConfigLoader {

  static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();

  private BureauConfigLoader() {}

  public static BureauConfig load(Path configDir) {
    Path orgFile = configDir.resolve("organization.yaml");
    Organization org = read(orgFile, Organization.class);
    throwIfAny(orgFile, OrganizationValidator.validate(org));

    Map<String, Plan> plans = new LinkedHashMap<>();
    Path planDir = configDir.resolve("plans");
    for (Path file : yamlFiles(planDir)) {
      Plan plan = read(file, Plan.class);
      List<String> problems = PlanValidator.validate(plan, org);
      matchesFileName(file, plan.id(), problems);
      throwIfAny(file, problems);
      plans.put(plan.id(), plan);
    }
    Map<String, Evaluation> evaluations = new LinkedHashMap<>();
    for (Path file : yamlFiles(configDir.resolve("evaluation"))) {
      Evaluation evaluation = read(file, Evaluation.class);
      List<String> problems = EvaluationValidator.validate(evaluation, org, plans.values());
      matchesFileName(file, evaluation.id(), problems);
      throwIfAny(file, problems);
      evaluations.put(evaluation.id(), evaluation);
    }
    for (Plan plan : plans.values()) {
      if (plan.evaluation() != null && !evaluations.containsKey(plan.evaluation())) {
        throw new ConfigFileException(planDir.resolve(plan.id() + ".yaml").toString(),
            List.of("evaluation: no file config/evaluation/" + plan.evaluation() + ".yaml"));
      }
    }
    return new BureauConfig(org, plans, evaluations, WorkingCalendar.load(configDir.resolve("calendar")));
  }

  private static void matchesFileName(Path file, String id, List<String> problems) {
    String expectedId = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    if (id != null && !id.equals(expectedId)) {
      problems.add(0, "id: '" + id + "' must match the file name '" + expectedId + "'");
    }
  }

  static <T> T read(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigFileException(file.toString(), List.of("file not found"));
    }
    try {
      T value = YAML.readValue(file.toFile(), type);
      if (value == null) {
        throw new ConfigFileException(file.toString(), List.of("the file is empty"));
      }
      return value;
    } catch (JsonProcessingException e) {
      MarkedYAMLException syntax = syntaxError(e);
      String problem = syntax != null ? describe(syntax)
          : e instanceof JsonMappingException m ? describe(file, m)
          : where(e.getLocation()) + e.getOriginalMessage();
      throw new ConfigFileException(file.toString(), List.of(problem));
    } catch (IOException e) {
      throw new ConfigFileException(file.toString(), List.of("cannot be read: " + e.getMessage()));
    }
  }

  /** Broken YAML (also when Jackson wraps it in a mapping error): SnakeYAML's own marks, on one line. */
  private static MarkedYAMLException syntaxError(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof MarkedYAMLException m) {
        return m;
      }
    }
    return null;
  }

  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String context = e.getContext() == null ? ""
        : " (" + e.getContext() + (e.getContextMark() == null ? "" : " at " + at(e.getContextMark())) + ")";
    return (e.getProblemMark() == null ? "" : at(e.getProblemMark()) + ": ") + problem + context;
  }

  private static String at(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static String describe(Path file, JsonMappingException e) {
    String path = pathOf(e.getPath());
    JsonLocation location = e.getLocation();
    if (e instanceof PropertyBindingException) {
      // an unknown key of a record is only reported at the end of its mapping: find the key itself
      location = keyLocation(file, e.getPath(), location);
    }
    String message = e.getOriginalMessage();
    // the cause of a failed value conversion (e.g. a bad date) says it better than Jackson's wrapper
    if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
      message = iae.getMessage();
    } else if (message != null) {
      message = message.replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.([A-Z]\\w*(\\$\\w+)?)`", "$1");
      int known = message.indexOf(", not marked as ignorable");
      if (known > 0) {
        message = message.substring(0, known);
      }
    }
    return where(location) + (path.isEmpty() ? "" : path + ": ") + message;
  }

  /** Where the key at {@code refs} is written in the file; {@code fallback} when it cannot be found. */
  private static JsonLocation keyLocation(Path file, List<JsonMappingException.Reference> refs, JsonLocation fallback) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      pointer.append('/').append(ref.getFieldName() != null
          ? ref.getFieldName().replace("~", "~0").replace("/", "~1")
          : String.valueOf(ref.getIndex()));
    }
    JsonPointer target = JsonPointer.compile(pointer.toString());
    try (JsonParser p = YAML.getFactory().createParser(file.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().equals(target)) {
          return p.currentTokenLocation();
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // keep Jackson's own location
    }
    return fallback;
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? "" : "line " + location.getLineNr() + ", ";
  }

  private static String pathOf(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) sb.append('.');
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches(".+\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new ConfigFileException(dir.toString(), List.of("cannot be listed: " + e.getMessage()));
    }
  }

  private static void throwIfAny(Path file, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new ConfigFileException(file.toString(), new ArrayList<>(problems));
    }
  }
}

package org.duban.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks our Simplified Chinese locale files for the Camunda webapps against the English files
 * shipped in the Camunda webjar. A key missing from zh.json shows up in the UI as the raw key,
 * and a lost placeholder shows up as a message without its value, so both are caught here.
 */
class WebappLocaleTest {

  private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";

  // {{ name }} style Angular-translate parameters, and %s / %d in moment.js relativeTime.
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|%[sd]");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest(name = "{0}: zh.json has exactly the keys of the shipped en.json")
  @ValueSource(strings = {"tasklist", "welcome", "admin"})
  void zhKeysMatchEnglishKeys(String app) throws IOException {
    Map<String, JsonNode> en = flatten(english(app));
    Map<String, JsonNode> zh = flatten(chinese(app));

    Set<String> missing = new TreeSet<>(en.keySet());
    missing.removeAll(zh.keySet());
    Set<String> extra = new TreeSet<>(zh.keySet());
    extra.removeAll(en.keySet());

    assertTrue(missing.isEmpty() && extra.isEmpty(),
        app + "/locales/zh.json differs from en.json: missing keys " + missing
            + ", extra keys " + extra);
  }

  @ParameterizedTest(name = "{0}: every zh.json value is non-empty")
  @ValueSource(strings = {"tasklist", "welcome", "admin"})
  void zhValuesAreNotEmpty(String app) throws IOException {
    List<String> empty = new ArrayList<>();
    flatten(chinese(app)).forEach((key, value) -> {
      // Numbers (e.g. dateLocales.week.dow) are fine; strings must carry text.
      if (value.isNull() || (value.isTextual() && value.asText().isBlank())) {
        empty.add(key);
      }
    });
    assertTrue(empty.isEmpty(), app + "/locales/zh.json has empty values for " + empty);
  }

  @ParameterizedTest(name = "{0}: zh.json keeps every placeholder of en.json")
  @ValueSource(strings = {"tasklist", "welcome", "admin"})
  void zhValuesKeepEnglishPlaceholders(String app) throws IOException {
    Map<String, JsonNode> en = flatten(english(app));
    Map<String, JsonNode> zh = flatten(chinese(app));

    Map<String, Set<String>> lost = new TreeMap<>();
    en.forEach((key, enValue) -> {
      JsonNode zhValue = zh.get(key);
      if (!enValue.isTextual() || zhValue == null) {
        return; // missing keys are reported by zhKeysMatchEnglishKeys
      }
      for (String placeholder : placeholders(enValue.asText())) {
        if (!zhValue.asText().contains(placeholder)) {
          lost.computeIfAbsent(key, k -> new TreeSet<>()).add(placeholder);
        }
      }
    });
    assertTrue(lost.isEmpty(), app + "/locales/zh.json lost placeholders (key=[placeholders]): " + lost);
  }

  private static JsonNode english(String app) throws IOException {
    // en.json only exists in the Camunda webjar; prefer that copy so we always compare with
    // what Camunda ships, even if someone overrides en.json in our own resources later.
    String path = String.format(LOCALES, app, "en");
    List<URL> urls = Collections.list(WebappLocaleTest.class.getClassLoader().getResources(path));
    if (urls.isEmpty()) {
      fail("Shipped English locale not on the classpath (is the Camunda webjar missing?): " + path);
    }
    URL url = urls.stream()
        .filter(u -> u.toString().contains("camunda-webapp-webjar"))
        .findFirst()
        .orElse(urls.get(0));
    return read(url);
  }

  private static JsonNode chinese(String app) throws IOException {
    String path = String.format(LOCALES, app, "zh");
    URL url = WebappLocaleTest.class.getClassLoader().getResource(path);
    assertNotNull(url, "Chinese locale not on the classpath: " + path);
    return read(url);
  }

  private static JsonNode read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Camunda's locale files start with a UTF-8 byte-order mark, which Jackson rejects.
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      JsonNode root = MAPPER.readTree(text);
      assertTrue(root != null && root.isObject(), "Not a JSON object: " + url);
      return root;
    }
  }

  /** Leaf values by path, e.g. "labels.CLAIM_TASK" or "dateLocales.months[0]". */
  private static Map<String, JsonNode> flatten(JsonNode root) {
    Map<String, JsonNode> leaves = new TreeMap<>();
    flatten("", root, leaves);
    return leaves;
  }

  private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
      }
    } else if (node.isArray()) {
      // Arrays (month and weekday names) must keep their length, so index them like keys.
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), leaves);
      }
    } else {
      leaves.put(path, node);
    }
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }
}

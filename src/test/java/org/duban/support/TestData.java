package org.duban.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.duban.supervision.DigestProcess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/** Empties every campaign, item and job, so a test starts as if no campaign had ever run. */
public final class TestData {
  /** A minimal, valid one-page PDF: what tests attach as evidence. */
  public static final byte[] SMALL_PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
      + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
      + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

  private static Path evidenceDir;

  private TestData() {}

  /** One temporary directory per test JVM for evidence files (deleted when the JVM ends). */
  public static synchronized String evidenceDir() {
    if (evidenceDir == null) {
      try {
        evidenceDir = Files.createTempDirectory("duban-evidence-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path dir = evidenceDir;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(dir.toFile())));
    }
    return evidenceDir.toString();
  }

  public static void reset(RuntimeService runtime, ManagementService management, JdbcClient jdbc) {
    runtime.createProcessInstanceQuery().list()
        .forEach(pi -> runtime.deleteProcessInstanceIfExists(pi.getId(), "test reset", true, true, true, true));
    management.createJobQuery().list().forEach(j -> management.deleteJob(j.getId()));
    for (String table : List.of("evidence_file", "rectification", "self_score", "veto_hit", "notification", "item_urge", "notice_entry", "item_alert", "item_event", "item_extension", "digest_entry",
        "supervised_item", "campaign_stage", "campaign", "serial_counter")) {
      jdbc.sql("delete from " + table).update();
    }
    // the leaders' digest loop runs for good in the application: a test starts from it too
    runtime.startProcessInstanceByKey(DigestProcess.KEY);
    if (evidenceDir != null) {
      try (var files = Files.list(evidenceDir)) {
        files.forEach(f -> FileSystemUtils.deleteRecursively(f.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

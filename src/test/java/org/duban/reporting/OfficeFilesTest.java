package org.duban.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.duban.supervision.ItemKind;
import org.duban.supervision.ItemRole;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.SupervisedItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger and the 通报 open in LibreOffice as written: converted headless to text, the dates read
 * yyyy-MM-dd and the headings are there. Runs where LibreOffice is installed (soffice on the PATH);
 * POI's own re-reading is checked in {@link DashboardTest} everywhere.
 */
class OfficeFilesTest {
  @TempDir Path dir;

  private static Path soffice() {
    for (String candidate : List.of("/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  private static ItemFacts facts(String serial, String department, String departmentName, ItemStatus status, LocalDate due,
      LocalDate closed, boolean late, int days, int level) {
    OffsetDateTime closedAt = closed == null ? null : closed.atTime(10, 0).atOffset(ZoneOffset.ofHours(8));
    SupervisedItem item = new SupervisedItem(serial, "c", "preparation", "p-" + serial, department, ItemRole.LEAD,
        "成立创建工作领导小组", null, due, status, false, null, null, null, null, closedAt, closedAt, closedAt, ItemKind.TASK, "", false);
    return new ItemFacts(item, "前期准备阶段", departmentName, status == ItemStatus.CLOSED ? "已办结" : "已超期", late, days, level, 1,
        closed, closed, status == ItemStatus.CLOSED ? null : Light.RED);
  }

  private String convert(Path soffice, byte[] content, String name, String filter) throws IOException, InterruptedException {
    Path in = dir.resolve(name);
    Files.write(in, content);
    Process p = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless",
        "--convert-to", filter, "--outdir", dir.toString(), in.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("soffice finished").isTrue();
    Path out = dir.resolve(name.replaceAll("\\.[a-z]+$", "") + "." + filter.replaceAll(":.*", ""));
    assertThat(out).as(Files.readString(dir.resolve(name + ".log"))).exists();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void libreOfficeReadsTheLedgerAndTheNotice() throws Exception {
    Path soffice = soffice();
    assumeTrue(soffice != null, "LibreOffice is not installed");
    List<ItemFacts> facts = List.of(
        facts("DB-2026-0001", "party-committee", "机关党委", ItemStatus.CLOSED, LocalDate.of(2026, 3, 12), LocalDate.of(2026, 3, 10), false, 0, 0),
        facts("DB-2026-0003", "personnel", "人事处", ItemStatus.IN_PROGRESS, LocalDate.of(2026, 3, 12), null, true, 10, 3));

    String csv = convert(soffice, LedgerWorkbook.write(facts, java.util.Map.of("DB-2026-0001", 2)), "ledger.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76");
    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("督办编号,所属阶段,督办事项,牵头/配合,责任单位,完成时限");
    assertThat(csv).contains("DB-2026-0001,前期准备阶段,成立创建工作领导小组,牵头,机关党委,2026-03-12,已办结,2026-03-10,0,—,1,2",
        "DB-2026-0003,前期准备阶段,成立创建工作领导小组,牵头,人事处,2026-03-12,已超期,,10,三级,1,0");

    byte[] notice = NoticeDocument.write(new NoticeDocument.Content("X市生态环境局", 3, LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 3, 26), LocalDate.of(2026, 3, 26), facts, List.of("party-committee", "personnel")));
    String text = convert(soffice, notice, "notice.docx", "txt:Text (encoded):UTF8");
    assertThat(text).contains("创建工作督办通报", "〔2026〕第3期", "各处室、各直属单位、各派出局：", "一、督查情况", "二、存在问题",
        "（一）人事处：逾期事项 1 项，其中 1 项至今尚未办结。", "三、下一步要求", "创建办", "2026年3月26日");
  }
}

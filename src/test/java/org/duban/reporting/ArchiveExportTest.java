package org.duban.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duban.campaign.CampaignProcess;
import org.duban.supervision.ItemRole;
import org.duban.supervision.ItemStarter;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.duban.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The archive zip: folders per evaluation item, numbered as in the checklist, with the right files. */
class ArchiveExportTest extends ProcessTest {
  @Autowired ItemStarter starter;

  private SupervisedItem item(String campaignId, String planItemId, ItemRole role) {
    return items.ofPlanItem(campaignId, planItemId).stream().filter(i -> i.role() == role).findFirst().orElseThrow();
  }

  private void store(SupervisedItem item, String name, String evaluationItem) {
    evidence.store(item.serial(), name, new ByteArrayInputStream(TestData.SMALL_PDF), "head-" + item.departmentId(), evaluationItem);
  }

  /** Entry name → content, read back from the zip. */
  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static List<String> filesIn(Map<String, byte[]> entries, String folder) {
    return entries.keySet().stream().filter(n -> n.startsWith(folder + "/")).map(n -> n.substring(folder.length() + 1)).sorted().toList();
  }

  @Test
  void theArchiveHoldsEachItemsEvidenceInItsNumberedFolder() throws IOException {
    String id = startCampaign(TODAY);
    SupervisedItem group = item(id, "set-up-leading-group", ItemRole.LEAD);
    SupervisedItem groupHelper = item(id, "set-up-leading-group", ItemRole.ASSIST);
    SupervisedItem plan = item(id, "draft-implementation-plan", ItemRole.LEAD);
    store(group, "领导小组成立文件.pdf", null);
    store(group, "领导小组成立文件.pdf", null);       // the same name twice in one folder
    store(groupHelper, "领导小组成立文件.pdf", null);
    store(plan, "办公室照片.pdf", "tidy-offices");     // tagged: documents 9.1, not the plan item's 1.2
    store(plan, "../../etc/任务分解表.pdf", null);      // a path in the name never becomes a path in the zip
    starter.start(new ItemStarter.Assignment(id, CampaignProcess.PREPARATION, "adhoc-photos",
        "整理活动照片", "", "publicity", List.of(), TODAY.plusDays(5), List.of(), true));
    SupervisedItem adhoc = items.ofPlanItem(id, "adhoc-photos").get(0);
    store(adhoc, "照片.pdf", null);

    Http.Download download = Http.basic(port, "office", "demo").download("/api/campaigns/" + id + "/archive.zip");
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename*=UTF-8''");
    Map<String, byte[]> entries = unzip(download.body());

    assertThat(entries.keySet()).allSatisfy(name -> {
      assertThat(name).doesNotStartWith("/").doesNotContain("..").doesNotContain("\\");
    });
    String g = "一、组织领导与创建机制/1.1 以正式文件成立创建工作领导小组";
    assertThat(filesIn(entries, g)).containsExactly(
        group.serial() + "-领导小组成立文件(2).pdf", group.serial() + "-领导小组成立文件.pdf",
        groupHelper.serial() + "-领导小组成立文件.pdf", "目录.txt");
    assertThat(entries.get(g + "/" + group.serial() + "-领导小组成立文件.pdf")).isEqualTo(TestData.SMALL_PDF);
    String index = new String(entries.get(g + "/目录.txt"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(index).startsWith("1.1 以正式文件成立创建工作领导小组\n分值：2  自评得分：未自评  整改：无需整改\n佐证材料 3 份：");
    assertThat(filesIn(entries, "一、组织领导与创建机制/1.2 制定创建工作方案并分解任务"))
        .containsExactly(plan.serial() + "-任务分解表.pdf", "目录.txt");
    assertThat(filesIn(entries, "九、优美环境与勤俭节约/9.1 办公环境整洁有序"))
        .containsExactly(plan.serial() + "-办公室照片.pdf", "目录.txt");
    assertThat(filesIn(entries, "十二、加分项目/12.1 获得上级表彰")).containsExactly("目录.txt");
    assertThat(filesIn(entries, "其他材料/" + adhoc.serial() + " 整理活动照片"))
        .containsExactly(adhoc.serial() + "-照片.pdf", "目录.txt");

    // the index: one row per evaluation item (34 + 3 bonus) and per other folder
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(entries.get("档案目录.xlsx")))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("测评项目");
      assertThat(sheet.getLastRowNum()).isEqualTo(37 + 1);
      Row first = sheet.getRow(1);
      assertThat(first.getCell(0).getStringCellValue()).isEqualTo("1.1 以正式文件成立创建工作领导小组");
      assertThat(first.getCell(1).getStringCellValue()).isEqualTo("2");
      assertThat(first.getCell(2).getStringCellValue()).isEqualTo("未自评");
      assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(3);
      assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
    }
  }

  @Test
  void onlyThoseWhoSeeEveryDepartmentExportTheArchive() {
    String id = startCampaign(TODAY);
    assertThat(Http.basic(port, "head-party-committee", "demo").download("/api/campaigns/" + id + "/archive.zip").status())
        .isEqualTo(403);
    assertThat(Http.basic(port, "director", "demo").download("/api/campaigns/" + id + "/archive.zip").status()).isEqualTo(200);
    assertThat(Http.basic(port, "office", "demo").download("/api/campaigns/no-such/archive.zip").status()).isEqualTo(404);
  }
}

package org.duban.reporting;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duban.campaign.CampaignRepository;
import org.duban.evaluation.SelfCheck;
import org.duban.evaluation.SelfCheckResults;
import org.duban.evidence.EvidenceFile;
import org.duban.evidence.EvidenceStore;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.SupervisedItem;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * 创建档案: every evidence file of a campaign, in one folder per evaluation item numbered as in the
 * checklist, each with a short 目录.txt, and 档案目录.xlsx listing every item. Streamed, so videos fit.
 */
@RestController
class ArchiveExport {
  static final String OTHER = "其他材料";
  static final String INDEX = "档案目录.xlsx";
  static final String FOLDER_INDEX = "目录.txt";

  private final CampaignRepository campaigns;
  private final SelfCheckResults selfCheck;
  private final EvidenceStore evidence;
  private final ItemRepository items;

  ArchiveExport(CampaignRepository campaigns, SelfCheckResults selfCheck, EvidenceStore evidence, ItemRepository items) {
    this.campaigns = campaigns;
    this.selfCheck = selfCheck;
    this.evidence = evidence;
    this.items = items;
  }

  /** One folder of the archive: its path, what it is, and its files. */
  record Folder(String path, String title, String points, String selfScore, String rectification, List<EvidenceFile> files) {}

  @GetMapping("/api/campaigns/{campaignId}/archive.zip")
  ResponseEntity<StreamingResponseBody> archive(@PathVariable String campaignId, HttpServletRequest request) {
    if (!CurrentUser.of(request).seesAllDepartments()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "创建档案仅创建办、领导小组和局领导可以导出");
    }
    CampaignRepository.Campaign campaign = campaigns.find(campaignId)
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "创建活动 " + campaignId + " 不存在"));
    List<Folder> folders = folders(campaignId);
    StreamingResponseBody body = out -> write(folders, out);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("创建档案-" + campaign.name() + ".zip", StandardCharsets.UTF_8).build().toString())
        .body(body);
  }

  /** Assigns every file to its evaluation items (a file may document several) or to 其他材料. */
  List<Folder> folders(String campaignId) {
    Map<String, SupervisedItem> bySerial = new LinkedHashMap<>();
    items.ofCampaign(campaignId).forEach(i -> bySerial.put(i.serial(), i));
    List<EvidenceFile> all = evidence.ofCampaign(campaignId);
    Set<Long> placed = new HashSet<>();
    List<Folder> folders = new ArrayList<>();
    selfCheck.of(campaignId).ifPresent(report -> {
      Map<String, String> rectifiedBy = new LinkedHashMap<>(); // rectification item serial -> evaluation item
      report.lines().stream().filter(l -> l.rectification() != null && l.rectification().itemSerial() != null)
          .forEach(l -> rectifiedBy.put(l.rectification().itemSerial(), l.item().criterion().id()));
      for (SelfCheckResults.Line line : report.lines()) {
        String id = line.item().criterion().id();
        List<String> planItems = line.item().criterion().planItems();
        List<EvidenceFile> files = all.stream().filter(f -> {
          SupervisedItem item = bySerial.get(f.itemSerial());
          return id.equals(f.evaluationItemId()) || id.equals(rectifiedBy.get(f.itemSerial()))
              || (f.evaluationItemId() == null && item != null && planItems.contains(item.planItemId()));
        }).toList();
        files.forEach(f -> placed.add(f.id()));
        folders.add(new Folder(safe(line.item().folder()) + "/" + safe(line.item().label()), line.item().label(),
            plain(line.item().criterion().points()),
            line.score() == null ? "未自评" : plain(line.score().finalPoints()),
            line.rectification() == null ? "无需整改" : line.rectification().status(), files));
      }
    });
    Map<String, List<EvidenceFile>> others = new LinkedHashMap<>();
    all.stream().filter(f -> !placed.contains(f.id())).forEach(f -> others.computeIfAbsent(f.itemSerial(), k -> new ArrayList<>()).add(f));
    others.forEach((serial, files) -> {
      SupervisedItem item = bySerial.get(serial);
      String title = serial + " " + (item == null ? "" : item.title());
      folders.add(new Folder(OTHER + "/" + safe(title), title, "", "", "", files));
    });
    return folders;
  }

  private void write(List<Folder> folders, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.putNextEntry(new ZipEntry(INDEX));
    zip.write(index(folders));
    zip.closeEntry();
    for (Folder folder : folders) {
      StringBuilder text = new StringBuilder(folder.title()).append("\n");
      if (!folder.points().isEmpty()) {
        text.append("分值：").append(folder.points()).append("  自评得分：").append(folder.selfScore())
            .append("  整改：").append(folder.rectification()).append("\n");
      }
      text.append("佐证材料 ").append(folder.files().size()).append(" 份：\n");
      Set<String> names = new HashSet<>();
      int n = 0;
      for (EvidenceFile f : folder.files()) {
        String name = unique(names, f.itemSerial() + "-" + safe(f.fileName()));
        text.append(++n).append(". ").append(name).append("（").append(f.uploadedBy()).append("，")
            .append(f.uploadedAt().toLocalDate()).append("，SHA-256 ").append(f.sha256()).append("）\n");
        zip.putNextEntry(new ZipEntry(folder.path() + "/" + name));
        try (InputStream in = evidence.open(f)) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry(folder.path() + "/" + FOLDER_INDEX));
      zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    zip.finish();
  }

  private static byte[] index(List<Folder> folders) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("档案目录");
      String[] headers = {"测评项目", "分值", "自评得分", "佐证材料数", "整改情况", "文件夹"};
      Row head = sheet.createRow(0);
      for (int c = 0; c < headers.length; c++) {
        head.createCell(c).setCellValue(headers[c]);
      }
      int r = 1;
      for (Folder f : folders) {
        Row row = sheet.createRow(r++);
        row.createCell(0).setCellValue(f.title());
        row.createCell(1).setCellValue(f.points());
        row.createCell(2).setCellValue(f.selfScore());
        row.createCell(3).setCellValue(f.files().size());
        row.createCell(4).setCellValue(f.rectification());
        row.createCell(5).setCellValue(f.path());
      }
      sheet.createFreezePane(0, 1);
      sheet.setColumnWidth(0, 50 * 256);
      sheet.setColumnWidth(4, 16 * 256);
      sheet.setColumnWidth(5, 60 * 256);
      book.write(bytes);
      return bytes.toByteArray();
    }
  }

  /** A name that is one path element in every unzip tool. */
  static String safe(String name) {
    String s = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
    s = s.replaceAll("^\\.+", "_");
    return s.length() > 120 ? s.substring(0, 120) : s;
  }

  private static String unique(Set<String> names, String name) {
    String candidate = name;
    int dot = name.lastIndexOf('.');
    for (int i = 2; !names.add(candidate); i++) {
      candidate = dot > 0 ? name.substring(0, dot) + "(" + i + ")" + name.substring(dot) : name + "(" + i + ")";
    }
    return candidate;
  }

  private static String plain(java.math.BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}

package org.duban.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.ItemRole;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.Http.Upload;
import org.duban.support.ProcessTest;
import org.duban.support.TestData;
import org.duban.web.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 佐证材料 over REST and in the item's process: limits, names, who may see, and the required-evidence rule. */
class EvidenceTest extends ProcessTest {
  private SupervisedItem lead;
  private SupervisedItem assisting;
  private Http head;

  @BeforeEach
  void preparationStage() {
    String campaignId = startCampaign(TODAY);
    List<SupervisedItem> prep = itemsOf(campaignId, CampaignProcess.PREPARATION);
    lead = prep.stream().filter(i -> i.role() == ItemRole.LEAD).findFirst().orElseThrow();
    assisting = items.ofPlanItem(campaignId, lead.planItemId()).stream().filter(i -> i.role() == ItemRole.ASSIST).findFirst().orElseThrow();
    head = Http.basic(port, "head-" + lead.departmentId(), "demo");
  }

  private String url() {
    return "/api/items/" + lead.serial() + "/evidence";
  }

  private Path dir() {
    return Path.of(TestData.evidenceDir());
  }

  private long storedFiles() throws Exception {
    if (!Files.isDirectory(dir().resolve(lead.serial()))) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir().resolve(lead.serial()))) {
      return files.count();
    }
  }

  @Test
  void aChineseNamedFileIsStoredListedAndDownloadedAsItWas() throws Exception {
    byte[] content = "领导小组成立文件（正式印发版）".repeat(100).getBytes(StandardCharsets.UTF_8);
    Http.Response up = head.upload(url(), Map.of("evaluationItem", "A1.2-3"), new Upload("关于成立文明单位创建工作领导小组的通知.docx", content));
    assertThat(up.status()).as(up.body()).isEqualTo(201);

    JsonNode listed = head.get(url()).json().path("files");
    assertThat(listed.size()).isEqualTo(1);
    JsonNode f = listed.get(0);
    assertThat(f.path("name").asText()).isEqualTo("关于成立文明单位创建工作领导小组的通知.docx");
    assertThat(f.path("size").asLong()).isEqualTo(content.length);
    assertThat(f.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    assertThat(f.path("uploadedBy").asText()).isEqualTo("head-" + lead.departmentId());
    assertThat(f.path("uploadedByName").asText())
        .isEqualTo(identity.createUserQuery().userId("head-" + lead.departmentId()).singleResult().getFirstName()).isNotBlank();
    assertThat(f.path("evaluationItem").asText()).isEqualTo("A1.2-3");
    assertThat(items.events(lead.serial())).anyMatch(e -> e.detail() != null && e.detail().startsWith("关于成立文明单位创建工作领导小组的通知.docx"));

    Http.Download down = Http.basic(port, "office", "demo").download(f.path("url").asText());
    assertThat(down.status()).isEqualTo(200);
    assertThat(down.body()).isEqualTo(content);
    String disposition = down.headers().firstValue("Content-Disposition").orElseThrow();
    assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''");
    assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("UTF-8''") + 7), StandardCharsets.UTF_8))
        .isEqualTo("关于成立文明单位创建工作领导小组的通知.docx");
    assertThat(down.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

    // the file on disk: under the item's directory, named by the server, identical bytes
    EvidenceFile stored = evidence.ofItem(lead.serial()).get(0);
    assertThat(stored.storagePath()).startsWith(lead.serial() + "/").doesNotContain("通知");
    assertThat(evidence.pathOf(stored)).startsWith(dir().toRealPath()).hasBinaryContent(content);
  }

  @Test
  void aFileOverTheLimitIsRefusedWith413NamingTheLimitAndNothingIsKept() throws Exception {
    byte[] big = new byte[20 * 1024 * 1024 + 1];
    Http.Response r = head.upload(url(), Map.of(), new Upload("会议现场照片.jpg", big));
    assertThat(r.status()).as(r.body()).isEqualTo(413);
    assertThat(r.json().path("error").asText()).contains("会议现场照片.jpg", "20 MB");
    assertThat(evidence.countOf(lead.serial())).isZero();
    assertThat(storedFiles()).isZero();

    // exactly at the limit is taken
    assertThat(head.upload(url(), Map.of(), new Upload("会议现场照片.jpg", new byte[20 * 1024 * 1024])).status()).isEqualTo(201);
  }

  @Test
  void theJavaApiCountsWhileStreamingAndKeepsNothingOfARefusedStream() throws Exception {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }
    };
    assertThatThrownBy(() -> evidence.store(lead.serial(), "录像.mp4", endless, "head-" + lead.departmentId(), null))
        .isInstanceOf(ApiException.class).hasMessageContaining("录像.mp4").hasMessageContaining("20 MB");
    assertThatThrownBy(() -> evidence.store(lead.serial(), "空.pdf", InputStream.nullInputStream(), "x", null))
        .hasMessageContaining("文件为空");
    assertThat(evidence.countOf(lead.serial())).isZero();
    assertThat(storedFiles()).as("no .part file left behind").isZero();

    EvidenceFile kept = attachEvidence(lead);
    assertThat(evidence.countsByItem()).containsExactly(Map.entry(lead.serial(), 1));
    assertThat(evidence.ofCampaign(lead.campaignId())).extracting(EvidenceFile::id).containsExactly(kept.id());
    try (var in = evidence.open(kept)) {
      assertThat(in.readAllBytes()).isEqualTo(TestData.SMALL_PDF);
    }
  }

  @Test
  void anEmptyFileOrAnUnknownTypeIsRefusedAndRefusesTheWholeRequest() throws Exception {
    Http.Response empty = head.upload(url(), Map.of(), new Upload("会议纪要.pdf", new byte[0]));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().path("error").asText()).contains("文件为空", "会议纪要.pdf");

    for (String name : List.of("工具.exe", "页面.html", "图标.svg", "无扩展名")) {
      Http.Response r = head.upload(url(), Map.of(), new Upload(name, TestData.SMALL_PDF));
      assertThat(r.status()).as(name).isEqualTo(400);
      assertThat(r.json().path("error").asText()).contains("不支持的文件类型", name, "pdf、", "jpg", "mp4");
    }
    Http.Response exe = head.upload(url(), Map.of(), new Upload("工具.exe", TestData.SMALL_PDF));
    assertThat(exe.json().path("error").asText()).contains(".exe");

    // one bad file among good ones: none is stored
    Http.Response mixed = head.upload(url(), Map.of(), new Upload("纪要.pdf", TestData.SMALL_PDF), new Upload("空.docx", new byte[0]));
    assertThat(mixed.status()).isEqualTo(400);
    Http.Response badTag = head.upload(url(), Map.of("evaluationItem", "../A1"), new Upload("纪要.pdf", TestData.SMALL_PDF));
    assertThat(badTag.status()).isEqualTo(400);
    assertThat(badTag.json().path("error").asText()).contains("evaluationItem");
    Http.Response noFile = head.upload(url(), Map.of("evaluationItem", "A1"));
    assertThat(noFile.status()).isEqualTo(400);
    assertThat(noFile.json().path("error").asText()).contains("file");
    assertThat(evidence.countOf(lead.serial())).isZero();
    assertThat(storedFiles()).isZero();
  }

  @Test
  void aNameWithPathPartsStaysInsideTheStorageDirectoryAndKeepsASafeDisplayName() throws Exception {
    for (String name : List.of("../../../逃逸.pdf", "..\\..\\windows\\逃逸.pdf", "/etc/逃逸.pdf", "..逃逸.pdf", "逃\u202Efdp.逸\u0007.pdf")) {
      Http.Response r = head.upload(url(), Map.of(), new Upload(name, TestData.SMALL_PDF));
      assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(201);
    }
    assertThat(evidence.ofItem(lead.serial())).extracting(EvidenceFile::fileName)
        .containsExactly("逃逸.pdf", "逃逸.pdf", "逃逸.pdf", "逃逸.pdf", "逃fdp.逸.pdf");
    for (EvidenceFile f : evidence.ofItem(lead.serial())) {
      assertThat(evidence.pathOf(f).toRealPath()).startsWith(dir().toRealPath().resolve(lead.serial()));
    }
    try (Stream<Path> all = Files.walk(dir())) {
      assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("逃逸"));
    }
    Http.Response nul = head.upload(url(), Map.of(), new Upload("纪要\u0000.pdf", TestData.SMALL_PDF));
    assertThat(nul.status()).as("refused by the servlet container, with a message").isEqualTo(400);
    assertThat(nul.json().path("error").asText()).contains("上传请求无法解析");
    Http.Response dots = head.upload(url(), Map.of(), new Upload("../..", TestData.SMALL_PDF));
    assertThat(dots.status()).isEqualTo(400);
    assertThat(dots.json().path("error").asText()).contains("文件名无效");
  }

  @Test
  void onlyThoseWhoSeeTheItemListAndDownloadAndOnlyItsDepartmentUploads() {
    assertThat(head.upload(url(), Map.of(), new Upload("名单.xlsx", TestData.SMALL_PDF)).status()).isEqualTo(201);
    String download = head.get(url()).json().path("files").get(0).path("url").asText();

    Http other = Http.basic(port, "head-air", "demo");
    assertThat(lead.departmentId()).isNotEqualTo("air");
    assertThat(other.get(url()).status()).isEqualTo(404);
    assertThat(other.download(download).status()).isEqualTo(404);
    assertThat(other.upload(url(), Map.of(), new Upload("冒名.pdf", TestData.SMALL_PDF)).status()).isEqualTo(404);
    assertThat(Http.anonymous(port).download(download).status()).isEqualTo(401);
    // an assisting department sees its own copy of the item, not the lead's files
    Http assistingHead = Http.basic(port, "head-" + assisting.departmentId(), "demo");
    assertThat(assistingHead.download(download).status()).isEqualTo(404);

    for (String reader : List.of("office", "director", "leader", "deputy-zhang")) {
      Http r = Http.basic(port, reader, "demo");
      assertThat(r.get(url()).json().path("files").size()).as(reader).isEqualTo(1);
      assertThat(r.download(download).status()).as(reader).isEqualTo(200);
    }
    Http.Response byOffice = Http.basic(port, "office", "demo").upload(url(), Map.of(), new Upload("代传.pdf", TestData.SMALL_PDF));
    assertThat(byOffice.status()).isEqualTo(403);
    assertThat(byOffice.json().path("error").asText()).contains("责任单位");
    assertThat(Http.basic(port, "office", "demo").download("/api/evidence/999999").status()).isEqualTo(404);
  }

  @Test
  void aLeadItemWhosePlanNamesEvidenceCannotBeSubmittedWithoutAFile() {
    Task task = handleTask(lead);
    String user = "head-" + lead.departmentId();
    asUser(user, () -> tasks.claim(task.getId(), user));
    assertThatThrownBy(() -> asUser(user, () -> tasks.complete(task.getId(), Map.of(ItemProcess.Var.REPORT, "领导小组成立文件已印发，名单已公布。"))))
        .hasMessageContaining("请先上传佐证材料（至少 1 个文件）").hasMessageContaining("领导小组成立文件");
    assertThat(items.find(lead.serial()).orElseThrow().status()).isNotEqualTo(ItemStatus.IN_REVIEW);

    assertThat(head.upload(url(), Map.of(), new Upload("领导小组成立文件.pdf", TestData.SMALL_PDF)).status()).isEqualTo(201);
    asUser(user, () -> tasks.complete(task.getId(), Map.of(ItemProcess.Var.REPORT, "领导小组成立文件已印发，名单已公布。")));
    assertThat(items.find(lead.serial()).orElseThrow().status()).isEqualTo(ItemStatus.IN_REVIEW);

    // an assisting department may attach but need not
    assertThat(assisting.evidenceRequired()).isFalse();
    submit(assisting, "已配合提供人员名单，两名同志参加。");
    assertThat(items.find(assisting.serial()).orElseThrow().status()).isEqualTo(ItemStatus.CLOSED);
    assertThat(evidence.countOf(assisting.serial())).isZero();
  }

  @Test
  void aClosedItemTakesNoMoreFiles() {
    submit(lead, "领导小组成立文件已印发，名单已公布。");
    review(items.find(lead.serial()).orElseThrow(), true, null);
    Http.Response r = head.upload(url(), Map.of(), new Upload("补充.pdf", TestData.SMALL_PDF));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("error").asText()).contains("已办结");
    assertThat(head.get(url()).json().path("files").size()).as("the files stay listed").isEqualTo(1);
  }
}

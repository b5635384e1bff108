package org.duban.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.ReportingScenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard, the ledger and the 通报 against the scripted scenario of {@link ReportingScenario}: every
 * number below is worked out by hand from the scenario's table, never read back from the queries.
 */
class DashboardTest extends ReportingScenario {

  @BeforeEach
  void scenario() {
    playScenario();
  }

  private JsonNode dashboard(String user) {
    Http.Response r = Http.basic(port, user, "demo").get("/api/dashboard");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static Map<String, JsonNode> byId(JsonNode rows) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    rows.forEach(r -> result.put(r.get("id").asText(), r));
    return result;
  }

  /** total, closed, open, overdue, on-time text, light, score of a department row. */
  private static String summary(JsonNode d) {
    return d.get("total").asInt() + "/" + d.get("closed").asInt() + "/" + d.get("open").asInt() + "/"
        + d.get("overdue").asInt() + " " + d.get("onTimeText").asText() + " " + d.get("lightLabel").asText()
        + " " + d.get("score").asInt();
  }

  @Test
  void theOfficeSeesTheCountsLightsAndRankingOfTheScenario() {
    JsonNode view = dashboard("office");
    assertThat(view.get("scope").asText()).isEqualTo("全局");
    JsonNode totals = view.get("totals");
    // 10 items; closed A1 A2 B1 B3 C3; overdue A3 B2; on time 4 of (5 closed + 2 past due)
    assertThat(List.of(totals.get("total").asInt(), totals.get("closed").asInt(), totals.get("open").asInt(),
        totals.get("overdue").asInt())).containsExactly(10, 5, 5, 2);
    assertThat(totals.get("onTimeText").asText()).isEqualTo("57.1%");

    JsonNode preparation = view.get("stages").get(0);
    assertThat(preparation.get("name").asText()).isEqualTo("前期准备阶段");
    assertThat(preparation.get("state").asText()).isEqualTo("进行中");
    assertThat(List.of(preparation.get("total").asInt(), preparation.get("closed").asInt(), preparation.get("overdue").asInt(),
        preparation.get("percent").asInt())).containsExactly(10, 5, 2, 50);
    JsonNode mobilization = view.get("stages").get(1);
    assertThat(mobilization.get("state").asText()).isEqualTo("未开始");
    // not started: the plan's window from the campaign start (+30d to +61d)
    assertThat(List.of(mobilization.get("planned").asBoolean(), mobilization.get("start").asText(), mobilization.get("end").asText()))
        .containsExactly(true, "2026-04-01", "2026-05-02");
    assertThat(List.of(preparation.get("planned").asBoolean(), preparation.get("start").asText(), preparation.get("end").asText()))
        .containsExactly(false, "2026-03-02", "2026-04-01");

    Map<String, JsonNode> departments = byId(view.get("departments"));
    assertThat(departments.keySet()).containsExactly("general-office", "party-committee", "comprehensive", "personnel",
        "branch-jiangbei", "branch-chengnan");
    // C1 (03-30) has 2 working days left on 03-26: yellow with N = 3 working days (3 calendar days would be green)
    assertThat(summary(departments.get("party-committee"))).isEqualTo("3/2/1/0 50.0% 黄 95");
    // the item status and Tasklist's follow-up date (filter 即将到期) follow the same rule: yellow from 03-25
    assertThat(c1.displayStatus()).isEqualTo("即将到期");
    assertThat(handleTask(c1).getFollowUpDate()).isEqualTo(org.duban.supervision.Deadlines.startOf(LocalDate.of(2026, 3, 25)));
    assertThat(summary(departments.get("general-office"))).isEqualTo("2/1/1/1 50.0% 红 97");
    assertThat(summary(departments.get("personnel"))).isEqualTo("2/0/2/1 0.0% 红 97");
    assertThat(summary(departments.get("comprehensive"))).isEqualTo("1/1/0/0 100.0% 绿 100");
    assertThat(summary(departments.get("branch-jiangbei"))).isEqualTo("1/1/0/0 100.0% 绿 100");
    // extended to 04-10: green again, nothing due yet, so no on-time rate
    assertThat(summary(departments.get("branch-chengnan"))).isEqualTo("1/0/1/0 — 绿 100");

    List<String> ranking = new ArrayList<>();
    view.get("ranking").forEach(r -> ranking.add(r.get("rank").asInt() + " " + r.get("id").asText() + " " + r.get("score").asInt()));
    assertThat(ranking).containsExactly("1 comprehensive 100", "1 branch-jiangbei 100", "1 branch-chengnan 100",
        "4 general-office 97", "4 personnel 97", "6 party-committee 95");
    assertThat(view.get("rules").get("ranking").asText()).contains("基础分 100 分", "扣 5 分", "扣 3 分");

    List<String> overdue = new ArrayList<>();
    view.get("overdue").forEach(o -> overdue.add(o.get("serial").asText() + " " + o.get("daysOverdue").asInt() + " "
        + o.get("escalationLabel").asText()));
    // A3: due 03-12, 10 working days, level 3 since 03-25; B2: due Monday 03-23 (+20d, Sunday 03-22, moved), 3 working days, level 1 since 03-24
    assertThat(overdue).containsExactly(a3.serial() + " 10 三级", b2.serial() + " 3 一级");

    List<String> notices = new ArrayList<>();
    view.get("notices").forEach(n -> notices.add(n.get("serial").asText() + " " + n.get("levelLabel").asText()));
    assertThat(notices).containsExactly(a3.serial() + " 二级");
    assertThat(view.get("extensions")).isEmpty();
    assertThat(view.get("mayUrge").asBoolean()).isTrue();
  }

  @Test
  void aDepartmentHeadSeesTheOwnDepartmentOnlyOnThePageTheJsonAndTheDownloads() throws IOException {
    JsonNode view = dashboard("head-personnel");
    assertThat(view.get("scope").asText()).isEqualTo("人事处");
    assertThat(byId(view.get("departments")).keySet()).containsExactly("personnel");
    assertThat(summary(view.get("departments").get(0))).isEqualTo("2/0/2/1 0.0% 红 97");
    assertThat(view.get("ranking").get(0).get("rank").asInt()).isEqualTo(4);
    assertThat(view.get("totals").get("total").asInt()).isEqualTo(2);
    assertThat(view.get("overdue")).hasSize(1);
    assertThat(view.get("overdue").get(0).get("serial").asText()).isEqualTo(a3.serial());
    assertThat(view.get("notices")).hasSize(1);
    assertThat(view.get("mayUrge").asBoolean()).isFalse();

    Http.Response page = Http.basic(port, "head-personnel", "demo").get("/dashboard");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("督办看板", "人事处", a3.serial()).doesNotContain("机关党委", "综合处", b2.serial(), "催办</button>");

    List<List<String>> rows = ledgerRows(download("head-personnel", "/api/reports/ledger.xlsx"));
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("督办编号", a3.serial(), c2.serial());

    String notice = text(new XWPFDocument(new ByteArrayInputStream(
        download("head-personnel", "/api/reports/notice.docx?from=2026-03-01&to=2026-03-26&issue=3"))));
    assertThat(notice).contains("人事处", a3.serial()).doesNotContain("办公室：", b2.serial(), b1.serial());

    // the urge is the office's: a department head is refused
    assertThat(Http.basic(port, "head-personnel", "demo").post("/api/items/" + a3.serial() + "/urge", "{}").status()).isEqualTo(403);
  }

  @Test
  void theOfficeItsDirectorAndTheAdministratorAreToldOfTheMissing2027CalendarHeadsAndLeadersAreNot() {
    // started 2026-03-02: the full-creation stage is planned from 2026-05-02 to 2027-06-02 (+61d to +457d)
    String warning = "创建活动“创建市级文明单位”的日期已延伸到 2027 年（最早 2027-01-01 起），但尚无 config/calendar/2027.yaml 工作日历："
        + "请依据国务院办公厅关于2027年部分节假日安排的通知（每年秋季发布）添加，否则该年的提醒和预警将无法按工作日计算。";
    for (String user : List.of("office", "director", "admin")) {
      JsonNode warnings = dashboard(user).get("calendarWarnings");
      assertThat(warnings).as(user).hasSize(1);
      assertThat(List.of(warnings.get(0).get("campaignId").asText(), warnings.get(0).get("year").asText(),
          warnings.get(0).get("from").asText(), warnings.get(0).get("file").asText()))
          .containsExactly(campaignId, "2027", "2027-01-01", "config/calendar/2027.yaml");
      assertThat(warnings.get(0).get("text").asText()).isEqualTo(warning);
    }
    Http.Response page = Http.basic(port, "office", "demo").get("/dashboard");
    assertThat(page.body()).contains("id=\"calendar-warnings\"", warning);

    for (String user : List.of("head-personnel", "liaison-party-committee", "leader", "deputy-zhang")) {
      assertThat(dashboard(user).get("calendarWarnings")).as(user).isEmpty();
      assertThat(Http.basic(port, user, "demo").get("/dashboard").body()).as(user)
          .doesNotContain("calendar-warnings", "2027.yaml");
    }
  }

  @Test
  void withoutALoginThePageLeadsToTheLoginAndTheDataIsRefused() {
    Http anonymous = Http.anonymous(port);
    Http.Response page = anonymous.get("/dashboard");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/camunda/app/welcome/default/");
    assertThat(anonymous.get("/api/dashboard").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/reports/ledger.xlsx").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/reports/notice.docx").status()).isEqualTo(401);
  }

  @Test
  void theLedgerHasOneRowPerItemWithChineseHeadersAFrozenFilteredHeaderAndRealDates() throws IOException {
    byte[] bytes = download("office", "/api/reports/ledger.xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      XSSFSheet sheet = book.getSheet("督办台账");
      assertThat(sheet).isNotNull();
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
      assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:L11");
      Cell due = sheet.getRow(1).getCell(5);
      assertThat(due.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(DateUtil.isCellDateFormatted(due)).isTrue();
      assertThat(due.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
    }
    List<List<String>> rows = ledgerRows(bytes);
    assertThat(rows.get(0)).containsExactly("督办编号", "所属阶段", "督办事项", "牵头/配合", "责任单位", "完成时限", "办理状态",
        "办结时间", "超期天数（工作日）", "督办级别", "延期次数", "佐证材料数");
    assertThat(rows).hasSize(11);
    Map<String, List<String>> bySerial = new LinkedHashMap<>();
    rows.subList(1, rows.size()).forEach(r -> bySerial.put(r.get(0), r));
    assertThat(bySerial.get(a3.serial())).containsExactly(a3.serial(), "前期准备阶段", "成立创建工作领导小组", "配合", "人事处",
        "2026-03-12", "已超期", "", "10", "三级", "0", "0");
    assertThat(bySerial.get(b1.serial())).containsExactly(b1.serial(), "前期准备阶段", "制定创建工作实施方案", "牵头", "机关党委",
        "2026-03-23", "已办结", "2026-03-24", "1", "一级", "0", "1");
    assertThat(bySerial.get(c4.serial())).containsExactly(c4.serial(), "前期准备阶段", "广泛征求职工意见", "配合", "城南分局",
        "2026-04-10", "待签收", "", "0", "—", "1", "0");
  }

  @Test
  void theNoticeCountsThePeriodAndNumbersTheLateDepartmentsAndItems() throws IOException {
    byte[] bytes = download("office", "/api/reports/notice.docx?from=2026-03-01&to=2026-03-26&issue=3");
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      List<String> paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText).filter(t -> !t.isBlank()).toList();
      assertThat(paragraphs.subList(0, 2)).containsExactly("创建工作督办通报", "〔2026〕第3期");
      assertThat(paragraphs).contains("各处室、各直属单位、各派出局：", "一、督查情况", "二、存在问题", "三、下一步要求", "创建办");
      // the period's items are those due by 03-26: A1-A3, B1-B3 of four departments; closed A1 A2 B1 B3, on time A1 A2 B3
      assertThat(paragraphs).contains("本期共督查督办事项 6 项，涉及 4 个单位。截至2026年3月26日，已办结 4 项，其中按期办结 3 项；"
          + "尚未办结 2 项，其中已超期 2 项。按期完成率为 50.0%。");
      int problems = paragraphs.indexOf("二、存在问题");
      assertThat(paragraphs.subList(problems + 1, problems + 7)).containsExactly(
          "（一）办公室：逾期事项 1 项，其中 1 项至今尚未办结。",
          "1. " + b2.serial() + "「制定创建工作实施方案」（配合，前期准备阶段），完成时限2026年3月23日，已超期 3 个工作日，尚未办结，已升级为一级督办。",
          "（二）机关党委：逾期事项 1 项，均已补办办结。",
          "1. " + b1.serial() + "「制定创建工作实施方案」（牵头，前期准备阶段），完成时限2026年3月23日，逾期 1 个工作日后提交办理情况，已办结，已升级为一级督办。",
          "（三）人事处：逾期事项 1 项，其中 1 项至今尚未办结。",
          "1. " + a3.serial() + "「成立创建工作领导小组」（配合，前期准备阶段），完成时限2026年3月12日，已超期 10 个工作日，尚未办结，已升级为三级督办。");
      // signed today, written the way formal documents write dates
      assertThat(paragraphs.get(paragraphs.size() - 1)).isEqualTo("2026年3月26日");
      assertThat(doc.getParagraphs().get(0).getRuns().get(0).getFontFamily(org.apache.poi.xwpf.usermodel.XWPFRun.FontCharRange.eastAsia))
          .isEqualTo("方正小标宋简体");
    }
    assertThat(Http.basic(port, "office", "demo").get("/api/reports/notice.docx?from=2026-03-27&to=2026-03-01").status()).isEqualTo(400);
  }

  @Test
  void anOverdueItemIsUrgedFromTheDashboardOnceADay() {
    Http session = Http.tasklistSession(port, "office", "demo");
    assertThat(session.post("/api/items/" + a3.serial() + "/urge", "{\"message\":\"请本周内办结\"}").status()).isEqualTo(200);
    assertThat(session.post("/api/items/" + a3.serial() + "/urge", "{}").status()).isEqualTo(409);
    SupervisedItem item = reload(a3);
    assertThat(items.events(item.serial())).anyMatch(e -> e.kind() == org.duban.supervision.ItemEventKind.URGED && "office".equals(e.actor()));
  }

  @Test
  void aPendingExtensionIsListedAndTheDirectorsRowOpensTheDecisionTask() {
    assertThat(Http.basic(port, "head-party-committee", "demo").post("/api/items/" + c1.serial() + "/extension",
        "{\"newDueDate\":\"2026-04-08\",\"reason\":\"需提交局党组会议研究\"}").status()).isEqualTo(200);
    String taskId = tasks.createTaskQuery().processInstanceId(c1.processInstanceId())
        .taskDefinitionKey(org.duban.supervision.ItemProcess.TASK_DECIDE_EXTENSION).singleResult().getId();
    JsonNode director = dashboard("director").get("extensions");
    assertThat(director).hasSize(1);
    assertThat(director.get(0).get("serial").asText()).isEqualTo(c1.serial());
    assertThat(director.get(0).get("requestedDueDate").asText()).isEqualTo("2026-04-08");
    assertThat(director.get(0).get("reason").asText()).isEqualTo("需提交局党组会议研究");
    assertThat(director.get(0).get("taskLink").asText()).isEqualTo("/camunda/app/tasklist/default/#/?task=" + taskId);
    // the office sees it pending, without a decision it could not take
    assertThat(dashboard("office").get("extensions").get(0).get("taskLink").isNull()).isTrue();
    assertThat(dashboard("head-personnel").get("extensions")).isEmpty();
    assertThat(dashboard("head-party-committee").get("extensions")).hasSize(1);
  }

  private byte[] download(String user, String path) {
    try {
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
          .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
      return r.body();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every row as the cells' displayed text (dates as Excel shows them). */
  static List<List<String>> ledgerRows(byte[] bytes) {
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      DataFormatter format = new DataFormatter();
      List<List<String>> rows = new ArrayList<>();
      for (Row row : book.getSheetAt(0)) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
          cells.add(format.formatCellValue(row.getCell(c)));
        }
        rows.add(cells);
      }
      return rows;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static String text(XWPFDocument doc) {
    StringBuilder sb = new StringBuilder();
    doc.getParagraphs().forEach(p -> sb.append(p.getText()).append('\n'));
    return sb.toString();
  }
}

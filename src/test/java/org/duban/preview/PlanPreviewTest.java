package org.duban.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;

/**
 * The plan preview over HTTP: the JSON of the seed plan for Monday 2026-12-07 (its dates worked out by
 * hand on the 2026 calendar; 2027 has no calendar file yet), the page, the workbook opened with POI,
 * who may see it, and bad input answered with a 4xx naming the problem — never a 500.
 */
class PlanPreviewTest extends ProcessTest {
  private static final String JSON = "/api/plans/civilized-unit/preview?startDate=2026-12-07";

  private Http as(String user) {
    return Http.basic(port, user, "demo");
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  private static JsonNode item(JsonNode preview, String planItem, String department) {
    return list(preview.path("items")).stream()
        .filter(i -> i.path("planItemId").asText().equals(planItem) && i.path("departmentId").asText().equals(department))
        .findFirst().orElseThrow(() -> new AssertionError(planItem + " / " + department));
  }

  private static JsonNode alert(JsonNode item, String kind, int level) {
    return list(item.path("alerts")).stream().filter(a -> a.path("kind").asText().equals(kind) && a.path("level").asInt() == level)
        .findFirst().orElseThrow(() -> new AssertionError(kind + level));
  }

  private static List<String> ids(JsonNode people) {
    return list(people).stream().map(p -> p.path("id").asText()).toList();
  }

  @Test
  void theJsonListsStagesItemsAlertsLoadAndWarnings() {
    Http.Response r = as("office").get(JSON);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode p = r.json();
    assertThat(p.path("planName").asText()).isEqualTo("创建市级文明单位");
    assertThat(p.path("startDateLabel").asText()).isEqualTo("2026-12-07（周一）");
    assertThat(p.path("fromStage").asText()).isEqualTo("preparation");

    // the first stage from the start date (+30d), the later ones as planned
    JsonNode preparation = p.path("stages").get(0);
    assertThat(List.of(preparation.path("startLabel").asText(), preparation.path("endLabel").asText(), preparation.path("planned").asText()))
        .containsExactly("2026-12-07（周一）", "2027-01-06（周三）", "false");
    assertThat(preparation.path("items").asInt()).isEqualTo(10);
    JsonNode mobilization = p.path("stages").get(1);
    assertThat(mobilization.path("planned").asBoolean()).isTrue();
    assertThat(mobilization.path("start").asText()).isEqualTo("2027-01-06");

    // 成立创建工作领导小组: +10d, Thursday; 制定实施方案: +20d is Sunday 12-27, moved to Monday
    JsonNode lead = item(p, "set-up-leading-group", "party-committee");
    assertThat(List.of(lead.path("roleLabel").asText(), lead.path("dueDateLabel").asText(), lead.path("departmentName").asText()))
        .containsExactly("牵头", "2026-12-17（周四）", "机关党委");
    assertThat(item(p, "set-up-leading-group", "personnel").path("roleLabel").asText()).isEqualTo("配合");
    assertThat(item(p, "draft-implementation-plan", "comprehensive").path("dueDate").asText()).isEqualTo("2026-12-28");

    // its alerts, working days of the 2026 calendar, at 09:00
    assertThat(list(lead.path("alerts")).stream().map(a -> a.path("label").asText() + " " + a.path("dateLabel").asText() + " "
        + a.path("time").asText()).toList()).containsExactly(
        "签收提醒 2026-12-08（周二） 09:00", "到期前 3 个工作日提醒 2026-12-14（周一） 09:00", "到期前 1 个工作日提醒 2026-12-16（周三） 09:00",
        "1级预警 2026-12-18（周五） 09:00", "2级预警 2026-12-23（周三） 09:00", "3级预警 2026-12-30（周三） 09:00");
    assertThat(ids(alert(lead, "SIGN", 0).path("mail"))).containsExactly("head-party-committee", "liaison-party-committee");
    assertThat(list(alert(lead, "SIGN", 0).path("mail")).get(0).path("name").asText()).isEqualTo("何建军");
    JsonNode level1 = alert(lead, "ESCALATION", 1);
    assertThat(ids(level1.path("mail"))).containsExactly("head-party-committee", "liaison-party-committee");
    assertThat(ids(level1.path("digest"))).containsExactly("director");
    assertThat(level1.path("digestLabel").asText()).isEqualTo("2026-12-18（周五） 09:30 督办日报");
    assertThat(ids(alert(lead, "ESCALATION", 2).path("mail"))).isEmpty();
    assertThat(ids(alert(lead, "ESCALATION", 2).path("digest"))).containsExactly("deputy-zhang");
    assertThat(ids(alert(lead, "ESCALATION", 3).path("digest"))).containsExactly("leader");

    // 广泛征求职工意见, due 2027-01-04: counted in 2027, which has no calendar, its reminders and escalations cannot be dated
    JsonNode solicit = item(p, "solicit-staff-opinions", "party-committee");
    assertThat(solicit.path("dueDate").asText()).isEqualTo("2027-01-04");
    assertThat(alert(solicit, "SIGN", 0).path("unresolved").asBoolean()).isFalse();
    JsonNode gap = alert(solicit, "DUE", 3);
    assertThat(gap.path("unresolved").asBoolean()).isTrue();
    assertThat(gap.path("date").isNull()).isTrue();
    assertThat(gap.path("note").asText()).contains("没有 2027 年的工作日历");
    List<String> warnings = list(p.path("warnings")).stream().map(w -> w.path("kind").asText() + ": " + w.path("text").asText()).toList();
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("CALENDAR: 日期已延伸到 2027 年（最早 2027-01-01（周五）起）")
        .contains("config/calendar/2027.yaml", "国务院办公厅关于2027年部分节假日安排的通知", "条提醒和预警无法按工作日计算"));

    // the self-check's scoring tasks are listed; rectification items depend on the self-check
    assertThat(list(p.path("items")).stream().filter(i -> i.path("planItemId").asText().equals("self-check-scoring")))
        .isNotEmpty().allSatisfy(i -> assertThat(i.path("kind").asText()).isEqualTo("自查评分"));
    assertThat(list(p.path("notes")).stream().map(JsonNode::asText)).anySatisfy(n -> assertThat(n).contains("整改项由自检自查"))
        .anySatisfy(n -> assertThat(n).contains("督办日报"));

    // December's load: 机关党委 leads two items due then, 办公室 assists both, 人事处 one
    List<String> months = list(p.path("load").path("months")).stream().map(JsonNode::asText).toList();
    assertThat(months.get(0)).isEqualTo("2026-12");
    JsonNode load = p.path("load").path("departments");
    assertThat(list(load).stream().filter(d -> List.of("party-committee", "general-office", "personnel").contains(d.path("id").asText()))
        .map(d -> d.path("id").asText() + " " + d.path("counts").get(0).asInt()).toList())
        .containsExactly("general-office 2", "party-committee 2", "personnel 1");
    assertThat(list(load).stream().mapToInt(d -> d.path("total").asInt()).sum()).isEqualTo(p.path("items").size());
  }

  @Test
  void aDueDateMovedPastItsStageEndIsAWarning() {
    // started Thursday 2026-09-03: 广泛征求职工意见 +28d falls on 10-01 (国庆), moved to 10-08, after the stage's end 10-03
    JsonNode p = as("director").get("/api/plans/civilized-unit/preview?startDate=2026-09-03").json();
    assertThat(item(p, "solicit-staff-opinions", "party-committee").path("afterStageEnd").asBoolean()).isTrue();
    assertThat(list(p.path("warnings")).stream().filter(w -> w.path("kind").asText().equals("AFTER_STAGE_END"))
        .map(w -> w.path("text").asText()).toList())
        .containsExactly("「广泛征求职工意见」的完成时限 2026-10-08（周四） 晚于前期准备阶段的结束日期 2026-10-03（周六）："
            + "阶段到期即开启阶段审批，该事项转入下一阶段继续督办。");
  }

  @Test
  void fromStageSkipsTheEarlierStagesAndABackDatedStartSaysWhatHappensToThePast() {
    // adopted at 全面创建 on 2026-02-02, a month before today (2026-03-02): items are created today
    JsonNode p = as("admin").get("/api/plans/civilized-unit/preview?startDate=2026-02-02&fromStage=full-creation").json();
    assertThat(list(p.path("stages")).stream().map(s -> s.path("id").asText() + " " + s.path("skipped").asBoolean()).toList())
        .startsWith("preparation true", "mobilization true", "full-creation false");
    assertThat(list(p.path("items")).stream().map(i -> i.path("stageId").asText()).distinct())
        .doesNotContain("preparation", "mobilization").startsWith("full-creation");
    JsonNode full = p.path("stages").get(2);
    assertThat(full.path("start").asText()).isEqualTo("2026-02-02");
    // 深化理论学习宣传 +180d, monthly progress reports from its creation today: 04-02, 05-02 …
    JsonNode study = item(p, "deepen-theory-study", "party-committee");
    assertThat(alert(study, "SIGN", 0).path("date").asText()).isEqualTo("2026-03-03");
    assertThat(alert(study, "PROGRESS", 1).path("date").asText()).isEqualTo("2026-04-02");
    assertThat(list(p.path("notes")).stream().map(JsonNode::asText)).anySatisfy(n -> assertThat(n).contains("从全面创建阶段启用"));

    // a start in the past: the escalations already due go out at once, the passed reminders by the schedule's rule
    JsonNode back = as("office").get("/api/plans/civilized-unit/preview?startDate=2026-02-02").json();
    JsonNode leadingGroup = item(back, "set-up-leading-group", "party-committee"); // due 02-12, overdue today
    assertThat(alert(leadingGroup, "ESCALATION", 1).path("note").asText()).isEqualTo("时点已过：启动时立即发出");
    assertThat(alert(leadingGroup, "DUE", 3).path("note").asText()).startsWith("时点已过：不再发送（");
  }

  @Test
  void theWorkbookHasItsFourSheetsWithFrozenFilteredHeadersAndRealDates() throws Exception {
    Http.Download d = as("office").download("/api/plans/civilized-unit/preview.xlsx?startDate=2026-12-07");
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.headers().firstValue("Content-Type").orElseThrow()).startsWith(PreviewController.XLSX.toString());
    assertThat(d.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", "filename*=UTF-8''");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(d.body()))) {
      List<String> sheets = new ArrayList<>();
      book.sheetIterator().forEachRemaining(s -> sheets.add(s.getSheetName()));
      assertThat(sheets).containsExactly("事项", "提醒与预警", "各单位月度任务量", "提示");
      for (String name : sheets) {
        XSSFSheet sheet = book.getSheet(name);
        assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
        assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).as(name + ": header row frozen").isEqualTo((short) 1);
        assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(name + ": filtered").isTrue();
      }
      DataFormatter text = new DataFormatter();
      XSSFSheet items = book.getSheet("事项");
      assertThat(headers(items, text)).containsExactly("所属阶段", "阶段起止", "督办事项", "类别", "责任单位", "牵头/配合", "完成时限", "星期",
          "提醒与预警（条）", "备注");
      Row first = items.getRow(1);
      assertThat(text.formatCellValue(first.getCell(2))).isEqualTo("成立创建工作领导小组");
      Cell due = first.getCell(6);
      assertThat(due.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(DateUtil.isCellDateFormatted(due)).isTrue();
      assertThat(due.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 17));
      assertThat(text.formatCellValue(due)).isEqualTo("2026-12-17");
      assertThat(text.formatCellValue(first.getCell(7))).isEqualTo("周四");

      XSSFSheet alerts = book.getSheet("提醒与预警");
      assertThat(headers(alerts, text)).containsExactly("所属阶段", "督办事项", "责任单位", "牵头/配合", "提醒/预警", "日期", "星期", "时间",
          "邮件收件人", "督办日报收件人", "说明");
      Row sign = alerts.getRow(1);
      assertThat(List.of(text.formatCellValue(sign.getCell(4)), text.formatCellValue(sign.getCell(5)), text.formatCellValue(sign.getCell(7)),
          text.formatCellValue(sign.getCell(8)))).containsExactly("签收提醒", "2026-12-08", "09:00", "何建军、郑雪");
      assertThat(DateUtil.isCellDateFormatted(sign.getCell(5))).isTrue();

      assertThat(headers(book.getSheet("各单位月度任务量"), text)).startsWith("责任单位", "2026年12月").endsWith("合计");
      assertThat(headers(book.getSheet("提示"), text)).containsExactly("类型", "内容");
      assertThat(text.formatCellValue(book.getSheet("提示").getRow(1).getCell(1))).contains("2027");
    }
  }

  private static List<String> headers(XSSFSheet sheet, DataFormatter text) {
    List<String> headers = new ArrayList<>();
    sheet.getRow(0).forEach(c -> headers.add(text.formatCellValue(c)));
    return headers;
  }

  @Test
  void thePageShowsThePreviewInChineseWithItsHeaders() {
    Http.Response page = as("office").get("/plans/civilized-unit/preview?startDate=2026-12-07");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.body()).contains("计划预览（试算）", "创建市级文明单位", "成立创建工作领导小组", "2026-12-17（周四）", "各单位月度任务量",
        "提醒与预警", "督办日报", "/api/plans/civilized-unit/preview.xlsx?startDate=2026-12-07&amp;fromStage=preparation");
    assertThat(as("office").get("/preview/preview.css").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    // the dashboard links to it for whoever runs campaigns, not for a department
    assertThat(as("office").get("/dashboard").body()).contains("href=\"/plans/civilized-unit/preview\"");
    assertThat(as("head-party-committee").get("/dashboard").body()).doesNotContain("/plans/civilized-unit/preview");
  }

  @Test
  void onlyWhoRunsCampaignsMaySeeIt() {
    for (String user : List.of("office", "director", "admin")) {
      assertThat(as(user).get(JSON).status()).as(user).isEqualTo(200);
    }
    for (String user : List.of("head-party-committee", "liaison-general-office", "leader", "deputy-zhang")) {
      Http.Response json = as(user).get(JSON);
      assertThat(json.status()).as(user).isEqualTo(403);
      assertThat(json.json().path("error").asText()).isEqualTo("无权预览计划（仅创建办、创建办主任和系统管理员可以）。");
      assertThat(as(user).download("/api/plans/civilized-unit/preview.xlsx").status()).as(user).isEqualTo(403);
      Http.Response page = as(user).get("/plans/civilized-unit/preview");
      assertThat(page.status()).as(user).isEqualTo(403);
      assertThat(page.body()).contains("无权预览计划").doesNotContain("成立创建工作领导小组", "preview-form");
    }
    Http anonymous = Http.anonymous(port);
    assertThat(anonymous.get(JSON).status()).isEqualTo(401);
    assertThat(anonymous.get(JSON).json().path("error").asText()).contains("请先登录");
    assertThat(anonymous.download("/api/plans/civilized-unit/preview.xlsx").status()).isEqualTo(401);
    Http.Response page = anonymous.get("/plans/civilized-unit/preview?startDate=2026-12-07");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/camunda/app/welcome/default/");
  }

  @Test
  void badInputIsRefusedWithA4xxNamingIt() {
    Http office = as("office");
    Http.Response unknown = office.get("/api/plans/no-such-plan/preview?startDate=2026-12-07");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("error").asText()).isEqualTo("没有计划「no-such-plan」，可用的计划：civilized-unit");
    for (String date : List.of("2026-13-01", "2026-02-30", "07.12.2026", "tomorrow", "%2B10000-01-01", "2026-12-7")) {
      Http.Response r = office.get("/api/plans/civilized-unit/preview?startDate=" + date);
      assertThat(r.status()).as(date).isEqualTo(400);
      assertThat(r.json().path("error").asText()).as(date).startsWith("startDate: ").contains("不是有效的日期", "2026-12-07");
      assertThat(office.download("/api/plans/civilized-unit/preview.xlsx?startDate=" + date).status()).as(date).isEqualTo(400);
    }
    Http.Response stage = office.get("/api/plans/civilized-unit/preview?startDate=2026-12-07&fromStage=self-checking");
    assertThat(stage.status()).isEqualTo(400);
    assertThat(stage.json().path("error").asText()).startsWith("fromStage: 未知的阶段 'self-checking'").contains("self-check（自检自查阶段）");

    // the page says the same on itself, escaping what was typed
    Http.Response page = office.get("/plans/civilized-unit/preview?startDate=%3Cscript%3Ealert(1)%3C/script%3E");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("无法试算", "不是有效的日期", "&lt;script&gt;alert(1)&lt;/script&gt;", "preview-form")
        .doesNotContain("<script>alert(1)");
    Http.Response missing = office.get("/plans/%3Cb%3Eplan/preview");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("没有计划「&lt;b&gt;plan」").doesNotContain("<b>plan");
    assertThat(office.get("/plans/civilized-unit/preview?fromStage=nope").status()).isEqualTo(400);
    assertThat(office.request("HEAD", "/api/plans/civilized-unit/preview?startDate=2026-12-07", null).status()).isEqualTo(200);
  }
}

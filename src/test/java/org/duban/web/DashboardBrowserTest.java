package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.duban.supervision.ItemEventKind;
import org.duban.support.Browser;
import org.duban.support.ReportingScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser, in Chinese, after the scripted scenario of {@link ReportingScenario}:
 * the office arrives without a login, logs in on the welcome page and follows its link; it sees the
 * numbers worked out by hand, urges an overdue item and downloads the ledger and the 通报 with its
 * session. A department head sees the own department only.
 */
class DashboardBrowserTest extends ReportingScenario {
  @RegisterExtension final Browser browser = new Browser(() -> port);

  private String cell(String rowSelector, String cellClass) {
    return browser.driver.findElement(By.cssSelector(rowSelector + " ." + cellClass)).getText();
  }

  private void awaitCharts() {
    new WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-charts")));
    assertThat(browser.driver.findElements(By.cssSelector("#chart-stages canvas, #chart-stages svg"))).isNotEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("#chart-timeline canvas, #chart-timeline svg"))).isNotEmpty();
  }

  /** The whole page in one picture: the window grows to the page's height first. */
  private void screenshotWholePage(String name) {
    long height = (Long) ((JavascriptExecutor) browser.driver).executeScript("return document.documentElement.scrollHeight;");
    browser.driver.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 120, 4000)));
    browser.screenshot(name);
    browser.driver.manage().window().setSize(new Dimension(1400, 1000));
  }

  private byte[] downloadWithSession(String path) throws IOException, InterruptedException {
    String cookies = browser.driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path))
            .header("Cookie", cookies).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void theOfficeLogsInSeesTheScenarioUrgesAndDownloadsTheLedgerAndTheNotice() throws Exception {
    playScenario();

    // no login yet: the dashboard leads to the login page, whose Chinese welcome links back to it
    browser.open("/dashboard");
    browser.waitFor(By.cssSelector("input[ng-model='username']")).sendKeys("office");
    browser.driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
    browser.driver.findElement(By.cssSelector("button[type='submit']")).click();
    browser.waitFor(By.linkText("督办看板")).click();
    browser.waitForText("考核排名");
    awaitCharts();

    assertThat(browser.driver.findElement(By.id("campaign-name")).getText()).isEqualTo("创建市级文明单位");
    assertThat(List.of("total", "closed", "open", "overdue-count", "on-time").stream()
        .map(id -> browser.driver.findElement(By.id(id)).getText()).toList()).containsExactly("10", "5", "5", "2", "57.1%");
    String preparation = "tr[data-stage='preparation']";
    assertThat(List.of(cell(preparation, "state"), cell(preparation, "total"), cell(preparation, "closed"),
        cell(preparation, "overdue"), cell(preparation, "percent"))).containsExactly("进行中", "10", "5", "2", "50%");
    String personnel = "#departments tr[data-department='personnel']";
    assertThat(List.of(cell(personnel, "light"), cell(personnel, "total"), cell(personnel, "overdue"), cell(personnel, "on-time")))
        .containsExactly("红", "2", "1", "0.0%");
    assertThat(cell("#departments tr[data-department='party-committee']", "light")).isEqualTo("黄");
    assertThat(cell("#departments tr[data-department='branch-chengnan']", "light")).isEqualTo("绿");
    assertThat(browser.driver.findElements(By.cssSelector("#ranking tbody tr")).stream()
        .map(r -> r.findElement(By.className("rank")).getText() + " " + r.findElement(By.className("name")).getText() + " "
            + r.findElement(By.className("score")).getText()).toList())
        .containsExactly("1 综合处 100", "1 江北分局 100", "1 城南分局 100", "4 办公室 97", "4 人事处 97", "6 机关党委 95");
    assertThat(browser.driver.findElement(By.id("ranking-rule")).getText()).contains("基础分 100 分", "扣 5 分", "扣 3 分");
    assertThat(browser.driver.findElements(By.cssSelector("#overdue tbody tr")).stream()
        .map(r -> r.getAttribute("data-serial") + " " + r.findElement(By.className("days")).getText() + " "
            + r.findElement(By.className("level")).getText()).toList())
        .containsExactly(a3.serial() + " 10 三级", b2.serial() + " 3 一级");
    assertThat(browser.driver.findElements(By.cssSelector("#notices tbody tr"))).hasSize(1); // A3 only: B2 reaches level 2 on 03-27
    // the full-creation stage is planned into 2027, which has no calendar file yet
    assertThat(browser.driver.findElement(By.cssSelector("#calendar-warnings p[data-year='2027']")).getText())
        .contains("创建活动“创建市级文明单位”的日期已延伸到 2027 年（最早 2027-01-01 起）", "config/calendar/2027.yaml");
    screenshotWholePage("dashboard-office");

    // 催办 from the overdue list
    WebElement overdueRow = browser.driver.findElement(By.cssSelector("#overdue tr[data-serial='" + a3.serial() + "']"));
    overdueRow.findElement(By.cssSelector("button.urge")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .until(d -> overdueRow.findElement(By.className("urge-result")).getText().equals("已催办"));
    assertThat(items.events(a3.serial())).anyMatch(e -> e.kind() == ItemEventKind.URGED && "office".equals(e.actor()));

    // the ledger behind the page's link, with the browser's session
    String ledgerHref = browser.driver.findElement(By.id("ledger-link")).getAttribute("href");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(downloadWithSession(ledgerHref)))) {
      assertThat(book.getSheet("督办台账").getPhysicalNumberOfRows()).isEqualTo(11);
      assertThat(new DataFormatter().formatCellValue(book.getSheetAt(0).getRow(0).getCell(0))).isEqualTo("督办编号");
    }
    // the 通报 as the page's form asks for it
    WebElement issue = browser.driver.findElement(By.id("notice-issue"));
    issue.clear();
    issue.sendKeys("3");
    String query = (String) ((JavascriptExecutor) browser.driver).executeScript(
        "var f = document.getElementById('notice-form'); return f.getAttribute('action') + '?' + new URLSearchParams(new FormData(f)).toString();");
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(downloadWithSession(query)))) {
      List<String> paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      assertThat(paragraphs).contains("创建工作督办通报", "〔2026〕第3期", "一、督查情况", "二、存在问题", "三、下一步要求");
      // the form's default period is the month so far: 03-01 to 03-26
      assertThat(String.join("\n", paragraphs)).contains("（三）人事处：逾期事项 1 项", a3.serial());
    }
  }

  @Test
  void aDepartmentHeadSeesTheOwnDepartmentInChinese() {
    playScenario();
    browser.login("tasklist", "head-personnel", "demo");
    browser.waitForText("本处室待办");
    browser.open("/dashboard");
    browser.waitForText("考核排名");
    awaitCharts();
    assertThat(browser.driver.findElement(By.id("scope")).getText()).isEqualTo("人事处");
    assertThat(browser.driver.findElements(By.cssSelector("#departments tbody tr")).stream()
        .map(r -> r.getAttribute("data-department")).toList()).containsExactly("personnel");
    assertThat(cell("#ranking tr[data-department='personnel']", "rank")).isEqualTo("4");
    assertThat(browser.driver.findElements(By.cssSelector("#overdue tbody tr")).stream()
        .map(r -> r.getAttribute("data-serial")).toList()).containsExactly(a3.serial());
    assertThat(browser.driver.findElements(By.cssSelector("button.urge"))).isEmpty();
    assertThat(browser.driver.findElements(By.id("calendar-warnings"))).isEmpty();
    String text = browser.text();
    assertThat(text).contains("督办看板", "阶段进度", "各单位办理情况", "超期事项", "通报名单", "下载督办台账")
        .doesNotContain("机关党委", "办公室", b2.serial(), "Dashboard", "Ranking", "Overdue");
    screenshotWholePage("dashboard-department");
  }
}

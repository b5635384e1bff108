package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duban.support.Browser;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The plan preview in Debian's Chromium, in Chinese: the office arrives without a login, logs in,
 * finds the preview on the dashboard, previews the seed plan for Monday 2026-12-07 with the form,
 * reads the items, alerts, load and warnings, downloads the workbook with its session, and adopts
 * from a later stage — under the page's Content-Security-Policy without a violation. The screenshot
 * is docs/plan-preview.png.
 */
class PlanPreviewBrowserTest extends ProcessTest {
  @RegisterExtension final Browser browser = new Browser(() -> port);

  private String text(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getText();
  }

  private void previewFor(String date) {
    WebElement start = browser.driver.findElement(By.id("start-date"));
    start.clear();
    start.sendKeys(date);
    browser.driver.findElement(By.id("preview-button")).click();
    browser.waitForText(date + "（");
  }

  @Test
  void theOfficePreviewsTheSeedPlanFromTheDashboard() throws Exception {
    ((ChromiumDriver) browser.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI); });"));
    browser.open("/plans/civilized-unit/preview");
    browser.waitFor(By.cssSelector("input[ng-model='username']")).sendKeys("office");
    browser.driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
    browser.driver.findElement(By.cssSelector("button[type='submit']")).click();
    browser.waitFor(By.linkText("督办看板")).click();
    browser.waitFor(By.cssSelector("#plan-previews a[data-plan='civilized-unit']")).click();
    browser.waitForText("计划预览（试算）");
    // today by default (the tests' clock: 2026-03-02)
    assertThat(text("#start-label")).isEqualTo("2026-03-02（周一）");

    previewFor("2026-12-07");
    assertThat(text("#plan-name")).isEqualTo("创建市级文明单位");
    assertThat(text("#stages tr[data-stage='preparation'] .window")).isEqualTo("2026-12-07（周一） 至 2027-01-06（周三）");
    assertThat(text("#stages tr[data-stage='mobilization'] .window")).startsWith("计划 2027-01-06（周三）");
    String lead = "#stage-preparation table.items tr[data-plan-item='set-up-leading-group'][data-department='party-committee']";
    assertThat(List.of(text(lead + " .department"), text(lead + " .role"), text(lead + " .due"), text(lead + " .alert-count")))
        .containsExactly("机关党委", "牵头", "2026-12-17（周四）", "6");
    // the preparation stage's alerts are open; the director's level-1 escalation goes into her digest
    String level1 = "#stage-preparation table.alerts tr[data-plan-item='set-up-leading-group'][data-department='party-committee']"
        + "[data-kind='ESCALATION'][data-level='1']";
    assertThat(List.of(text(level1 + " .date"), text(level1 + " .time"), text(level1 + " .mail"), text(level1 + " .digest")))
        .containsExactly("2026-12-18（周五）", "09:00", "何建军、郑雪", "潘玲（2026-12-18（周五） 09:30 督办日报）");
    assertThat(text("#load tr[data-department='party-committee'] .name")).isEqualTo("机关党委");
    assertThat(browser.driver.findElements(By.cssSelector("#warnings p[data-kind='CALENDAR']")).stream().map(WebElement::getText).toList())
        .anySatisfy(w -> assertThat(w).contains("2027 年", "config/calendar/2027.yaml"));
    assertThat(browser.text()).contains("整改项由自检自查", "督办日报", "测评体系自查评分")
        .doesNotContain("Preview", "null", "ESCALATION");

    // the page's first 2400 pixels: form, notes, warnings, stages, load and the preparation stage's items and alerts
    long height = (Long) ((JavascriptExecutor) browser.driver).executeScript("return document.documentElement.scrollHeight;");
    browser.driver.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 120, 2400)));
    browser.screenshot("plan-preview");
    assertNoPolicyViolation();
    browser.driver.manage().window().setSize(new Dimension(1400, 1000));

    // the workbook behind the page's link, with the browser's session
    String href = browser.driver.findElement(By.id("xlsx-link")).getAttribute("href");
    assertThat(href).contains("startDate=2026-12-07");
    String cookies = browser.driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
    HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", cookies)
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
      assertThat(book.getSheet("事项").getRow(1).getCell(2).getStringCellValue()).isEqualTo("成立创建工作领导小组");
    }

    // adopted at 全面创建: the earlier stages are done before Duban and have no items
    new Select(browser.driver.findElement(By.id("from-stage"))).selectByValue("full-creation");
    previewFor("2026-12-07");
    assertThat(text("#stages tr[data-stage='preparation'] .note")).isEqualTo("已完成（启用前）");
    assertThat(browser.driver.findElements(By.id("stage-preparation"))).isEmpty();
    assertThat(text("#stages tr[data-stage='full-creation'] .window")).startsWith("2026-12-07（周一） 至 ");

    // a date the form's pattern would stop, typed into the address: the page names it
    browser.open("/plans/civilized-unit/preview?startDate=2026-02-30");
    browser.waitForText("无法试算");
    assertThat(text("#error p")).contains("startDate", "“2026-02-30”不是有效的日期");
    assertThat(browser.driver.findElement(By.id("start-date")).getAttribute("value")).isEqualTo("2026-02-30");

    assertNoPolicyViolation();
  }

  /** Since the page was loaded (each page load starts the list anew). */
  @SuppressWarnings("unchecked")
  private void assertNoPolicyViolation() {
    assertThat((List<String>) ((JavascriptExecutor) browser.driver).executeScript("return window.__cspViolations;")).isEmpty();
  }
}

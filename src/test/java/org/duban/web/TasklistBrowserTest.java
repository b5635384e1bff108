package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.duban.campaign.CampaignProcess;
import org.duban.evidence.EvidenceFile;
import org.duban.supervision.ItemRole;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Browser;
import org.duban.support.ProcessTest;
import org.duban.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The preparation stage in Tasklist, in a real browser and in Chinese: a department head signs for
 * the item, uploads its evidence and submits it through its form, the creation office looks at the
 * file and accepts the item, the director approves the gate.
 */
class TasklistBrowserTest extends ProcessTest {
  @RegisterExtension final Browser browser = new Browser(() -> port);
  @TempDir Path uploads;

  private void openTask(String name) {
    browser.waitFor(By.xpath("//*[contains(@class,'tasks-list') or contains(@class,'task-list') or self::body]"
        + "//a[contains(normalize-space(.), '" + name + "')]")).click();
  }

  private WebElement completeButton() {
    return browser.driver.findElement(By.cssSelector("button[ng-click='complete()']"));
  }

  private void completeForm() {
    completeButton().click();
  }

  /** A file on disk for the browser's file input. */
  private Path file(String name, byte[] content) throws IOException {
    Path file = uploads.resolve(name);
    Files.write(file, content);
    return file;
  }

  @Test
  void aDepartmentHeadCompletesAnItemTheOfficeAcceptsItAndTheDirectorApprovesTheStage() throws IOException {
    String campaignId = startCampaign(TODAY);
    SupervisedItem item = itemsOf(campaignId, CampaignProcess.PREPARATION).stream()
        .filter(i -> i.role() == ItemRole.LEAD).findFirst().orElseThrow();

    // the head sees the department's items in Chinese, with serial numbers and due dates
    browser.login("tasklist", "head-" + item.departmentId(), "demo");
    browser.waitForText(item.serial());
    String list = browser.text();
    assertThat(list).contains("本处室待办", "我的待办", "即将到期", "已超期", item.serial() + " " + item.title());
    assertThat(list).doesNotContain("待我审批", "Filters", "Claim", "Created");
    itemsOf(campaignId, CampaignProcess.PREPARATION).stream()
        .filter(i -> !i.departmentId().equals(item.departmentId()))
        .forEach(other -> assertThat(list).doesNotContain(other.serial()));
    browser.screenshot("tasklist-head-list");

    openTask(item.serial());
    browser.waitForText("督办编号");
    browser.waitForText("2026-03-12（周四）（含当日）"); // the weekday comes from the API, not from the form's script
    browser.waitFor(By.cssSelector("button.claim")).click();
    browser.waitFor(By.id("report")).sendKeys("已印发《关于成立文明单位创建工作领导小组的通知》，名单已公布。");
    browser.waitForText("上传佐证材料后才能提交");
    assertThat(completeButton().isEnabled()).as("完成 waits for the required evidence").isFalse();

    // 佐证材料 through the form's file input, as a person picks files: a refused type first, then a real file
    WebElement fileInput = browser.driver.findElement(By.cssSelector("input[type=file]"));
    fileInput.sendKeys(file("工具.exe", TestData.SMALL_PDF).toString());
    browser.waitForText("不支持的文件类型 .exe");
    fileInput.sendKeys(file("领导小组成立文件.pdf", TestData.SMALL_PDF).toString());
    browser.waitFor(By.linkText("领导小组成立文件.pdf"));
    assertThat(evidence.ofItem(item.serial())).extracting(EvidenceFile::fileName).containsExactly("领导小组成立文件.pdf");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> completeButton().isEnabled());
    browser.screenshot("tasklist-head-form");
    completeForm();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
        .until(() -> items.find(item.serial()).orElseThrow().status() == ItemStatus.IN_REVIEW);

    // the creation office accepts it
    browser.logout();
    browser.login("tasklist", "office", "demo");
    openTask("【审核】" + item.serial());
    browser.waitForText("已印发《关于成立文明单位创建工作领导小组的通知》");
    browser.waitForText("2026-03-12（周四）");
    // the office sees the file and can fetch it with its own session
    WebElement link = browser.waitFor(By.linkText("领导小组成立文件.pdf"));
    Object downloaded = ((JavascriptExecutor) browser.driver).executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.arrayBuffer().then("
            + "function (b) { done(r.status + ' ' + b.byteLength + ' ' + r.headers.get('Content-Disposition')); }); });",
        link.getAttribute("href"));
    assertThat(downloaded.toString()).startsWith("200 " + TestData.SMALL_PDF.length + " attachment;")
        .contains("filename*=UTF-8''%E9%A2%86%E5%AF%BC");
    browser.screenshot("tasklist-office-review");
    browser.waitFor(By.cssSelector("button.claim")).click();
    new Select(browser.waitFor(By.id("accepted"))).selectByValue("true");
    completeForm();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
        .until(() -> items.find(item.serial()).orElseThrow().status() == ItemStatus.CLOSED);
    runJobs();

    // the rest of the stage is done behind the scenes, then the director decides the gate
    closeAll(campaignId, CampaignProcess.PREPARATION);
    browser.logout();
    browser.login("tasklist", "director", "demo");
    browser.waitForText("待我审批");
    openTask("阶段审批");
    browser.waitForText("阶段小结");
    browser.waitForText("已办结 " + itemsOf(campaignId, CampaignProcess.PREPARATION).size() + " 项");
    browser.waitForText("阶段起止：2026-03-02（周一） 至 2026-04-01（周三）");
    browser.waitFor(By.cssSelector("button.claim")).click();
    new Select(browser.waitFor(By.id("gateApproved"))).selectByValue("true");
    browser.screenshot("tasklist-director-gate");
    completeForm();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
        .until(() -> runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.STAGE_KEY)
            .variableValueEquals(CampaignProcess.Var.STAGE_ID, CampaignProcess.MOBILIZATION).count() == 1);
    runJobs();
    assertThat(itemsOf(campaignId, CampaignProcess.MOBILIZATION)).isNotEmpty();
  }
}

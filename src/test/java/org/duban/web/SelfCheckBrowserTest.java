package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.evaluation.EvaluationRepository;
import org.duban.evaluation.SelfCheck;
import org.duban.evidence.EvidenceFile;
import org.duban.plan.Evaluation;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Browser;
import org.duban.support.ProcessTest;
import org.duban.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The self-check and rectification in Tasklist, in a real browser: a department head scores the
 * department's evaluation items through the form, the office adjusts and accepts, the rectification
 * item appears in the department's Tasklist, the head uploads evidence, the office verifies it.
 */
class SelfCheckBrowserTest extends ProcessTest {
  @Autowired EvaluationRepository results;
  @Autowired SelfCheck selfCheck;
  @RegisterExtension final Browser browser = new Browser(() -> port);
  @TempDir Path uploads;

  private void openTask(String name) {
    browser.waitFor(By.xpath("//a[contains(normalize-space(.), '" + name + "')]")).click();
  }

  private void complete() {
    browser.driver.findElement(By.cssSelector("button[ng-click='complete()']")).click();
  }

  private void approveGate(String campaignId) {
    Task gate = tasks.createTaskQuery().taskDefinitionKey(CampaignProcess.TASK_STAGE_GATE)
        .processVariableValueEquals(CampaignProcess.Var.CAMPAIGN_ID, campaignId).singleResult();
    asUser("director", () -> {
      tasks.claim(gate.getId(), "director");
      tasks.complete(gate.getId(), Map.of(CampaignProcess.Var.GATE_APPROVED, true));
    });
    runJobs();
  }

  private Path file(String name) throws IOException {
    Path file = uploads.resolve(name);
    Files.write(file, TestData.SMALL_PDF);
    return file;
  }

  @Test
  void aHeadScoresTheOfficeAdjustsAndTheRectificationIsVerified() throws IOException {
    String id = startCampaign(TODAY);
    for (String stage : List.of(CampaignProcess.PREPARATION, CampaignProcess.MOBILIZATION, CampaignProcess.FULL_CREATION)) {
      closeAll(id, stage);
      approveGate(id);
    }
    SupervisedItem scoring = items.ofPlanItem(id, Evaluation.SCORING_PLAN_ITEM).stream()
        .filter(i -> i.departmentId().equals("general-office")).findFirst().orElseThrow();

    // the head grades every own item; 9.1 gets C with a shortfall and a photo as evidence
    browser.login("tasklist", "head-general-office", "demo");
    openTask(scoring.serial() + " 测评体系自查评分");
    browser.waitForText("本单位负责的测评项目");
    browser.waitFor(By.cssSelector("button.claim")).click();
    browser.waitFor(By.name("grade-tidy-offices"));
    for (WebElement select : browser.driver.findElements(By.cssSelector("select[name^='grade-']"))) {
      new Select(select).selectByValue("A");
    }
    new Select(browser.driver.findElement(By.name("grade-tidy-offices"))).selectByValue("C");
    browser.driver.findElement(By.name("file-tidy-offices")).sendKeys(file("办公室现状.pdf").toString());
    browser.waitForText("办公室现状.pdf");
    complete();
    browser.waitForText("9.1 未得满分，请说明存在的不足");
    browser.driver.findElement(By.name("note-tidy-offices")).sendKeys("部分办公室杂物堆放");
    browser.screenshot("self-check-head-form");
    complete();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> items.find(scoring.serial()).orElseThrow().status() == ItemStatus.IN_REVIEW);
    // the form sends the scores as a file: a String variable would stop at 4,000 characters
    assertThat((Object) runtime.getVariableTyped(scoring.processInstanceId(), org.duban.supervision.ItemProcess.Var.SELF_SCORES))
        .isInstanceOf(org.camunda.bpm.engine.variable.value.FileValue.class);
    assertThat(evidence.ofItem(scoring.serial())).extracting(EvidenceFile::fileName, EvidenceFile::evaluationItemId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("办公室现状.pdf", "tidy-offices"));
    assertThat(results.scoresOfItem(id, scoring.serial())).filteredOn(s -> s.criterionId().equals("tidy-offices"))
        .singleElement().satisfies(s -> {
          assertThat(s.grade()).isEqualTo("C");
          assertThat(s.points()).isEqualByComparingTo("1.32");
          assertThat(s.note()).isEqualTo("部分办公室杂物堆放");
        });

    // the office lowers 9.2 with a reason and accepts
    browser.logout();
    browser.login("tasklist", "office", "demo");
    openTask("【评分审核】" + scoring.serial());
    browser.waitForText("部分办公室杂物堆放");
    browser.waitFor(By.cssSelector("button.claim")).click();
    browser.waitFor(By.name("adjusted-waste-sorting")).sendKeys("2");
    browser.driver.findElement(By.name("reason-waste-sorting")).sendKeys("现场检查发现吸烟现象");
    new Select(browser.waitFor(By.id("accepted"))).selectByValue("true");
    browser.screenshot("self-check-office-review");
    complete();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> results.rectifications(id).size() == 2);

    // the rest of the stage is done behind the scenes; the rectification stage starts the 整改清单
    closeAll(id, CampaignProcess.SELF_CHECK);
    approveGate(id);
    SupervisedItem tidy = items.ofStage(id, CampaignProcess.RECTIFICATION).stream()
        .filter(i -> i.title().equals("整改：9.1 办公环境整洁有序")).findFirst().orElseThrow();

    browser.logout();
    browser.login("tasklist", "head-general-office", "demo");
    browser.waitForText(tidy.serial() + " 整改：9.1 办公环境整洁有序");
    assertThat(browser.text()).contains("整改：9.2 垃圾分类和无烟机关");
    openTask(tidy.serial());
    browser.waitForText("存在问题：自查得分 1.32 分（满分 4 分）：部分办公室杂物堆放");
    browser.waitFor(By.cssSelector("button.claim")).click();
    browser.waitFor(By.id("report")).sendKeys("已清理杂物，建立每周检查制度。");
    browser.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(file("整改后照片.pdf").toString());
    browser.waitFor(By.linkText("整改后照片.pdf"));
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> browser.driver.findElement(By.cssSelector("button[ng-click='complete()']")).isEnabled());
    browser.screenshot("rectification-head-form");
    complete();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> items.find(tidy.serial()).orElseThrow().status() == ItemStatus.IN_REVIEW);

    browser.logout();
    browser.login("tasklist", "office", "demo");
    openTask("【整改销号】" + tidy.serial());
    browser.waitFor(By.linkText("整改后照片.pdf"));
    browser.waitFor(By.cssSelector("button.claim")).click();
    new Select(browser.waitFor(By.id("accepted"))).selectByValue("true");
    complete();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> items.find(tidy.serial()).orElseThrow().status() == ItemStatus.CLOSED);

    // the dashboard shows the self-check and the 整改清单 with its state; another department sees none of it
    browser.open("/dashboard");
    browser.waitForText("自检自查与整改");
    assertThat(browser.text()).contains("整改清单 2 项", "9.1 办公环境整洁有序", "已销号", "9.2 垃圾分类和无烟机关", "待签收");
    String otherDepartment = org.duban.support.Http.basic(port, "head-personnel", "demo").get("/dashboard").body();
    assertThat(otherDepartment).contains("自检自查与整改", "没有整改项。").doesNotContain("9.1 办公环境整洁有序", "基本分自评");
  }

  @Test
  void theDirectorDecidesAVetoHitInTasklist() {
    String id = startCampaign(TODAY);
    for (String stage : List.of(CampaignProcess.PREPARATION, CampaignProcess.MOBILIZATION, CampaignProcess.FULL_CREATION)) {
      closeAll(id, stage);
      approveGate(id);
    }
    SupervisedItem scoring = items.ofPlanItem(id, Evaluation.SCORING_PLAN_ITEM).stream()
        .filter(i -> i.departmentId().equals("enforcement")).findFirst().orElseThrow();
    Map<String, Object> scores = new java.util.LinkedHashMap<>(selfCheckOf(id, "enforcement"));
    scores.put("veto", List.of(Map.of("id", "environmental-penalty", "hit", true, "note", "江北某监测点位因数据造假受到行政处罚")));
    submitSelfCheckJson(scoring, toJson(scores));

    browser.login("tasklist", "director", "demo");
    browser.waitForText("待我审批");
    openTask("【一票否决】单位因环境违法行为受到处罚（执法支队）");
    browser.waitForText("江北某监测点位因数据造假受到行政处罚");
    browser.waitFor(By.cssSelector("button.claim")).click();
    new Select(browser.waitFor(By.id("vetoConfirmed"))).selectByValue("true");
    browser.waitFor(By.id("vetoRemarks")).sendKeys("情况属实，列入整改清单，报领导小组");
    browser.screenshot("veto-director-form");
    complete();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> results.rectifications(id).size() == 1);
    assertThat(results.vetoHits(id)).singleElement().satisfies(h -> {
      assertThat(h.decision()).isEqualTo("CONFIRMED");
      assertThat(h.decidedBy()).isEqualTo("director");
    });
  }

  @Test
  void theOfficeRecordsTheInspectionResultInTasklistAndTheCampaignEnds() {
    String id = startCampaign(TODAY);
    for (String stage : CampaignProcess.STAGES) {
      closeAll(id, stage);
      approveGate(id);
    }
    browser.login("tasklist", "office", "demo");
    openTask("录入检查评估结果");
    browser.waitForText("请录入市文明委检查评估的结果");
    browser.waitFor(By.linkText("下载创建档案（按测评项目分类的佐证材料及目录）"));
    browser.waitFor(By.cssSelector("button.claim")).click();
    browser.waitFor(By.id("inspectionScore")).sendKeys("95.5");
    new Select(browser.waitFor(By.id("inspectionOutcome"))).selectByValue("通过");
    browser.waitFor(By.id("inspectionRemarks")).sendKeys("创建档案齐全，实地考察情况良好。");
    browser.screenshot("inspection-office-form");
    complete();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> "ENDED".equals(jdbc.sql("select status from campaign where id = ?").param(id).query(String.class).single()));
    assertThat(jdbc.sql("select inspection_outcome from campaign where id = ?").param(id).query(String.class).single())
        .isEqualTo("通过");
  }

  private Map<String, Object> selfCheckOf(String campaignId, String department) {
    return selfCheck.fullMarks(campaignId, department);
  }
}

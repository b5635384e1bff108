package org.duban.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.plan.Evaluation;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.SupervisedItem;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The self-check on the real engine: scoring, the office's review, veto hits and the 整改清单. */
class SelfCheckTest extends ProcessTest {
  @Autowired SelfCheckResults results;
  @Autowired EvaluationRepository repository;
  @Autowired org.camunda.bpm.engine.FormService forms;

  /** What Tasklist is told to render for the task. */
  private String formKey(Task task) {
    return forms.getTaskFormData(task.getId()).getFormKey();
  }

  /** Runs the first three stages to their end, so the self-check stage is open. */
  private String campaignAtSelfCheck() {
    String id = startCampaign(TODAY);
    for (String stage : List.of(CampaignProcess.PREPARATION, CampaignProcess.MOBILIZATION, CampaignProcess.FULL_CREATION)) {
      closeAll(id, stage);
      approveGate(id);
    }
    return id;
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

  private SupervisedItem scoring(String campaignId, String department) {
    return items.ofPlanItem(campaignId, Evaluation.SCORING_PLAN_ITEM).stream()
        .filter(i -> i.departmentId().equals(department)).findFirst().orElseThrow();
  }

  private void reviewWith(SupervisedItem item, boolean accepted, String adjustments) {
    Task task = reviewTask(items.find(item.serial()).orElseThrow());
    asUser("office", () -> {
      tasks.claim(task.getId(), "office");
      tasks.complete(task.getId(), Map.of(ItemProcess.Var.ACCEPTED, accepted, ItemProcess.Var.SCORE_ADJUSTMENTS, adjustments,
          ItemProcess.Var.REVIEW_COMMENT, accepted ? "" : "请补充说明"));
    });
  }

  private static Map<String, Object> grade(String grade, String note) {
    return Map.of("grade", grade, "note", note);
  }

  @Test
  void aHandComputedSelfCheckGivesExactlyTheExpectedRectificationList() {
    String id = campaignAtSelfCheck();
    SupervisedItem party = scoring(id, "party-committee");
    SupervisedItem office = scoring(id, "general-office");
    assertThat(party.title()).isEqualTo("测评体系自查评分");
    // scoringDue +20d from the stage start 03-02 is Sunday 03-22: due Monday
    assertThat(party.dueDate()).isEqualTo(LocalDate.of(2026, 3, 23));
    assertThat(formKey(handleTask(party))).isEqualTo(ItemProcess.FORM_SELF_CHECK);

    submitSelfCheck(party, n -> switch (n.criterion().id()) {
      case "plan-and-breakdown" -> grade("B", "任务分解表未细化到人");
      case "central-group-study" -> Map.of("grade", "", "points", 3, "note", "学习记录不完整");
      case "moral-lecture-hall" -> Map.of("grade", "A", "flagged", true, "note", "活动照片未注明日期", "measure", "补拍并注明日期");
      case "experience-promoted" -> Map.of("grade", "A");
      default -> null;
    });
    submitSelfCheck(office, n -> switch (n.criterion().id()) {
      case "tidy-offices" -> grade("C", "部分办公室杂物堆放");
      default -> null;
    });
    submitSelfCheck(scoring(id, "publicity"), n -> n.criterion().id().equals("media-coverage") ? grade("B", "仅一次报道") : null);
    assertThat(formKey(reviewTask(items.find(party.serial()).orElseThrow()))).isEqualTo(ItemProcess.FORM_SELF_CHECK_REVIEW);

    // the office lowers one full mark, with a reason; an adjustment without a reason is refused
    Task review = reviewTask(items.find(office.serial()).orElseThrow());
    asUser("office", () -> assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of(ItemProcess.Var.ACCEPTED, true,
        ItemProcess.Var.SCORE_ADJUSTMENTS, "[{\"criterion\":\"waste-sorting\",\"points\":2}]")))
        .hasMessageContaining("9.2 垃圾分类和无烟机关：调整得分必须填写理由"));
    reviewWith(office, true, "[{\"criterion\":\"waste-sorting\",\"points\":2,\"reason\":\"现场检查发现吸烟现象\"}]");
    reviewWith(party, true, "[]");
    reviewWith(scoring(id, "publicity"), true, "");

    SelfCheckResults.Report report = results.of(id).orElseThrow();
    // 100 − (2 − 1.32) − (4 − 3) − (4 − 1.32) − (3 − 2) for the departments that scored; the rest are not scored yet
    assertThat(report.rectifications()).extracting(SelfCheckResults.Rectification::title, SelfCheckResults.Rectification::departmentId,
            SelfCheckResults.Rectification::problem, SelfCheckResults.Rectification::measure)
        .containsExactlyInAnyOrder(
            tuple("1.2 制定创建工作方案并分解任务", "party-committee", "自查得分 1.32 分（满分 2 分）：任务分解表未细化到人", SelfCheckListener.DEFAULT_MEASURE),
            tuple("2.1 中心组学习计划和学习记录", "party-committee", "自查得分 3 分（满分 4 分）：学习记录不完整", SelfCheckListener.DEFAULT_MEASURE),
            tuple("3.2 道德讲堂建设和活动", "party-committee", "自查得分 3 分（满分 3 分）：活动照片未注明日期", "补拍并注明日期"),
            tuple("9.1 办公环境整洁有序", "general-office", "自查得分 1.32 分（满分 4 分）：部分办公室杂物堆放", SelfCheckListener.DEFAULT_MEASURE),
            tuple("9.2 垃圾分类和无烟机关", "general-office", "自查得分 2 分（满分 3 分）", SelfCheckListener.DEFAULT_MEASURE));
    SelfCheckResults.Total nine = report.categories().stream().filter(c -> c.number().equals("九、")).findFirst().orElseThrow();
    assertThat(nine.score()).isEqualByComparingTo("6.32"); // 1.32 + 2 + 3
    assertThat(nine.max()).isEqualByComparingTo("10");
    // bonus: 3 (general-office, A) + 2 (party-committee) + 1.32 (publicity, B), capped at 5
    assertThat(report.bonus()).isEqualByComparingTo("5");

    // the rest score full marks; the stage closes; the rectification stage runs the list as supervised items
    closeAll(id, CampaignProcess.SELF_CHECK);
    assertThat(results.of(id).orElseThrow().score()).isEqualByComparingTo("94.64");
    approveGate(id);
    List<SupervisedItem> rectification = items.ofStage(id, CampaignProcess.RECTIFICATION).stream()
        .filter(i -> i.planItemId().startsWith(SelfCheck.RECTIFICATION_PLAN_ITEM)).toList();
    assertThat(rectification).extracting(SupervisedItem::title).containsExactlyInAnyOrder(
        "整改：1.2 制定创建工作方案并分解任务", "整改：2.1 中心组学习计划和学习记录", "整改：3.2 道德讲堂建设和活动",
        "整改：9.1 办公环境整洁有序", "整改：9.2 垃圾分类和无烟机关");
    // due at the stage's end, Saturday 05-02 in the Labour Day holiday (05-01 … 05-05): moved to Wednesday 05-06
    assertThat(campaignStageEnd(id, CampaignProcess.RECTIFICATION)).isEqualTo(LocalDate.of(2026, 5, 2));
    assertThat(rectification).allSatisfy(i -> assertThat(i.dueDate()).isEqualTo(LocalDate.of(2026, 5, 6)));
    SupervisedItem tidy = rectification.stream().filter(i -> i.title().contains("9.1")).findFirst().orElseThrow();
    assertThat(handleTask(tidy).getName()).isEqualTo(tidy.serial() + " 整改：9.1 办公环境整洁有序");
    assertThat(tasks.createTaskQuery().taskCandidateGroup("general-office").taskId(handleTask(tidy).getId()).count()).isOne();

    // closing it needs evidence; then the office verifies it (销号): closed, and the list says so
    Task handle = handleTask(tidy);
    asUser("head-general-office", () -> {
      tasks.claim(handle.getId(), "head-general-office");
      assertThatThrownBy(() -> tasks.complete(handle.getId(), Map.of(ItemProcess.Var.REPORT, "已清理杂物，建立每周检查制度。")))
          .hasMessageContaining("请先上传佐证材料");
    });
    submit(tidy, "已清理杂物，建立每周检查制度。");
    assertThat(reviewTask(items.find(tidy.serial()).orElseThrow()).getName()).startsWith("【整改销号】" + tidy.serial());
    review(items.find(tidy.serial()).orElseThrow(), true, null);
    assertThat(items.find(tidy.serial()).orElseThrow().status()).isEqualTo(ItemStatus.CLOSED);
    assertThat(results.of(id).orElseThrow().rectifications()).filteredOn(r -> tidy.serial().equals(r.itemSerial()))
        .extracting(SelfCheckResults.Rectification::status).containsExactly("已销号");
  }

  private java.time.LocalDate campaignStageEnd(String campaignId, String stageId) {
    return jdbc.sql("select ends_on from campaign_stage where campaign_id = ? and stage_id = ?").params(campaignId, stageId)
        .query(java.time.LocalDate.class).single();
  }

  @Test
  void badScoresAreRefusedNamingTheItem() {
    String id = campaignAtSelfCheck();
    SupervisedItem party = scoring(id, "party-committee");
    assertThatThrownBy(() -> submitSelfCheck(party, n -> n.criterion().id().equals("leading-group") ? Map.of("grade", "E") : null))
        .hasMessageContaining("1.1 以正式文件成立创建工作领导小组：等次只能是 A、B、C、D");
    assertThatThrownBy(() -> submitSelfCheck(party, n -> n.criterion().id().equals("leading-group") ? Map.of("grade", "C") : null))
        .hasMessageContaining("1.1 以正式文件成立创建工作领导小组：未得满分，请说明存在的不足");
    assertThatThrownBy(() -> submitSelfCheck(party, n -> n.criterion().id().equals("leading-group")
        ? Map.of("grade", "", "points", 2.5) : null))
        .hasMessageContaining("得分须在 0 到 2 分之间");
    assertThatThrownBy(() -> submitSelfCheckJson(party, "{\"scores\":[{\"criterion\":\"leading-group\",\"grade\":\"A\"}]}"))
        .hasMessageContaining("以下测评项目尚未打分：");
    assertThatThrownBy(() -> submitSelfCheckJson(party, "{\"scores\":[{\"criterion\":\"tidy-offices\",\"grade\":\"A\"}]}"))
        .hasMessageContaining("测评项目 'tidy-offices' 不属于本单位自查范围");
    assertThatThrownBy(() -> submitSelfCheckJson(party, "{scores: oops"))
        .hasMessageContaining("自查评分数据格式不正确");
    // nothing was stored by the refused attempts
    assertThat(repository.scores(id)).isEmpty();
    assertThat(items.find(party.serial()).orElseThrow().status()).isNotEqualTo(ItemStatus.IN_REVIEW);
  }

  @Test
  void aVetoHitGoesToTheDirectorAtOnceAndAConfirmedOneIsRectified() {
    String id = campaignAtSelfCheck();
    SupervisedItem party = scoring(id, "party-committee");
    Evaluation all = config.evaluation("civilized-unit").orElseThrow();
    List<Map<String, Object>> scores = all.numbered().stream().filter(n -> n.criterion().owner().equals("party-committee"))
        .map(n -> Map.<String, Object>of("criterion", n.criterion().id(), "grade", "A")).toList();
    assertThatThrownBy(() -> submitSelfCheckJson(party, toJson(Map.of("scores", scores,
        "veto", List.of(Map.of("id", "leadership-violation", "hit", true, "note", " "))))))
        .hasMessageContaining("必须填写情况说明");
    submitSelfCheckJson(party, toJson(Map.of("scores", scores,
        "veto", List.of(Map.of("id", "leadership-violation", "hit", true, "note", "班子成员张某受到党内严重警告处分")))));

    // at once: the director has the task, before the office has even reviewed the scores
    Task decide = tasks.createTaskQuery().taskDefinitionKey(EvaluationProcess.TASK_DECIDE_VETO)
        .taskCandidateGroup("creation-office-director").singleResult();
    assertThat(decide.getName()).isEqualTo("【一票否决】领导班子成员发生严重违纪违法问题（机关党委）");
    assertThat(formKey(decide)).isEqualTo(EvaluationProcess.FORM_VETO_REVIEW);
    assertThat(results.of(id).orElseThrow().veto()).extracting(SelfCheckResults.Veto::decision).containsExactly("待研判");

    asUser("director", () -> {
      tasks.claim(decide.getId(), "director");
      assertThatThrownBy(() -> tasks.complete(decide.getId(), Map.of(EvaluationProcess.Var.VETO_CONFIRMED, true)))
          .hasMessageContaining("请填写研判意见");
      tasks.complete(decide.getId(), Map.of(EvaluationProcess.Var.VETO_CONFIRMED, true,
          EvaluationProcess.Var.VETO_REMARKS, "情况属实，立即整改并报领导小组"));
    });
    SelfCheckResults.Report report = results.of(id).orElseThrow();
    assertThat(report.veto()).extracting(SelfCheckResults.Veto::decision).containsExactly("确认存在");
    assertThat(report.rectifications()).extracting(SelfCheckResults.Rectification::title, SelfCheckResults.Rectification::departmentId)
        .containsExactly(tuple("一票否决：领导班子成员发生严重违纪违法问题", "party-committee"));
  }

  @Test
  void aLongSelfCheckTravelsAsAFile() {
    String id = campaignAtSelfCheck();
    SupervisedItem party = scoring(id, "party-committee");
    String note = "学习记录不完整".repeat(200); // 1,400 characters per item: far over a String variable's 4,000 in all
    List<Map<String, Object>> scores = config.evaluation("civilized-unit").orElseThrow().numbered().stream()
        .filter(n -> n.criterion().owner().equals("party-committee"))
        .map(n -> Map.<String, Object>of("criterion", n.criterion().id(), "grade", "B", "note", note)).toList();
    byte[] json = toJson(Map.of("scores", scores)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json.length).isGreaterThan(4000 * 3);
    Task task = handleTask(party);
    asUser("head-party-committee", () -> {
      tasks.claim(task.getId(), "head-party-committee");
      tasks.complete(task.getId(), Map.of(ItemProcess.Var.REPORT, "自查评分已完成，详见评分表。", ItemProcess.Var.SELF_SCORES,
          org.camunda.bpm.engine.variable.Variables.fileValue("selfScores.json").file(json).mimeType("application/json")
              .encoding("UTF-8").create()));
    });
    assertThat(repository.scoresOfItem(id, party.serial())).hasSize(scores.size())
        .allSatisfy(s -> assertThat(s.note()).isEqualTo(note));
  }
}

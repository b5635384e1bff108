package org.duban.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.duban.plan.Plan;
import org.duban.supervision.ItemRole;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 10's dates: a start date in the past, adoption from a later stage (fromStage), and due dates
 * on days off moved to the next working day, on the real 2025 and 2026 calendars. Today is Monday 2026-03-02.
 */
class CampaignDatesTest extends ProcessTest {
  @Autowired CampaignRepository campaignRepository;

  private Plan plan() {
    return config.plan("civilized-unit").orElseThrow();
  }

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private Task gate(String campaignId) {
    return tasks.createTaskQuery().taskDefinitionKey(CampaignProcess.TASK_STAGE_GATE)
        .processVariableValueEquals(CampaignProcess.Var.CAMPAIGN_ID, campaignId).singleResult();
  }

  private CampaignRepository.StageRecord stage(String campaignId, String stageId) {
    return campaignRepository.stages(campaignId).stream().filter(s -> s.stageId().equals(stageId)).findFirst().orElseThrow();
  }

  /** The due date of the lead item of each preparation plan item (due +10d, +20d, +28d). */
  private List<LocalDate> preparationDues(String campaignId) {
    return plan().requireStage(CampaignProcess.PREPARATION).items().stream()
        .map(p -> itemsOf(campaignId, CampaignProcess.PREPARATION).stream()
            .filter(i -> i.planItemId().equals(p.id()) && i.role() == ItemRole.LEAD).findFirst().orElseThrow().dueDate())
        .toList();
  }

  @ParameterizedTest(name = "start {0}: due {1}, {2}, {3}")
  @CsvSource({
      // the case: +10d fell on Saturday 2026-12-12
      "2026-12-02, 2026-12-14, 2026-12-22, 2026-12-30",
      // +10d in the National Day holiday (10-01 … 10-07): the 8th
      "2026-09-22, 2026-10-08, 2026-10-12, 2026-10-20",
      // +10d on Saturday 2026-10-10, a 调休 working day: it stays
      "2026-09-30, 2026-10-10, 2026-10-20, 2026-10-28",
      // 30 days back, on a Saturday: +20d in the Spring Festival holiday, +28d on the working Saturday 02-28
      "2026-01-31, 2026-02-10, 2026-02-24, 2026-02-28",
      // the previous year: +10d on 元旦 moves to Sunday 01-04, a 调休 working day; +20d on a Sunday
      "2025-12-22, 2026-01-04, 2026-01-12, 2026-01-19",
      // a start on a holiday (春节): the stage starts that day
      "2026-02-15, 2026-02-25, 2026-03-09, 2026-03-16"})
  void theFirstStageStartsOnTheStartDateAndDueDatesOnDaysOffMoveToTheNextWorkingDay(
      LocalDate start, LocalDate due10, LocalDate due20, LocalDate due28) {
    String id = startCampaign(start);
    if (start.isAfter(TODAY)) {
      assertThat(items.ofCampaign(id)).as("waits for its start date").isEmpty();
      moveTo(start, 0);
      runJobs();
    }
    assertThat(stage(id, CampaignProcess.PREPARATION).startedOn()).isEqualTo(start);
    assertThat(stage(id, CampaignProcess.PREPARATION).endsOn()).isEqualTo(start.plusDays(30)); // +0d .. +30d
    assertThat(preparationDues(id)).containsExactly(due10, due20, due28);
    // every department's item of a plan item has the same due date
    itemsOf(id, CampaignProcess.PREPARATION).forEach(i -> assertThat(i.dueDate()).isIn(due10, due20, due28));
    if (start.isBefore(TODAY)) {
      assertThat(itemsOf(id, CampaignProcess.PREPARATION)).filteredOn(i -> i.dueDate().isBefore(TODAY))
          .isNotEmpty().allSatisfy(i -> assertThat(i.isOverdue()).as(i.serial()).isTrue());
    }
  }

  @Test
  void aBackDatedStageWhoseEndHasPassedOpensItsGateAtOnceAndTheNextStageStartsToday() {
    String id = startCampaign(d("2025-12-22")); // preparation ends 2026-01-21
    assertThat(itemsOf(id, CampaignProcess.PREPARATION)).isNotEmpty().allSatisfy(i -> assertThat(i.isOverdue()).isTrue());
    assertThat(itemsOf(id, CampaignProcess.PREPARATION)).extracting(SupervisedItem::serial).allMatch(s -> s.startsWith("DB-2026-"));
    assertThat(gate(id)).as("the gate of a stage that ended before today").isNotNull();
    assertThat(stage(id, CampaignProcess.PREPARATION).endsOn()).isEqualTo(d("2026-01-21"));

    Task gate = gate(id);
    asUser("director", () -> {
      tasks.claim(gate.getId(), "director");
      tasks.complete(gate.getId(), Map.of(CampaignProcess.Var.GATE_APPROVED, true));
    });
    runJobs();
    CampaignRepository.StageRecord mobilization = stage(id, CampaignProcess.MOBILIZATION);
    assertThat(mobilization.startedOn()).as("a later stage starts when its gate is approved").isEqualTo(TODAY);
    assertThat(mobilization.endsOn()).isEqualTo(TODAY.plusDays(31)); // +30d .. +61d
    assertThat(itemsOf(id, CampaignProcess.MOBILIZATION)).extracting(SupervisedItem::dueDate)
        .contains(d("2026-03-12"), d("2026-03-23"), d("2026-03-30")) // +10d; +20d is Sunday 03-22; +28d
        .noneMatch(due -> due.isBefore(TODAY));
    assertThat(runtime.createIncidentQuery().count()).isZero();
  }

  @Test
  void aStartMoreThanAYearBackIsRefusedNamingTheLimit() {
    assertThatThrownBy(() -> campaigns.start("civilized-unit", d("2025-03-01")))
        .isInstanceOf(CampaignService.CampaignRefused.class)
        .hasMessageContaining("2025-03-01（周六）早于一年前，最早可为 2025-03-02（周日）")
        .hasMessageContaining("fromStage");
    assertThat(campaignRepository.all()).isEmpty();
    // exactly a year back is fine
    assertThat(campaigns.start("civilized-unit", d("2025-03-02"))).isEqualTo("civilized-unit-20250302");
  }

  @Test
  void aYearWithoutACalendarIsRefusedForAPastStartOnly() {
    assertThat(config.calendar().covers(2027)).isFalse();
    // ahead: nothing is computed in 2027 yet; the alerts' calendar gap speaks when 2027 begins
    assertThat(campaigns.start("civilized-unit", d("2027-01-04"))).isNotBlank();
    // past: the reminders and escalations since the start would be counted in 2027 at once
    moveTo(d("2027-03-01"), 10);
    assertThatThrownBy(() -> campaigns.start("civilized-unit", d("2027-02-01")))
        .isInstanceOf(CampaignService.CampaignRefused.class)
        .hasMessageContaining("没有 2027 年的工作日历");
    assertThat(campaignRepository.all()).hasSize(1);
  }

  @Test
  void adoptedFromFullCreationTheEarlierStagesAreDoneBeforeDubanWithoutItemsOrGates() {
    LocalDate start = d("2026-02-20"); // ten days back, in the Spring Festival holiday
    String id = campaigns.start("civilized-unit", start, CampaignProcess.FULL_CREATION);
    runJobs();

    for (String skipped : List.of(CampaignProcess.PREPARATION, CampaignProcess.MOBILIZATION)) {
      CampaignRepository.StageRecord s = stage(id, skipped);
      assertThat(s.skippedAtAdoption()).isTrue();
      assertThat(s.state()).isEqualTo("已完成（启用前）");
      assertThat(s.decidedAt()).isNotNull();
      assertThat(s.startedOn()).isNull();
      assertThat(itemsOf(id, skipped)).isEmpty();
    }
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
        .executedActivityIdIn(CampaignProcess.TASK_SKIP_STAGE).count()).isEqualTo(2);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(CampaignProcess.TASK_STAGE_GATE).count()).as("no gate for a skipped stage").isZero();
    ProcessInstance running = runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.STAGE_KEY).singleResult();
    assertThat(runtime.getVariable(running.getId(), CampaignProcess.Var.STAGE_ID)).isEqualTo(CampaignProcess.FULL_CREATION);
    assertThat(runtime.getActivityInstance(runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.KEY)
        .singleResult().getId()).getActivityInstances(CampaignProcess.CALL_FULL_CREATION)).hasSize(1);

    CampaignRepository.StageRecord full = stage(id, CampaignProcess.FULL_CREATION);
    assertThat(full.skippedAtAdoption()).isFalse();
    assertThat(full.state()).isEqualTo("进行中");
    assertThat(full.startedOn()).isEqualTo(start);
    assertThat(full.endsOn()).isEqualTo(d("2027-03-23")); // +61d .. +457d: 396 days
    Plan.Item first = plan().requireStage(CampaignProcess.FULL_CREATION).items().get(0); // +180d
    assertThat(items.ofPlanItem(id, first.id())).extracting(SupervisedItem::dueDate).containsOnly(d("2026-08-19"));
    assertThat(itemsOf(id, CampaignProcess.FULL_CREATION)).hasSize(plan().requireStage(CampaignProcess.FULL_CREATION).items()
        .stream().mapToInt(i -> i.departments().size()).sum());

    JsonNode json = Http.basic(port, "director", "demo").get("/api/campaigns/" + id).json();
    assertThat(json.path("campaign").path("fromStage").asText()).isEqualTo(CampaignProcess.FULL_CREATION);
    assertThat(json.path("stages").get(0).path("state").asText()).isEqualTo("已完成（启用前）");
    assertThat(json.path("stages").get(0).path("skippedAtAdoption").asBoolean()).isTrue();
    assertThat(json.path("stages").get(2).path("state").asText()).isEqualTo("进行中");
    assertThat(json.path("stages").get(2).path("startedOnLabel").asText()).isEqualTo("2026-02-20（周五）");
    // the calendar watch counts the adopted campaign too: the skipped stages have no dates to count
    Http.Response dashboard = Http.basic(port, "office", "demo").get("/api/dashboard");
    assertThat(dashboard.status()).isEqualTo(200);
    assertThat(dashboard.json().path("calendarWarnings").get(0).path("year").asInt()).isEqualTo(2027);
  }

  @Test
  void theSkipIsTheRecordsNotAVariables() {
    String id = campaigns.start("civilized-unit", TODAY, CampaignProcess.SELF_CHECK);
    runJobs();
    closeAll(id, CampaignProcess.SELF_CHECK);
    // someone writes the variable on the campaign and on the stage: the next stage still runs, the gateway reads the record
    runtime.createProcessInstanceQuery().list().forEach(pi ->
        runtime.setVariable(pi.getId(), CampaignProcess.Var.FROM_STAGE, CampaignProcess.INSPECTION));
    Task gate = gate(id);
    asUser("director", () -> {
      tasks.claim(gate.getId(), "director");
      tasks.complete(gate.getId(), Map.of(CampaignProcess.Var.GATE_APPROVED, true));
    });
    runJobs();
    assertThat(stage(id, CampaignProcess.RECTIFICATION).skippedAtAdoption()).isFalse();
    assertThat(stage(id, CampaignProcess.RECTIFICATION).startedOn()).isEqualTo(TODAY);
    assertThat(itemsOf(id, CampaignProcess.RECTIFICATION)).isNotEmpty();
  }

  @Test
  void anUnknownStageIsRefusedOverRestNamingTheKnownOnes() {
    Http director = Http.basic(port, "director", "demo");
    Http.Response refused = director.post("/api/campaigns",
        "{\"planId\":\"civilized-unit\",\"startDate\":\"2026-02-20\",\"fromStage\":\"self-checking\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("error").asText()).contains("fromStage", "self-checking", "preparation（前期准备阶段）",
        "full-creation（全面创建阶段）", "inspection（迎检评估阶段）");
    Http.Response tooEarly = director.post("/api/campaigns", "{\"planId\":\"civilized-unit\",\"startDate\":\"2024-12-31\"}");
    assertThat(tooEarly.status()).isEqualTo(400);
    assertThat(tooEarly.json().path("error").asText()).contains("startDate", "早于一年前", "2025-03-02（周日）");
    assertThat(campaignRepository.all()).isEmpty();

    Http.Response started = director.post("/api/campaigns",
        "{\"planId\":\"civilized-unit\",\"startDate\":\"2026-02-20\",\"fromStage\":\"full-creation\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertThat(started.json().path("fromStage").asText()).isEqualTo("full-creation");
    assertThat(started.json().path("startDateLabel").asText()).isEqualTo("2026-02-20（周五）");
    assertThat(Http.basic(port, "head-air", "demo").post("/api/campaigns",
        "{\"planId\":\"civilized-unit\",\"fromStage\":\"full-creation\"}").status()).isEqualTo(403);
  }
}

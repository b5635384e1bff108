package org.duban.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignPlans;
import org.duban.campaign.CampaignProcess;
import org.duban.plan.Plan;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Generated items against the engine (a property test with a fixed seed per case, printed when a
 * case fails): an item is created at a random hour of a random 2026 day — early, late, or already
 * past its due date — and may be signed for, submitted, returned or accepted, and extended, at
 * random times across holidays and 调休 weekends. The engine's clock steps through the days at the
 * alert hour and in the evening, the job executor's work is done at each step, and then:
 * <ul>
 *   <li>the engine has caught up: by the schedule function ({@link AlertSchedule#due}), nothing that
 *       has come is left unhandled but an escalation waiting for the item's return;</li>
 *   <li>no alert is recorded before its instant, none twice (the key), every one at the first step
 *       at or after its instant, or when what it waited for happened;</li>
 *   <li>every escalation whose instant passed while the item was open and not in review is raised;</li>
 *   <li>a reminder goes out only while its due date has not passed, a sign reminder only unsigned,
 *       and of the reminders that came together only the latest of each kind; every skipped one is in
 *       the trail with its reason.</li>
 * </ul>
 */
class ScheduleAgreementTest extends ProcessTest {
  private static final int CASES = 40;
  private static final String DEPARTMENT = "air";
  private static final String HEAD = "head-air";

  @Autowired ItemStarter starter;
  @Autowired AlertRepository alerts;
  @Autowired CampaignPlans plans;

  private String campaignId;

  /** What happens to one generated item, and when. */
  record Case(long seed, OffsetDateTime created, LocalDate due, OffsetDateTime claim, OffsetDateTime submit,
      OffsetDateTime decide, Boolean accept, OffsetDateTime extend, LocalDate extendTo, boolean approve) {}

  private static OffsetDateTime at(LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day.atTime(hour, minute), Deadlines.ZONE).toOffsetDateTime();
  }

  static Case generate(long seed) {
    Random r = new Random(seed);
    LocalDate day = LocalDate.of(2026, 1, 5).plusDays(r.nextInt(310)); // into November: the ladder stays in 2026
    OffsetDateTime created = at(day, 8 + r.nextInt(12), r.nextInt(60));
    LocalDate due = day.plusDays(r.nextInt(51) - 25);
    OffsetDateTime claim = r.nextBoolean() ? created.plusDays(r.nextInt(8)).plusHours(1) : null;
    OffsetDateTime submit = claim != null && r.nextBoolean() ? claim.plusDays(r.nextInt(15)).plusHours(2) : null;
    OffsetDateTime decide = submit != null && r.nextInt(3) > 0 ? submit.plusDays(r.nextInt(6)).plusHours(1) : null;
    Boolean accept = decide == null ? null : r.nextBoolean();
    OffsetDateTime extend = r.nextInt(10) < 3 ? created.plusDays(r.nextInt(6)).plusMinutes(30) : null;
    LocalDate extendTo = extend == null ? null : due.plusDays(1 + r.nextInt(10));
    return new Case(seed, created, due, claim, submit, decide, accept, extend, extendTo, r.nextInt(10) < 7);
  }

  @TestFactory
  List<DynamicTest> theEngineRaisesWhatTheScheduleSays() {
    ClockUtil.setCurrentTime(Date.from(at(LocalDate.of(2026, 1, 5), 8, 0).toInstant()));
    campaignId = startCampaign(LocalDate.of(2026, 1, 5));
    // the campaign's own items would only add work to every step here
    items.ofCampaign(campaignId).forEach(i -> runtime.deleteProcessInstance(i.processInstanceId(), "not part of this test"));
    List<DynamicTest> tests = new ArrayList<>();
    for (int n = 0; n < CASES; n++) {
      Case c = generate(20261202L + n);
      tests.add(DynamicTest.dynamicTest("seed " + c.seed() + ": " + c, () -> run(c)));
    }
    return tests;
  }

  private void run(Case c) {
    ClockUtil.setCurrentTime(Date.from(c.created().toInstant()));
    String planItem = "gen-" + c.seed();
    starter.start(new ItemStarter.Assignment(campaignId, CampaignProcess.PREPARATION, planItem, "生成事项" + c.seed(),
        "生成的督办事项", DEPARTMENT, List.of(), c.due(), List.of(), true));
    SupervisedItem item = items.ofPlanItem(campaignId, planItem).get(0);
    AlertSchedule schedule = new AlertSchedule(plans.of(campaignId), config.calendar());

    // the steps: each day at 09:00 (the alert hour) and 20:00, and every event's time
    TreeMap<OffsetDateTime, List<Runnable>> steps = new TreeMap<>();
    LocalDate last = (c.extendTo() != null ? c.extendTo() : c.due()).plusDays(20);
    for (LocalDate d = c.created().toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
      steps.computeIfAbsent(at(d, 9, 0), k -> new ArrayList<>());
      steps.computeIfAbsent(at(d, 20, 0), k -> new ArrayList<>());
    }
    steps.computeIfAbsent(c.created(), k -> new ArrayList<>());
    if (c.claim() != null) {
      steps.computeIfAbsent(c.claim(), k -> new ArrayList<>()).add(() -> claim(item));
    }
    if (c.submit() != null) {
      steps.computeIfAbsent(c.submit(), k -> new ArrayList<>()).add(() -> submitIfOpen(item));
    }
    if (c.decide() != null) {
      steps.computeIfAbsent(c.decide(), k -> new ArrayList<>()).add(() -> decide(item, c.accept()));
    }
    if (c.extend() != null) {
      steps.computeIfAbsent(c.extend(), k -> new ArrayList<>()).add(() -> extend(item, c.extendTo(), c.approve()));
    }

    Map<OffsetDateTime, ItemStatus> statusAt = new TreeMap<>();
    Map<OffsetDateTime, String> assigneeAt = new TreeMap<>();
    for (Map.Entry<OffsetDateTime, List<Runnable>> step : steps.tailMap(c.created(), true).entrySet()) {
      OffsetDateTime now = step.getKey();
      ClockUtil.setCurrentTime(Date.from(now.toInstant()));
      step.getValue().forEach(Runnable::run);
      runJobs();
      SupervisedItem current = items.find(item.serial()).orElseThrow();
      statusAt.put(now, current.status());
      assigneeAt.put(now, current.assignee());
      if (!current.isOpen()) {
        continue;
      }
      List<AlertSchedule.Alert> all = schedule.all(current, Plan.ProgressReport.NONE);
      Set<String> recorded = alerts.ofItem(item.serial()).stream().map(AlertRepository.AlertRecord::key).collect(Collectors.toSet());
      assertThat(schedule.due(current, all, recorded, now))
          .as("%s at %s: everything that has come is handled", c, now)
          .allMatch(s -> s.outcome() == AlertSchedule.Outcome.WAIT);
    }

    SupervisedItem end = items.find(item.serial()).orElseThrow();
    List<AlertRepository.AlertRecord> recordedAlerts = alerts.ofItem(item.serial());
    List<ItemEvent> trail = items.events(item.serial());
    for (AlertRepository.AlertRecord a : recordedAlerts) {
      OffsetDateTime recordedAt = recordedAt(a);
      assertThat(recordedAt).as("%s: %s not before its instant", c, a.key()).isAfterOrEqualTo(a.plannedAt());
      LocalDate keyDue = LocalDate.parse(a.key().substring(a.key().lastIndexOf('|') + 1));
      if (a.kind().equals("ESCALATION")) {
        assertThat(a.outcome()).as("%s: an escalation is never skipped", c).isEqualTo("RAISED");
      } else if (a.outcome().equals("RAISED")) {
        if (!a.kind().equals("SIGN")) {
          assertThat(recordedAt.atZoneSameInstant(Deadlines.ZONE).toLocalDate()).as("%s: %s sent by its due date", c, a.key())
              .isBeforeOrEqualTo(keyDue);
        } else {
          assertThat(valueAt(assigneeAt, recordedAt)).as("%s: a sign reminder only while unsigned", c).isNull();
        }
      }
    }
    // of the reminders of a kind recorded in one go, only the latest went out
    recordedAlerts.stream().filter(a -> !a.kind().equals("ESCALATION") && a.outcome().equals("RAISED"))
        .collect(Collectors.groupingBy(a -> a.kind() + "@" + recordedAt(a), Collectors.counting()))
        .forEach((k, count) -> assertThat(count).as("%s: one reminder of a kind at a time (%s)", c, k).isEqualTo(1));
    long skipped = recordedAlerts.stream().filter(a -> a.outcome().equals("SKIPPED")).count();
    assertThat(trail.stream().filter(e -> e.kind() == ItemEventKind.ALERT_SKIPPED).count())
        .as("%s: every skipped alert is in the trail", c).isEqualTo(skipped);
    // every escalation of the final due date whose instant passed while the item stayed open (and out of review) was raised
    if (end.isOpen() && end.status() != ItemStatus.IN_REVIEW) {
      OffsetDateTime lastStep = steps.lastKey();
      schedule.all(end, Plan.ProgressReport.NONE).stream()
          .filter(a -> a.kind() == AlertSchedule.Kind.ESCALATION && !a.at().isAfter(lastStep))
          .forEach(a -> assertThat(recordedAlerts).as("%s: %s raised", c, a.key())
              .anySatisfy(r -> assertThat(r.key()).isEqualTo(a.key())));
    }
    runtime.deleteProcessInstanceIfExists(end.processInstanceId(), "case done", true, true, true, true);
  }

  private OffsetDateTime recordedAt(AlertRepository.AlertRecord a) {
    return jdbc.sql("select recorded_at from item_alert where alert_key = ?").param(a.key()).query(OffsetDateTime.class).single();
  }

  private static <T> T valueAt(Map<OffsetDateTime, T> timeline, OffsetDateTime at) {
    T value = null;
    for (Map.Entry<OffsetDateTime, T> e : timeline.entrySet()) {
      if (e.getKey().isAfter(at)) {
        break;
      }
      value = e.getValue();
    }
    return value;
  }

  private void claim(SupervisedItem item) {
    Task task = handleTask(item);
    if (task != null && task.getAssignee() == null) {
      asUser(HEAD, () -> tasks.claim(task.getId(), HEAD));
    }
  }

  private void submitIfOpen(SupervisedItem item) {
    Task task = handleTask(item);
    if (task != null && task.getAssignee() != null) {
      asUser(HEAD, () -> tasks.complete(task.getId(), Map.of(ItemProcess.Var.REPORT, "已按要求办理完毕，情况如上。")));
    }
  }

  private void decide(SupervisedItem item, boolean accept) {
    if (reviewTask(item) != null) {
      review(item, accept, accept ? null : "请补充材料后重新提交。");
    }
  }

  /** 延期申请 as the department makes it (refused after the due date or while in review: then nothing happens) and the director's decision. */
  private void extend(SupervisedItem item, LocalDate to, boolean approve) {
    SupervisedItem now = items.find(item.serial()).orElseThrow();
    if (!now.isOpen() || Deadlines.today().isAfter(now.dueDate()) || !to.isAfter(now.dueDate())) {
      return;
    }
    int status = org.duban.support.Http.basic(port, HEAD, "demo")
        .post("/api/items/" + item.serial() + "/extension", "{\"newDueDate\":\"" + to + "\",\"reason\":\"需要协调其他单位\"}").status();
    assertThat(status).isEqualTo(200);
    Task decision = tasks.createTaskQuery().processInstanceId(item.processInstanceId())
        .taskDefinitionKey(ItemProcess.TASK_DECIDE_EXTENSION).singleResult();
    asUser("director", () -> {
      tasks.claim(decision.getId(), "director");
      tasks.complete(decision.getId(), Map.of(ItemProcess.Var.EXTENSION_APPROVED, approve));
    });
  }
}

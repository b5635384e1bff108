package org.duban.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.duban.campaign.CampaignProcess;
import org.duban.campaign.CampaignRepository;
import org.duban.supervision.AlertRepository;
import org.duban.supervision.Deadlines;
import org.duban.supervision.SupervisedItem;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The preview lists what the engine then does: the seed plan previewed for Monday 2026-03-09 (a week
 * ahead), then started for that day, and the engine's clock stepped day by day (the stage start at
 * 00:00, the alert hour 09:00, the evening) through the preparation stage and past its items' last
 * escalation, with every item left unsigned and unsubmitted. The preparation items have the listed
 * due dates — 03-19; 03-29, a Sunday, moved to Monday 03-30; 04-06, in the 清明 holiday, moved to
 * 04-07 — and exactly the listed alerts are raised (kind, level, instant), none more, with the listed
 * mails and 督办日报 entries. A back-dated start catches up as the preview says, and an adopted
 * campaign opens its first stage and due dates as previewed.
 */
class PlanPreviewAgreementTest extends ProcessTest {
  private static final LocalDate START = LocalDate.of(2026, 3, 9);

  @Autowired PlanPreview previews;
  @Autowired AlertRepository alerts;
  @Autowired CampaignRepository stages;

  @Test
  void theEngineRaisesExactlyWhatThePreviewListsForThePreparationStage() {
    List<Preview.Item> listed = previews.of("civilized-unit", START, null).itemsOf(CampaignProcess.PREPARATION);
    assertThat(listed).hasSize(10);
    assertThat(listed.stream().map(Preview.Item::dueDate).distinct())
        .containsExactly(LocalDate.of(2026, 3, 19), LocalDate.of(2026, 3, 30), LocalDate.of(2026, 4, 7));

    String campaignId = campaigns.start("civilized-unit", START);
    runJobs();
    assertThat(itemsOf(campaignId, CampaignProcess.PREPARATION)).as("the stage waits for its start date").isEmpty();

    OffsetDateTime last = listed.stream().flatMap(i -> i.alerts().stream()).map(Preview.Alert::at).max(OffsetDateTime::compareTo)
        .orElseThrow();
    LocalDate lastDay = last.atZoneSameInstant(Deadlines.ZONE).toLocalDate().plusDays(1);
    for (LocalDate day = TODAY.plusDays(1); !day.isAfter(lastDay); day = day.plusDays(1)) {
      for (int hour : new int[] {0, 9, 20}) {
        ClockUtil.setCurrentTime(at(day, hour));
        runJobs();
      }
    }

    List<SupervisedItem> launched = itemsOf(campaignId, CampaignProcess.PREPARATION);
    assertThat(launched).hasSameSizeAs(listed);
    // each item: the sign reminder, two reminders before the due date, three escalation levels
    assertThat(launched.stream().mapToInt(i -> alerts.ofItem(i.serial()).size()).sum()).isEqualTo(60);
    Preview.Item firstLead = listed.get(0);
    assertThat(firstLead.alerts().stream().flatMap(a -> a.digest().stream().map(r -> a.level() + ">" + r.id())))
        .containsExactly("1>director", "2>deputy-zhang", "3>leader");
    for (SupervisedItem item : launched) {
      Preview.Item preview = listed(listed, item);
      String what = item.planItemId() + " / " + item.departmentId();
      assertThat(item.dueDate()).as(what).isEqualTo(preview.dueDate());
      assertThat(item.role().name()).as(what).isEqualTo(preview.role());
      assertThat(item.status().label).as(what + ": left alone").isEqualTo("待签收");

      // the alerts: each raised at its instant (the step at that hour), none skipped, none unlisted
      List<AlertRepository.AlertRecord> recorded = alerts.ofItem(item.serial());
      assertThat(recorded).as(what).allSatisfy(a -> assertThat(a.outcome()).isEqualTo("RAISED"));
      assertThat(recorded.stream().map(a -> a.kind() + a.level() + "@" + a.plannedAt().toInstant()).toList()).as(what)
          .containsExactlyInAnyOrderElementsOf(preview.alerts().stream().map(a -> a.kind() + a.level() + "@" + a.at().toInstant()).toList());
      for (AlertRepository.AlertRecord a : recorded) {
        OffsetDateTime raisedAt = jdbc.sql("select recorded_at from item_alert where alert_key = ?").param(a.key())
            .query(OffsetDateTime.class).single();
        assertThat(raisedAt.toInstant()).as(what + " " + a.key() + " raised at its instant").isEqualTo(a.plannedAt().toInstant());
      }

      // the mails, by alert and recipient, and the leaders' digest entries
      assertThat(alertMails(item.serial())).as(what).isEqualTo(preview.alerts().stream()
          .flatMap(a -> a.mail().stream().map(r -> a.kind() + a.level() + ">" + r.id())).collect(Collectors.toCollection(TreeSet::new)));
      Set<String> digest = new TreeSet<>(jdbc.sql("select level, recipient_id from digest_entry where item_serial = ?").param(item.serial())
          .query((rs, n) -> "ESCALATION" + rs.getInt(1) + ">" + rs.getString(2)).list());
      assertThat(digest).as(what).isEqualTo(preview.alerts().stream()
          .flatMap(a -> a.digest().stream().map(r -> a.kind() + a.level() + ">" + r.id())).collect(Collectors.toCollection(TreeSet::new)));
    }
  }

  @Test
  void aBackDatedStartCatchesUpAsThePreviewSays() {
    LocalDate start = LocalDate.of(2026, 2, 2); // four weeks back: items due 02-12, 02-23 (moved from Sunday) and today
    List<Preview.Item> listed = previews.of("civilized-unit", start, null).itemsOf(CampaignProcess.PREPARATION);
    String campaignId = campaigns.start("civilized-unit", start);
    runJobs();

    List<SupervisedItem> launched = itemsOf(campaignId, CampaignProcess.PREPARATION);
    assertThat(launched).hasSameSizeAs(listed);
    int caughtUp = 0;
    for (SupervisedItem item : launched) {
      Preview.Item preview = listed(listed, item);
      assertThat(item.dueDate()).isEqualTo(preview.dueDate());
      // what has come by now: raised at once, or recorded as skipped, as the preview's notes say; nothing else yet
      Map<String, String> expected = preview.alerts().stream().filter(a -> a.note().startsWith("时点已过"))
          .collect(Collectors.toMap(a -> a.kind() + a.level(), a -> a.note().equals("时点已过：启动时立即发出") ? "RAISED" : "SKIPPED"));
      assertThat(alerts.ofItem(item.serial()).stream().collect(Collectors.toMap(a -> a.kind() + a.level(), AlertRepository.AlertRecord::outcome)))
          .as(item.planItemId() + " / " + item.departmentId()).isEqualTo(expected);
      caughtUp += expected.size();
    }
    assertThat(caughtUp).as("alerts already due at the start").isGreaterThan(20);
  }

  @Test
  void anAdoptedCampaignOpensItsStageAndDueDatesAsPreviewed() {
    LocalDate start = LocalDate.of(2026, 2, 20);
    Preview preview = previews.of("civilized-unit", start, CampaignProcess.FULL_CREATION);
    String campaignId = campaigns.start("civilized-unit", start, CampaignProcess.FULL_CREATION);
    runJobs();

    Preview.Stage full = preview.stages().stream().filter(s -> s.id().equals(CampaignProcess.FULL_CREATION)).findFirst().orElseThrow();
    CampaignRepository.StageRecord record = stages.stages(campaignId).stream()
        .filter(s -> s.stageId().equals(CampaignProcess.FULL_CREATION)).findFirst().orElseThrow();
    assertThat(List.of(record.startedOn(), record.endsOn())).containsExactly(full.start(), full.end());
    assertThat(preview.items()).allSatisfy(i -> assertThat(i.stageId()).isNotIn(CampaignProcess.PREPARATION, CampaignProcess.MOBILIZATION));
    List<Preview.Item> listed = preview.itemsOf(CampaignProcess.FULL_CREATION);
    List<SupervisedItem> launched = items.ofCampaign(campaignId);
    assertThat(launched).hasSameSizeAs(listed);
    launched.forEach(i -> assertThat(i.dueDate()).as(i.planItemId()).isEqualTo(listed(listed, i).dueDate()));
  }

  private static Preview.Item listed(List<Preview.Item> listed, SupervisedItem item) {
    return listed.stream().filter(i -> i.planItemId().equals(item.planItemId()) && i.departmentId().equals(item.departmentId()))
        .findFirst().orElseThrow(() -> new AssertionError("not in the preview: " + item));
  }

  /** The outbox rows of the item's alerts: the key is the alert's (serial|kind|level|date) and the recipient's id. */
  private Set<String> alertMails(String serial) {
    Set<String> mails = new TreeSet<>();
    for (String key : jdbc.sql("select idempotency_key from notification where item_serial = ? and kind in ('REMIND_SIGN', 'REMIND_DUE', 'PROGRESS', 'ESCALATION')")
        .param(serial).query(String.class).list()) {
      List<String> parts = new ArrayList<>(List.of(key.split("\\|")));
      mails.add(parts.get(1) + parts.get(2) + ">" + parts.get(parts.size() - 1));
    }
    return mails;
  }
}

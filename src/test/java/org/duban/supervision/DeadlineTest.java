package org.duban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Reminders, the escalation ladder, extension and urging, with GreenMail as the SMTP server and the
 * engine's clock moved with ClockUtil. The first preparation item of a campaign started on Monday
 * 2026-03-02 is due Thursday 2026-03-12 (+10d).
 */
@org.junit.jupiter.api.Tag("mail") // a JVM of its own (pom.xml, surefire execution "mail")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:duban-mail;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "duban.demo.password=demo",
    "duban.demo.start-campaign=false",
    "logging.level.org.camunda.bpm.engine.context=off",
    "spring.mail.host=localhost",
    "spring.mail.port=3025",
    "duban.mail.retry-base-seconds=1",
    "duban.mail.max-attempts=20",
    "duban.mail.base-url=https://duban.example.gov.cn"})
class DeadlineTest extends ProcessTest {
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

  @Autowired AlertRepository alerts;
  @Autowired ItemStarter starter;

  private String campaignId;
  private SupervisedItem item;

  @BeforeEach
  void campaign() {
    campaignId = startCampaign(TODAY);
    item = itemsOf(campaignId, CampaignProcess.PREPARATION).stream().filter(i -> i.role() == ItemRole.LEAD).findFirst().orElseThrow();
    assertThat(item.dueDate()).isEqualTo(LocalDate.of(2026, 3, 12));
    // the assisting departments are done: the mails below are about the lead's item alone
    items.ofPlanItem(campaignId, item.planItemId()).stream().filter(i -> i.role() == ItemRole.ASSIST)
        .forEach(i -> submit(i, "已配合完成，材料已报牵头单位。"));
  }

  /** Every mail of a test is delivered within it: none may land in the next test's mailbox. */
  @org.junit.jupiter.api.AfterEach
  void outboxDrained() {
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
        jdbc.sql("select count(*) from notification where status = 'PENDING'").query(Integer.class).single() == 0);
  }

  /** Moves the clock and runs what fell due, as the job executor would. */
  private void passTo(LocalDate day, int hour) {
    moveTo(day, hour);
    runJobs();
  }

  private List<String> outcomes() {
    return alerts.ofItem(item.serial()).stream().map(a -> a.kind() + a.level() + ":" + a.outcome()).toList();
  }

  private List<MimeMessage> ofThisItem(MimeMessage[] mails) {
    return Arrays.stream(mails).filter(m -> subject(m).contains(item.title())).toList();
  }

  /** Once this item's mails number at least {@code count}: every mail received (others' too). */
  private MimeMessage[] awaitMails(int count) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ofThisItem(smtp.getReceivedMessages()).size() >= count);
    return smtp.getReceivedMessages();
  }

  private List<String> to(MimeMessage[] mails, String subjectPart) {
    return Arrays.stream(mails).filter(m -> subject(m).contains(subjectPart) && subject(m).contains(item.title()))
        .map(m -> address(m)).sorted().toList();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String address(MimeMessage m) {
    try {
      return m.getRecipients(Message.RecipientType.TO)[0].toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void claim(SupervisedItem i) {
    Task task = handleTask(i);
    asUser("head-" + i.departmentId(), () -> tasks.claim(task.getId(), "head-" + i.departmentId()));
  }

  @Test
  void remindersAndTheEscalationLadderGoOutOnWorkingDaysAt0900() {
    claim(item);
    passTo(LocalDate.of(2026, 3, 6), 9); // Friday: nothing due for this item yet
    assertThat(outcomes()).containsExactly("SIGN0:SKIPPED");

    passTo(LocalDate.of(2026, 3, 9), 8);
    assertThat(outcomes()).as("not before 09:00").containsExactly("SIGN0:SKIPPED");
    passTo(LocalDate.of(2026, 3, 9), 9); // Monday: 3 working days before Thursday the 12th
    assertThat(outcomes()).containsExactly("SIGN0:SKIPPED", "DUE3:RAISED");
    // (the other items' sign reminders of 03-03 went out late at 03-06: the clock jumped, as after downtime)
    MimeMessage[] mails = awaitMails(2);
    List<MimeMessage> mine = ofThisItem(mails);
    assertThat(mine).hasSize(2);
    assertThat(to(mails, "将于2026-03-12（周四）到期")).containsExactly(
        "head-party-committee@duban.local", "liaison-party-committee@duban.local");
    String body = GreenMailUtil.getBody(mine.get(0));
    assertThat(subject(mine.get(0))).isEqualTo("【督办提醒】" + item.title() + "将于2026-03-12（周四）到期");
    assertThat(GreenMailUtil.getWholeMessage(mine.get(0))).contains("https://duban.example.gov.cn/items/" + item.serial());

    passTo(LocalDate.of(2026, 3, 11), 9); // 1 working day before
    passTo(LocalDate.of(2026, 3, 12), 23); // the due day itself: no escalation yet
    assertThat(outcomes()).containsExactly("SIGN0:SKIPPED", "DUE3:RAISED", "DUE1:RAISED");
    assertThat(reload().displayStatus()).isNotEqualTo("已超期");

    passTo(LocalDate.of(2026, 3, 13), 9); // level 1: the first working day after the due date
    assertThat(reload().displayStatus()).isEqualTo("已超期");
    passTo(LocalDate.of(2026, 3, 18), 9); // level 2: 3 working days later
    passTo(LocalDate.of(2026, 3, 25), 9); // level 3: 5 working days after that
    assertThat(outcomes()).containsExactly("SIGN0:SKIPPED", "DUE3:RAISED", "DUE1:RAISED",
        "ESCALATION1:RAISED", "ESCALATION2:RAISED", "ESCALATION3:RAISED");
    passTo(LocalDate.of(2026, 3, 25), 10); // past the digest hour (09:30)
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> digestsListing(item).size() >= 3);
    mails = smtp.getReceivedMessages();
    assertThat(ofThisItem(mails)).as("2 + 2 reminders, 2 level-1 escalations to the department").hasSize(6);
    assertThat(to(mails, "【督办预警】")).containsExactly("head-party-committee@duban.local", "liaison-party-committee@duban.local");
    // the director (level 1), the deputy in charge (level 2) and the 局长 (level 3) read it in their daily digest
    assertThat(digestsListing(item)).containsExactlyInAnyOrder("director@duban.local", "deputy-zhang@duban.local", "leader@duban.local");
    MimeMessage toDirector = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> subject(m).startsWith("【督办日报】") && address(m).equals("director@duban.local")).findFirst().orElseThrow();
    assertThat(part(toDirector, "text/plain")).contains("机关党委（负责人：何建军，电话 内线 8102）", item.serial() + " " + item.title(),
        "完成时限 2026-03-12（周四）");
    assertThat(alerts.notices()).singleElement().satisfies(n -> {
      assertThat(n.serial()).isEqualTo(item.serial());
      assertThat(n.level()).isEqualTo(2);
      assertThat(n.daysOverdue()).isEqualTo(4);
    });
    // nothing more is owed: the timer sleeps
    assertThat(management.createJobQuery().processInstanceId(item.processInstanceId()).timers().singleResult().getDuedate())
        .isAfter(at(LocalDate.of(2030, 1, 1), 0));
    assertThat(Arrays.stream(mails).map(m -> header(m, "Message-ID")).distinct().count()).isEqualTo(mails.length);
  }

  /** The decoded text of the first part of this type. */
  private static String part(jakarta.mail.Part p, String type) {
    try {
      if (p.isMimeType(type)) {
        return (String) p.getContent();
      }
      if (p.getContent() instanceof jakarta.mail.Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          String found = part(multipart.getBodyPart(i), type);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String header(MimeMessage m, String name) {
    try {
      return m.getHeader(name)[0];
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private SupervisedItem reload() {
    return items.find(item.serial()).orElseThrow();
  }

  @Test
  void anUnsignedItemGetsASignReminderAfterOneWorkingDay() {
    passTo(LocalDate.of(2026, 3, 3), 9);
    assertThat(outcomes()).containsExactly("SIGN0:RAISED");
    assertThat(to(awaitMails(2), "尚未签收")).contains("head-party-committee@duban.local");
  }

  @Test
  void anItemInReviewOverItsDueDateIsNotEscalatedAndOneReturnedAfterItIs() {
    claim(item);
    submit(item, "领导小组成立文件已印发，名单已公布。");
    passTo(LocalDate.of(2026, 3, 13), 9);
    passTo(LocalDate.of(2026, 3, 16), 10);
    assertThat(outcomes()).noneMatch(o -> o.startsWith("ESCALATION"));
    assertThat(outcomes()).contains("DUE3:SKIPPED", "DUE1:SKIPPED");

    review(reload(), false, "请补充会议纪要");
    runJobs();
    assertThat(outcomes()).contains("ESCALATION1:RAISED");
    assertThat(reload().displayStatus()).isEqualTo("已超期");
    assertThat(to(awaitMails(2), "【督办预警】")).containsExactly("head-party-committee@duban.local", "liaison-party-committee@duban.local");
  }

  /** An item of 综合处 (head and liaison), started as a back-dated campaign or an ad-hoc call would start it. */
  private SupervisedItem startItem(String planItem, LocalDate due) {
    starter.start(new ItemStarter.Assignment(campaignId, CampaignProcess.PREPARATION, planItem, "补录事项" + planItem,
        "", "comprehensive", List.of(), due, List.of(), true));
    return items.ofPlanItem(campaignId, planItem).get(0);
  }

  private List<String> outcomes(SupervisedItem i) {
    return alerts.ofItem(i.serial()).stream().map(a -> a.kind() + a.level() + ":" + a.outcome()).toList();
  }

  @Test
  void anItemCreatedPastItsDueDateIsEscalatedAtOnceEveryLevelWithItsMailsAndNotice() {
    passTo(LocalDate.of(2026, 3, 20), 10); // the campaign's own items get their mails too: counted apart
    SupervisedItem late = startItem("late", LocalDate.of(2026, 3, 3)); // levels 1 (03-04), 2 (03-09), 3 (03-16) have passed
    runJobs();
    assertThat(outcomes(late)).containsExactly("DUE3:SKIPPED", "DUE1:SKIPPED", "ESCALATION1:RAISED", "ESCALATION2:RAISED",
        "ESCALATION3:RAISED");
    assertThat(items.events(late.serial())).extracting(ItemEvent::kind).containsSubsequence(ItemEventKind.CREATED,
        ItemEventKind.ALERT_SKIPPED, ItemEventKind.ALERT_SKIPPED, ItemEventKind.ESCALATED, ItemEventKind.ESCALATED,
        ItemEventKind.ESCALATED);
    assertThat(items.events(late.serial())).filteredOn(e -> e.kind() == ItemEventKind.ALERT_SKIPPED)
        .extracting(ItemEvent::detail).allMatch(d -> d.contains("已过完成时限"));
    assertThat(alerts.notices()).anySatisfy(n -> assertThat(n.serial()).isEqualTo(late.serial()));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mailsAbout(late).size() >= 2);
    assertThat(mailsAbout(late).stream().map(m -> subject(m).substring(0, 6) + address(m)).sorted().toList()).containsExactly(
        "【督办预警】head-comprehensive@duban.local", "【督办预警】liaison-comprehensive@duban.local");
    passTo(LocalDate.of(2026, 3, 21), 10); // the next digest hour
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> digestsListing(late).size() >= 3);
    assertThat(digestsListing(late)).containsExactlyInAnyOrder("director@duban.local", "deputy-liu@duban.local", "leader@duban.local");
  }

  @Test
  void theOneDayReminderIsNotLostWhenTheThreeDayOneLiesBeforeTheItemsCreation() {
    passTo(LocalDate.of(2026, 3, 10), 10); // Tuesday; due Thursday 03-12: the 3-day reminder was due 03-09
    SupervisedItem near = startItem("near", LocalDate.of(2026, 3, 12));
    runJobs();
    assertThat(outcomes(near)).as("the latest reminder already past goes out at once").containsExactly("DUE3:RAISED");
    passTo(LocalDate.of(2026, 3, 11), 9);
    assertThat(outcomes(near)).containsExactly("DUE3:RAISED", "DUE1:RAISED", "SIGN0:RAISED");
  }

  /** Who got a 督办日报 that lists the item. */
  private List<String> digestsListing(SupervisedItem i) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> subject(m).startsWith("【督办日报】") && GreenMailUtil.getBody(m).contains(i.serial()))
        .map(DeadlineTest::address).toList();
  }

  private List<MimeMessage> mailsAbout(SupervisedItem i) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(i.title())).toList();
  }

  @Test
  void closingAnItemDisarmsItsReminders() {
    submit(item, "领导小组成立文件已印发，名单已公布。");
    review(reload(), true, null);
    runJobs();
    assertThat(management.createJobQuery().processInstanceId(item.processInstanceId()).count()).isZero();
    passTo(LocalDate.of(2026, 3, 20), 9);
    assertThat(outcomes()).isEmpty();
  }

  @Test
  void anApprovedExtensionMovesTheDueDateAndReArmsEveryAlert() {
    claim(item);
    moveTo(LocalDate.of(2026, 3, 10), 15);
    Http head = Http.basic(port, "head-party-committee", "demo");
    String path = "/api/items/" + item.serial() + "/extension";
    assertThat(head.post(path, "{\"newDueDate\":\"2026-03-12\",\"reason\":\"x\"}").json().path("error").asText())
        .contains("必须晚于现完成时限");
    assertThat(head.post(path, "{\"newDueDate\":\"2026-03-20\"}").json().path("error").asText()).contains("reason");
    assertThat(Http.basic(port, "head-general-office", "demo").post(path, "{\"newDueDate\":\"2026-03-20\",\"reason\":\"人手不足\"}").status())
        .isEqualTo(404);
    assertThat(head.post(path, "{\"newDueDate\":\"2026-03-20\",\"reason\":\"等待局党组会议审定\"}").status()).isEqualTo(200);
    assertThat(head.post(path, "{\"newDueDate\":\"2026-03-27\",\"reason\":\"再延一周\"}").status()).as("one pending request at a time").isEqualTo(409);

    Task decide = tasks.createTaskQuery().taskDefinitionKey(ItemProcess.TASK_DECIDE_EXTENSION).singleResult();
    assertThat(decide.getName()).contains(item.serial());
    asUser("director", () -> tasks.complete(decide.getId(), Map.of(ItemProcess.Var.EXTENSION_APPROVED, true)));
    assertThat(reload().dueDate()).isEqualTo(LocalDate.of(2026, 3, 20));
    assertThat(handleTask(item).getDueDate()).isEqualTo(new java.util.Date(at(LocalDate.of(2026, 3, 21), 0).getTime() - 1000));
    assertThat(items.events(item.serial())).extracting(ItemEvent::kind)
        .contains(ItemEventKind.EXTENSION_REQUESTED, ItemEventKind.EXTENSION_APPROVED);

    passTo(LocalDate.of(2026, 3, 13), 9); // the old level-1 instant passes quietly
    assertThat(outcomes()).noneMatch(o -> o.startsWith("ESCALATION"));
    passTo(LocalDate.of(2026, 3, 17), 9); // 3 working days before the new date
    assertThat(alerts.ofItem(item.serial())).anySatisfy(a -> {
      assertThat(a.key()).isEqualTo(item.serial() + "|DUE|3|2026-03-20");
      assertThat(a.outcome()).isEqualTo("RAISED");
    });
    passTo(LocalDate.of(2026, 3, 23), 9);
    assertThat(alerts.ofItem(item.serial())).anySatisfy(a -> assertThat(a.key()).isEqualTo(item.serial() + "|ESCALATION|1|2026-03-20"));
    assertThat(to(awaitMails(1), "延期已批准")).contains("head-party-committee@duban.local");

    moveTo(LocalDate.of(2026, 3, 24), 9); // after the (new) due date: too late to ask
    assertThat(head.post(path, "{\"newDueDate\":\"2026-04-30\",\"reason\":\"再延\"}").json().path("error").asText())
        .contains("已过完成时限");
  }

  @Test
  void urgingSendsAMailAtOnceAndOnlyOnceADay() {
    Http office = Http.basic(port, "office", "demo");
    String path = "/api/items/" + item.serial() + "/urge";
    assertThat(office.post(path, "{\"message\":\"请本周内报送\"}").status()).isEqualTo(200);
    Http.Response again = office.post(path, "{}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("error").asText()).contains("今天（2026-03-02）已催办过");
    assertThat(Http.basic(port, "head-air", "demo").post(path, "{}").status()).isEqualTo(403);
    assertThat(to(awaitMails(2), "【催办】")).containsExactly(
        "head-party-committee@duban.local", "liaison-party-committee@duban.local");
    assertThat(items.events(item.serial())).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(ItemEventKind.URGED);
      assertThat(e.actor()).isEqualTo("office");
    });
    moveTo(LocalDate.of(2026, 3, 3), 10);
    assertThat(office.post(path, "{}").status()).isEqualTo(200);
  }

  @Test
  void userTypedTextIsEscapedInTheMail() {
    Http office = Http.basic(port, "office", "demo");
    String added = office.post("/api/items", "{\"title\":\"<script>alert(1)</script>宣传栏\",\"lead\":\"publicity\",\"dueDate\":\"2026-03-20\"}")
        .json().path("items").get(0).path("serial").asText();
    assertThat(office.post("/api/items/" + added + "/urge", "{\"message\":\"<b>尽快</b>\"}").status()).isEqualTo(200);
    // (a mail of an earlier test may still arrive: pick this one by its title)
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> subject(m).contains("宣传栏")));
    MimeMessage mail = Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains("宣传栏")).findFirst().orElseThrow();
    String html = part(mail, "text/html");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;宣传栏").contains("&lt;b&gt;尽快&lt;/b&gt;");
    assertThat(html).doesNotContain("<script>", "<b>");
    assertThat(part(mail, "text/plain")).contains("<script>alert(1)</script>宣传栏"); // plain text shows it as typed
  }

  @Test
  void progressNotesAreKeptWithAuthorAndTime() {
    Http head = Http.basic(port, "head-party-committee", "demo");
    assertThat(head.post("/api/items/" + item.serial() + "/progress", "{\"text\":\"已起草文件，待局党组审定。\"}").status()).isEqualTo(200);
    assertThat(head.post("/api/items/" + item.serial() + "/progress", "{\"text\":\"短\"}").status()).isEqualTo(400);
    assertThat(items.events(item.serial())).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(ItemEventKind.PROGRESS_NOTE);
      assertThat(e.actor()).isEqualTo("head-party-committee");
      assertThat(e.detail()).isEqualTo("已起草文件，待局党组审定。");
    });
  }

  @Test
  void mailsWrittenWhileTheSmtpServerIsDownAreDeliveredExactlyOnceWhenItIsBack() {
    smtp.stop();
    Http office = Http.basic(port, "office", "demo");
    List<SupervisedItem> open = itemsOf(campaignId, CampaignProcess.PREPARATION).stream().filter(SupervisedItem::isOpen).toList();
    open.forEach(i -> assertThat(office.post("/api/items/" + i.serial() + "/urge", "{}").status()).isEqualTo(200));
    Http admin = Http.basic(port, "admin", "demo");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
      var rows = admin.get("/api/admin/notifications?status=PENDING").json().path("notifications");
      return rows.size() > 0 && rows.get(0).path("attempts").asInt() >= 2 && !rows.get(0).path("lastError").isNull();
    });
    int expected = admin.get("/api/admin/notifications").json().path("notifications").size();
    assertThat(expected).isGreaterThanOrEqualTo(open.size());

    smtp.start();
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length >= expected);
    Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> smtp.getReceivedMessages().length == expected);
    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(Arrays.stream(mails).map(m -> header(m, "Message-ID")).distinct().count()).isEqualTo(expected);
    assertThat(admin.get("/api/admin/notifications?status=SENT").json().path("notifications").size()).isEqualTo(expected);
  }
}

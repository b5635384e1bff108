package org.duban.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.duban.campaign.CampaignPlans;
import org.duban.campaign.CampaignProcess;
import org.duban.campaign.CampaignService;
import org.duban.notification.MailChannel;
import org.duban.notification.MailKind;
import org.duban.notification.Notification;
import org.duban.plan.BureauConfig;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.ItemStarter;
import org.duban.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 3, item 8: N supervised items overdue at once. Measures, with the real job executor, the
 * real outbox sender and GreenMail as the SMTP server: the time until every level-1 escalation is
 * recorded, until every mail is in GreenMail, mails per second, lost and duplicated mails, and the
 * delay from the due instant to each mail (p50/p99). Beside it, in the same JVM, engine and H2: the
 * bare engine firing N bare timer jobs with a no-op and with one mail each (one SMTP connection per
 * mail). Finally a quiet-time probe: single-day reminder instants with the executor idle before them.
 *
 * <p>Prints its tables (docs/benchmarks.md) and asserts correctness only, never timings.
 * {@code mvn -B -Pbenchmark test -Dtest=DeadlineBenchmark [-Dbenchmark.sizes=1000]}; further knobs:
 * {@code benchmark.warmup} (items of an unreported first round, 200), {@code benchmark.phase}
 * (seconds of the idle job executor's max-wait sleep left when a storm's instant comes, 2.5: the
 * mean of a random instant), {@code benchmark.quietJumps} (days of the quiet probe, 8; 0 skips it).
 *
 * <p>The job executor, idle, sleeps 1, 2, 4, then max-wait (5) seconds between acquisitions: how late
 * the first job of a storm starts depends on where in that sleep the due instant falls (0–5 s).
 * So that Duban and the bare engine meet the same phase, each storm is preceded by one asynchronous
 * no-op job (which wakes the executor at once), then the executor is left idle until it sleeps its
 * max-wait, and the instant comes with {@code benchmark.phase} seconds of that sleep left. The quiet
 * probe spreads its instants evenly over the sleep instead.
 */
@Tag("benchmark")
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:duban-bench;DB_CLOSE_DELAY=-1",
    "duban.demo.password=demo",
    "duban.demo.start-campaign=false",
    "spring.mail.host=localhost",
    "spring.mail.port=" + DeadlineBenchmark.SMTP_PORT,
    // no throttle for the measurement (the production default is 50 mails/s)
    "duban.mail.max-per-second=100000",
    // a mail per item for the director too, as when these figures were first taken (the default is one digest a day)
    "duban.deadlines.digest=per-item",
    "logging.level.org.camunda=warn"})
class DeadlineBenchmark {
  static final int SMTP_PORT = 3925;

  /** Monday: the campaign starts, the items are assigned at 08:00. */
  private static final LocalDate START = LocalDate.of(2026, 3, 2);
  /** Wednesday: every benchmark item is due this day; level 1 is 09:00 on the next working day. */
  private static final LocalDate DUE = LocalDate.of(2026, 3, 4);
  /** The bare storms run on the Sunday before, out of the way of Duban's instants. */
  private static final LocalDate BARE_DAY = LocalDate.of(2026, 3, 1);
  /** 机关党委: head and one liaison, so level 1 = head + liaison + creation-office director = 3 mails. */
  private static final String LEAD = "party-committee";
  private static final int BATCH = 200;
  private static final Duration STORM_TIMEOUT = Duration.ofMinutes(20);
  private static final Duration STALL = Duration.ofSeconds(60);
  private static final String BARE_NOOP = "bench-bare-noop";
  private static final String BARE_MAIL = "bench-bare-mail";
  private static final String ALIGN = "bench-align";

  private static GreenMail greenMail;

  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired CampaignService campaigns;
  @Autowired CampaignPlans plans;
  @Autowired ItemStarter starter;
  @Autowired BureauConfig config;
  @Autowired MailChannel channel;
  @Value("${camunda.bpm.job-execution.max-jobs-per-acquisition}") int maxJobsPerAcquisition;
  @Value("${camunda.bpm.job-execution.core-pool-size}") int corePool;
  @Value("${camunda.bpm.job-execution.max-pool-size}") int maxPool;
  @Value("${camunda.bpm.job-execution.queue-capacity}") int queue;
  @Value("${camunda.bpm.job-execution.wait-time-in-millis}") int waitMillis;
  @Value("${camunda.bpm.job-execution.max-wait}") int maxWait;
  @Value("${duban.mail.batch-size:50}") int mailBatch;

  private final double phase = Double.parseDouble(System.getProperty("benchmark.phase", "2.5"));
  private final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void startSmtp() {
    greenMail = new GreenMail(new ServerSetup(SMTP_PORT, null, ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  @AfterAll
  static void stopSmtp() {
    ClockUtil.reset();
    greenMail.stop();
  }

  /** The bare engine's side: a Spring bean called by expression, as any service task would be. */
  public static class BareNoop {
    public void run() {}
  }

  /** One mail per job, sent in the job (one SMTP connection each), as the bare engine does. */
  public static class BareMail {
    private final JavaMailSender sender;

    BareMail(JavaMailSender sender) {
      this.sender = sender;
    }

    public void send(DelegateExecution execution) throws MessagingException {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom("督办系统 <duban@localhost>");
      helper.setTo("bare@duban.local");
      helper.setSubject("【督办预警】bare " + execution.getVariable("tag") + " " + execution.getVariable("n"));
      helper.setText("督办事项已超期，请抓紧办理。" + execution.getProcessInstanceId());
      sender.send(message);
    }
  }

  @TestConfiguration
  static class BareBeans {
    @Bean
    BareNoop benchNoop() {
      return new BareNoop();
    }

    @Bean
    BareMail benchMail(JavaMailSender sender) {
      return new BareMail(sender);
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void overdueItemsAtOnce() throws Exception {
    probeMailChannel();
    deployBareModels();
    List<Integer> sizes = Arrays.stream(System.getProperty("benchmark.sizes", "1000,10000").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    int warmup = Integer.getInteger("benchmark.warmup", 200);
    int quietJumps = Integer.getInteger("benchmark.quietJumps", 8);

    out("# DeadlineBenchmark  sizes=%s warmup=%d phase=%.1f s quietJumps=%d", sizes, warmup, phase, quietJumps);
    out("# JVM: %d processors, max heap %d MB, java %s; job executor: acquisition %d, pool %d-%d, queue %d, wait %d ms, max-wait %d ms;"
            + " outbox batch %d mails/connection",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
        maxJobsPerAcquisition, corePool, maxPool, queue, waitMillis, maxWait, mailBatch);
    out("# jakarta.mail.util.StreamProvider=%s", System.getProperty("jakarta.mail.util.StreamProvider", "(unset: ServiceLoader on every lookup)"));

    if (warmup > 0) {
      Round w = round(warmup);
      print("warm-up (JIT, caches; not reported)", w);
    }
    List<Round> rounds = new ArrayList<>();
    for (int n : sizes) {
      Round r = round(n);
      rounds.add(r);
      print("N = " + n, r);
    }
    Quiet quiet = quietJumps > 0 ? quiet(quietJumps) : null;

    out("%n# ===== summary =====");
    for (Round r : rounds) {
      print("N = " + r.n, r);
    }
    if (quiet != null) {
      print(quiet);
    }
    long failedJobs = management.createJobQuery().withException().count();
    if (failedJobs > 0) {
      problems.add(failedJobs + " jobs failed");
    }
    problems.forEach(p -> out("# PROBLEM: %s", p));
    assertThat(problems).as("lost, duplicated or missing escalations and mails").isEmpty();
  }

  private Round round(int n) throws Exception {
    Round r = new Round(n);
    reset();
    r.noop = bareStorm(n, false);
    reset();
    r.mail = bareStorm(n, true);
    reset();
    r.duban = dubanStorm(n);
    r.heapMb = heapAfterGc();
    return r;
  }

  // ----- Duban --------------------------------------------------------------------------------

  private Storm dubanStorm(int n) throws Exception {
    Storm s = new Storm("Duban", n);
    fixClock(at(START, 8));
    String campaignId = campaigns.start("civilized-unit", START);
    awaitIdle(Duration.ofMinutes(2)); // the preparation stage launches its own items

    long c0 = System.nanoTime();
    inBatches(n, i -> starter.start(new ItemStarter.Assignment(campaignId, CampaignProcess.PREPARATION,
        String.format("bench-%05d", i), String.format("基准事项%05d", i), "督办基准测试事项", LEAD, List.of(), DUE,
        List.of(), true)));
    s.createSeconds = seconds(System.nanoTime() - c0);
    // what each item costs the engine in variables (runtime rows; history keeps one more row each)
    s.variablesPerItem = jdbc.sql("select count(*) from act_ru_variable v join supervised_item i on i.process_instance_id = v.proc_inst_id_"
        + " where i.plan_item_id like 'bench-%'").query(Long.class).single() / (double) n;

    // The sign reminder (03-03 09:00) and the due reminders (02-27, 03-03 09:00) have passed: the loop
    // catches up (the latest reminder of each kind is sent, the earlier ones are recorded as SKIPPED)
    // and sets each timer to level 1. Those mails are not part of the storm.
    fixClock(at(DUE, 8));
    long w0 = System.nanoTime();
    awaitIdle(STORM_TIMEOUT);
    s.warmupSeconds = seconds(System.nanoTime() - w0);
    Instant l1 = at(config.calendar().plusWorkingDays(DUE, 1), 9);
    long armed = management.createJobQuery().processDefinitionKey(ItemProcess.KEY)
        .duedateHigherThan(Date.from(l1.minusSeconds(1))).duedateLowerThan(Date.from(l1.plusSeconds(1))).count();
    long earlyMails = count("select count(*) from notification");
    long earlyEscalations = count("select count(*) from item_alert where kind = 'ESCALATION'");
    if (armed != n || earlyEscalations != 0) {
      problems.add(String.format("N=%d: before level 1, %d timers armed for %s (want %d), %d mails, %d escalations",
          n, armed, l1, n, earlyMails, earlyEscalations));
    }

    greenMail.purgeEmailFromAllMailboxes();
    long base = count("select coalesce(max(id), 0) from notification");
    idleUntilPhase(phase);
    s.loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long[] machine0 = machineJiffies();
    long cpu0 = processCpuNanos();
    long wall0 = runClockFrom(l1);
    long t0 = System.nanoTime();
    long deadline = t0 + STORM_TIMEOUT.toNanos();
    long lastProgress = t0;
    long lastSeen = -1;
    long allWrittenSince = -1;
    while (true) {
      long now = System.nanoTime();
      long escalated = count("select count(*) from item_alert where kind = 'ESCALATION' and level = 1 and outcome = 'RAISED'");
      if (escalated > 0 && Double.isNaN(s.firstDone)) {
        s.firstDone = seconds(now - t0);
      }
      int received = received();
      if (escalated >= n && Double.isNaN(s.allDone)) {
        s.allDone = seconds(now - t0);
        s.mailsAtAllDone = received;
        s.jobPhaseBusy = 100.0 * seconds(processCpuNanos() - cpu0) / (s.allDone * Runtime.getRuntime().availableProcessors());
      }
      if (escalated + received != lastSeen) {
        lastSeen = escalated + received;
        lastProgress = now;
      }
      if (escalated >= n && management.createJobQuery().executable().count() == 0
          && count("select count(*) from notification where status = 'PENDING'") == 0) {
        long expected = count("select count(*) from notification where id > ?", base);
        if (received >= expected) {
          break;
        }
        if (allWrittenSince < 0) {
          allWrittenSince = now;
        } else if (now - allWrittenSince > Duration.ofSeconds(10).toNanos()) {
          break; // every mail is marked SENT and some never arrived: lost
        }
      }
      if (now > deadline || now - lastProgress > STALL.toNanos()) {
        problems.add(String.format("N=%d: Duban storm stopped after %.1f s: %d escalations, %d mails received",
            n, seconds(now - t0), escalated, received));
        break;
      }
      Thread.sleep(100);
    }
    s.cpuSeconds = seconds(processCpuNanos() - cpu0);
    s.machineBusy = machineBusy(machine0);
    out("# %s N=%d storm: %s .. %s", s.label, n, Instant.ofEpochMilli(wall0), Instant.now());
    s.wallSeconds = seconds(System.nanoTime() - t0);

    List<Map<String, Object>> outbox = jdbc.sql("select message_id, recipient_email, subject, status, last_error from notification where id > ?")
        .param(base).query().listOfRows();
    Set<String> expectedIds = new HashSet<>();
    Set<String> expectedKeys = new HashSet<>();
    int unsent = 0;
    String firstError = null;
    for (Map<String, Object> row : outbox) {
      expectedIds.add((String) row.get("MESSAGE_ID"));
      expectedKeys.add(row.get("RECIPIENT_EMAIL") + "|" + row.get("SUBJECT"));
      if (!"SENT".equals(row.get("STATUS"))) {
        unsent++;
        firstError = firstError == null ? row.get("STATUS") + ": " + row.get("LAST_ERROR") : firstError;
      }
    }
    if (unsent > 0) {
      problems.add(String.format("N=%d: %d outbox rows not SENT, e.g. %s", n, unsent, firstError));
    }
    s.expected = outbox.size();
    s.outboxMb = count("select coalesce(sum(octet_length(body_text) + octet_length(body_html)), 0) from notification where id > ?", base) / 1e6;
    if (s.expected != 3L * n) {
      problems.add(String.format("N=%d: the outbox holds %d escalation mails, expected 3 per item = %d", n, s.expected, 3L * n));
    }
    long escalations = count("select count(*) from item_alert where kind = 'ESCALATION' and outcome = 'RAISED'");
    if (escalations != n) {
      problems.add(String.format("N=%d: %d escalations recorded, expected %d", n, escalations, n));
    }
    s.collect(stored(), wall0, expectedIds, expectedKeys, true);
    s.check(problems);
    return s;
  }

  /** One mail through the production channel first: a channel that cannot send would make every figure meaningless. */
  private void probeMailChannel() throws Exception {
    Notification probe = new Notification(-1, "probe", null, MailKind.ESCALATION, "probe", "探测", "probe@duban.local",
        "【督办预警】探测", "探测邮件", "<p>探测邮件</p>", "<probe@duban>", Notification.Status.PENDING, 0, null, null, null, null);
    Map<Long, String> errors = channel.deliver(List.of(probe));
    if (!errors.isEmpty() || received() != 1) {
      throw new IllegalStateException("the SMTP channel cannot deliver a mail to GreenMail: " + errors);
    }
    greenMail.purgeEmailFromAllMailboxes();
  }

  // ----- the bare engine ----------------------------------------------------------------------

  private void deployBareModels() {
    repository.createDeployment().name("benchmark-bare")
        .addModelInstance(BARE_NOOP + ".bpmn", bare(BARE_NOOP, "${benchNoop.run()}"))
        .addModelInstance(BARE_MAIL + ".bpmn", bare(BARE_MAIL, "${benchMail.send(execution)}"))
        .addModelInstance(ALIGN + ".bpmn", Bpmn.createExecutableProcess(ALIGN).camundaHistoryTimeToLive(3650)
            .startEvent().serviceTask("Task_Wake").camundaAsyncBefore().camundaExpression("${benchNoop.run()}").endEvent().done())
        .deploy();
  }

  private static BpmnModelInstance bare(String key, String expression) {
    return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(3650)
        .startEvent()
        .intermediateCatchEvent("Timer_Due").timerWithDate("${due}")
        .serviceTask("Task_Work").camundaExpression(expression)
        .endEvent()
        .done();
  }

  private Storm bareStorm(int n, boolean mail) throws Exception {
    String key = mail ? BARE_MAIL : BARE_NOOP;
    Storm s = new Storm(mail ? "bare, 1 mail each" : "bare, no-op", n);
    Instant due = at(BARE_DAY, mail ? 11 : 9);
    String tag = key + "-" + n + "-" + System.nanoTime();
    fixClock(due.minusSeconds(3600));
    long c0 = System.nanoTime();
    inBatches(n, i -> runtime.startProcessInstanceByKey(key, Map.of("due", Date.from(due), "n", i, "tag", tag)));
    s.createSeconds = seconds(System.nanoTime() - c0);
    awaitIdle(Duration.ofMinutes(1));

    greenMail.purgeEmailFromAllMailboxes();
    idleUntilPhase(phase);
    s.loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long[] machine0 = machineJiffies();
    long cpu0 = processCpuNanos();
    long wall0 = runClockFrom(due);
    long t0 = System.nanoTime();
    long deadline = t0 + STORM_TIMEOUT.toNanos();
    long lastProgress = t0;
    long lastSeen = -1;
    while (true) {
      long now = System.nanoTime();
      long open = runtime.createProcessInstanceQuery().processDefinitionKey(key).count();
      if (open < n && Double.isNaN(s.firstDone)) {
        s.firstDone = seconds(now - t0);
      }
      if (open == 0) {
        s.allDone = seconds(now - t0);
      }
      int received = mail ? received() : 0;
      if (received - open != lastSeen) {
        lastSeen = received - open;
        lastProgress = now;
      }
      if (open == 0 && (!mail || received >= n)) {
        break;
      }
      if (open == 0 && now - lastProgress > Duration.ofSeconds(10).toNanos()) {
        break; // every job done and some mails never arrived: lost
      }
      if (now > deadline || now - lastProgress > STALL.toNanos()) {
        problems.add(String.format("N=%d: %s storm stopped after %.1f s: %d instances open, %d mails received",
            n, s.label, seconds(now - t0), open, received));
        break;
      }
      Thread.sleep(100);
    }
    s.cpuSeconds = seconds(processCpuNanos() - cpu0);
    s.machineBusy = machineBusy(machine0);
    out("# %s N=%d storm: %s .. %s", s.label, n, Instant.ofEpochMilli(wall0), Instant.now());
    s.wallSeconds = seconds(System.nanoTime() - t0);
    if (mail) {
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < n; i++) {
        keys.add("bare@duban.local|【督办预警】bare " + tag + " " + i);
      }
      s.expected = n;
      s.collect(stored(), wall0, null, keys, false);
      s.check(problems);
    }
    return s;
  }

  // ----- quiet time: one day's reminders at a time, the executor idle before each instant --------

  private Quiet quiet(int jumps) throws Exception {
    Quiet q = new Quiet();
    reset();
    fixClock(at(START, 8));
    String campaignId = campaigns.start("civilized-unit", START);
    awaitIdle(Duration.ofMinutes(2));
    LocalDate due = DUE;
    for (int i = 0; i < 6; i++, due = config.calendar().plusWorkingDays(due, 1)) {
      LocalDate d = due;
      int k = i;
      inBatches(1, x -> starter.start(new ItemStarter.Assignment(campaignId, CampaignProcess.PREPARATION,
          "quiet-" + k, "平时事项" + k, "督办基准测试事项", LEAD, List.of(), d, List.of(), true)));
    }
    LocalDate day = START;
    for (int j = 0; j < jumps; j++) {
      day = config.calendar().plusWorkingDays(day, 1);
      greenMail.purgeEmailFromAllMailboxes();
      long base = count("select coalesce(max(id), 0) from notification");
      idleUntilPhase(maxWait / 1000.0 * (j + 0.5) / jumps);
      long wall0 = runClockFrom(at(day, 9));
      long t0 = System.nanoTime();
      long expected = 0;
      while (System.nanoTime() - t0 < Duration.ofSeconds(60).toNanos()) {
        if (management.createJobQuery().executable().count() == 0
            && count("select count(*) from notification where status = 'PENDING'") == 0) {
          expected = count("select count(*) from notification where id > ?", base);
          if (received() >= expected) {
            break;
          }
        }
        Thread.sleep(20);
      }
      List<StoredMessage> got = stored();
      List<Long> delays = new ArrayList<>();
      for (StoredMessage m : got) {
        delays.add(m.getReceivedDate().getTime() - wall0);
      }
      if (got.size() != expected) {
        problems.add(String.format("quiet %s: %d mails written, %d received", day, expected, got.size()));
      }
      q.days.add(String.format("%s: %d mails, %.2f–%.2f s", day, got.size(),
          delays.stream().mapToLong(Long::longValue).min().orElse(0) / 1000.0,
          delays.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0));
      q.delays.addAll(delays);
    }
    return q;
  }

  // ----- helpers ------------------------------------------------------------------------------

  private void reset() throws FolderException {
    fixClock(at(START, 8));
    TestData.reset(runtime, management, jdbc);
    greenMail.purgeEmailFromAllMailboxes();
  }

  private static Instant at(LocalDate day, int hour) {
    return ZonedDateTime.of(day.atTime(hour, 0), Deadlines.ZONE).toInstant();
  }

  private static void fixClock(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  /** The engine's clock shows {@code instant} now and runs on from there; returns the wall-clock millis of that moment. */
  private static long runClockFrom(Instant instant) {
    long wall = System.currentTimeMillis();
    ClockUtil.offset(instant.toEpochMilli() - wall);
    return wall;
  }

  /**
   * One asynchronous no-op job wakes the job executor at once; then it finds nothing and sleeps 1, 2,
   * 4 s, then max-wait each time. Returns when {@code leftSeconds} of its second max-wait sleep are left.
   */
  private void idleUntilPhase(double leftSeconds) throws InterruptedException {
    runtime.startProcessInstanceByKey(ALIGN);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (runtime.createProcessInstanceQuery().processDefinitionKey(ALIGN).count() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the job executor did not run the alignment job within 30 s");
      }
      Thread.sleep(10);
    }
    long woken = System.nanoTime();
    long rampMillis = 0;
    for (long sleep = waitMillis; sleep < maxWait; sleep *= 2) {
      rampMillis += sleep; // 1 + 2 + 4 s
    }
    long until = woken + (rampMillis + 2L * maxWait) * 1_000_000L - (long) (leftSeconds * 1e9);
    long left = until - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  private void inBatches(int n, IntConsumer action) {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    for (int from = 0; from < n; from += BATCH) {
      int first = from;
      int last = Math.min(n, from + BATCH);
      tx.executeWithoutResult(status -> {
        for (int i = first; i < last; i++) {
          action.accept(i);
        }
      });
    }
  }

  /** Until no job is due and no mail waits in the outbox. */
  private void awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long jobs = management.createJobQuery().executable().count();
      long pending = count("select count(*) from notification where status = 'PENDING'");
      if (jobs == 0 && pending == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not idle after " + timeout + ": " + jobs + " jobs due, " + pending + " mails pending");
      }
      Thread.sleep(100);
    }
  }

  private long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  private static List<StoredMessage> stored() {
    return greenMail.getManagers().getImapHostManager().getAllMessages();
  }

  private static int received() {
    return stored().size();
  }

  /** Busy and total jiffies of the whole machine (/proc/stat), to see other processes competing for the cores. */
  private static long[] machineJiffies() {
    try {
      String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (Exception e) {
      return new long[] {0, 0};
    }
  }

  private static double machineBusy(long[] before) {
    long[] after = machineJiffies();
    long total = after[1] - before[1];
    return total <= 0 ? Double.NaN : 100.0 * (after[0] - before[0]) / total;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long heapAfterGc() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  // ----- results ------------------------------------------------------------------------------

  static final class Storm {
    final String label;
    final int n;
    double createSeconds;
    double variablesPerItem = Double.NaN;
    double warmupSeconds = Double.NaN;
    /** Seconds after the due instant: first job done (escalation recorded), all jobs done. */
    double firstDone = Double.NaN;
    double allDone = Double.NaN;
    double cpuSeconds;
    double wallSeconds;
    double machineBusy = Double.NaN;
    int mailsAtAllDone;
    double jobPhaseBusy = Double.NaN;
    double outboxMb = Double.NaN;
    double loadBefore = Double.NaN;
    long expected;
    int received;
    int distinctIds;
    int distinctKeys;
    long lost;
    long duplicated;
    long lostByKey;
    long duplicatedByKey;
    double firstMail = Double.NaN;
    double allMails = Double.NaN;
    double p50 = Double.NaN;
    double p99 = Double.NaN;

    Storm(String label, int n) {
      this.label = label;
      this.n = n;
    }

    boolean mails() {
      return expected > 0;
    }

    void collect(List<StoredMessage> messages, long wall0, Set<String> expectedIds, Set<String> expectedKeys, boolean byId)
        throws MessagingException {
      received = messages.size();
      Set<String> ids = new HashSet<>();
      Set<String> keys = new HashSet<>();
      long[] delays = new long[messages.size()];
      int i = 0;
      for (StoredMessage stored : messages) {
        MimeMessage m = stored.getMimeMessage();
        ids.add(m.getHeader("Message-ID", null));
        keys.add(m.getRecipients(Message.RecipientType.TO)[0].toString() + "|" + m.getSubject());
        delays[i++] = stored.getReceivedDate().getTime() - wall0;
      }
      distinctIds = ids.size();
      distinctKeys = keys.size();
      if (byId) {
        Set<String> missing = new HashSet<>(expectedIds);
        missing.removeAll(ids);
        lost = missing.size();
        duplicated = received - distinctIds;
      }
      Set<String> missingKeys = new HashSet<>(expectedKeys);
      missingKeys.removeAll(keys);
      lostByKey = missingKeys.size();
      duplicatedByKey = received - distinctKeys;
      if (!byId) {
        lost = lostByKey;
        duplicated = duplicatedByKey;
      }
      Arrays.sort(delays);
      if (delays.length > 0) {
        firstMail = delays[0] / 1000.0;
        allMails = delays[delays.length - 1] / 1000.0;
        p50 = percentile(delays, 0.50) / 1000.0;
        p99 = percentile(delays, 0.99) / 1000.0;
      }
    }

    void check(List<String> problems) {
      if (lost != 0 || duplicated != 0 || lostByKey != 0 || duplicatedByKey != 0) {
        problems.add(String.format("N=%d %s: lost %d / duplicated %d by Message-ID, lost %d / duplicated %d by recipient+subject",
            n, label, lost, duplicated, lostByKey, duplicatedByKey));
      }
    }

    double mailsPerSecond() {
      return received / allMails;
    }
  }

  static long percentile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static final class Round {
    final int n;
    Storm duban;
    Storm noop;
    Storm mail;
    long heapMb;

    Round(int n) {
      this.n = n;
    }
  }

  static final class Quiet {
    final List<String> days = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f2(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
  }

  private static void print(String title, Round r) {
    Storm d = r.duban;
    Storm o = r.noop;
    Storm m = r.mail;
    out("%n## %s", title);
    out("| %s | Duban | bare, no-op | bare, 1 mail each | Duban / bare |", "N = " + r.n);
    out("|---|---|---|---|---|");
    out("| created (s; per s) | %s; %.0f items/s | %s; %.0f/s | %s; %.0f/s | |", f(d.createSeconds), d.n / d.createSeconds,
        f(o.createSeconds), o.n / o.createSeconds, f(m.createSeconds), m.n / m.createSeconds);
    out("| process variables per item (runtime) | %.1f | | | |", d.variablesPerItem);
    out("| first job done after due (s) | %s | %s | %s | |", f(d.firstDone), f(o.firstDone), f(m.firstDone));
    out("| all escalations recorded / all jobs done (s) | %s | %s | %s | %s of no-op |", f(d.allDone), f(o.allDone),
        f(m.allDone), ratio(d.allDone, o.allDone));
    out("| jobs per second (N / all done) | %.0f | %.0f | %.0f | |", d.n / d.allDone, o.n / o.allDone, m.n / m.allDone);
    out("| mails expected / received | %d / %d | – | %d / %d | |", d.expected, d.received, m.expected, m.received);
    out("| first mail after due (s) | %s | – | %s | |", f(d.firstMail), f(m.firstMail));
    out("| all mails in GreenMail (s) | %s | – | %s | %s of 1-mail |", f(d.allMails), f(m.allMails), ratio(d.allMails, m.allMails));
    out("| mails in GreenMail when all escalations were recorded | %d of %d | – | – | |", d.mailsAtAllDone, d.expected);
    out("| mails per second | %.0f | – | %.0f | %s |", d.mailsPerSecond(), m.mailsPerSecond(), ratio(d.mailsPerSecond(), m.mailsPerSecond()));
    out("| lost / duplicated (Message-ID) | %d / %d | – | – | |", d.lost, d.duplicated);
    out("| lost / duplicated (recipient+subject) | %d / %d | – | %d / %d | |", d.lostByKey, d.duplicatedByKey,
        m.lostByKey, m.duplicatedByKey);
    out("| delay due → mail p50 / p99 (s) | %s / %s | – | %s / %s | |", f(d.p50), f(d.p99), f(m.p50), f(m.p99));
    out("| this JVM's CPU, of %d cores: whole storm (until all escalations recorded) | %.0f%% (%.0f%%) | %.0f%% | %.0f%% | |",
        Runtime.getRuntime().availableProcessors(), busy(d), d.jobPhaseBusy, busy(o), busy(m));
    out("| machine CPU busy, all processes (load avg before) | %.0f%% (%.1f) | %.0f%% (%.1f) | %.0f%% (%.1f) | |",
        d.machineBusy, d.loadBefore, o.machineBusy, o.loadBefore, m.machineBusy, m.loadBefore);
    out("| earlier alerts skipped (s, before the measurement) | %s | | | |", f(d.warmupSeconds));
    out("| heap after GC at the end (MB; in-memory H2 included, GreenMail purged) | %d | | | |", r.heapMb);
    out("| outbox mail bodies, text + HTML (MB) | %.1f (%.1f KB per mail) | | | |", d.outboxMb, d.outboxMb * 1000 / Math.max(1, d.expected));
  }

  private static double busy(Storm s) {
    return 100.0 * s.cpuSeconds / (s.wallSeconds * Runtime.getRuntime().availableProcessors());
  }

  private static void print(Quiet q) {
    long[] d = q.delays.stream().mapToLong(Long::longValue).sorted().toArray();
    out("%n## quiet time: one day's reminder instants at a time, executor idle before each");
    q.days.forEach(day -> out("- %s", day));
    if (d.length > 0) {
      out("| mails | delay p50 (s) | p99 (s) | max (s) |");
      out("|---|---|---|---|");
      out("| %d | %s | %s | %s |", d.length, f2(percentile(d, 0.5) / 1000.0), f2(percentile(d, 0.99) / 1000.0),
          f2(d[d.length - 1] / 1000.0));
    }
  }
}

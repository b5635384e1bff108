package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.duban.campaign.CampaignService;
import org.duban.organization.Roles;
import org.duban.supervision.ItemEventKind;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.ItemStatus;
import org.duban.supervision.SupervisedItem;
import org.duban.support.BureauFiles;
import org.duban.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 50 people at once (issue 11): the two colleagues of each of 24 departments race each other for their
 * department's items over /engine-rest — list, 签收, 提交 — and two office staff race for the reviews,
 * with the job executor on as in production. Every answer is a success or a clean conflict (409, with
 * a message in Chinese); never a 5xx. Afterwards every item is closed, submitted exactly
 * once, by the one person whose completion was answered 204. Prints the answers and their latencies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:duban-concurrent;DB_CLOSE_DELAY=-1",
    "duban.demo.password=demo",
    "duban.demo.start-campaign=false",
    // (no logging levels here: they are the JVM's, and would outlast this context into the cached ones of other tests)
    "logging.level.org.camunda.bpm.engine.context=off"})
class ConcurrentUsersTest {
  private static final int DEPARTMENTS = 24;
  private static final int PLAN_ITEMS = 6;
  private static final String REST = "/engine-rest";
  private static final String REPORT = "本单位已按要求完成该项工作，相关材料已归档备查。";

  @Autowired CampaignService campaigns;
  @Autowired ItemRepository items;
  @Autowired RuntimeService runtime;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  /** What every request answered, by kind and status, with its latency. */
  private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  /** task id → who got 204 for completing it. */
  private final Map<String, String> completedBy = new ConcurrentHashMap<>();

  @DynamicPropertySource
  static void config(DynamicPropertyRegistry registry) {
    Path dir = BureauFiles.write(organization(), Map.of("race.yaml", plan()));
    registry.add("duban.config-dir", dir::toString);
  }

  private static String department(int i) {
    return String.format("d%02d", i);
  }

  private static String organization() {
    StringBuilder y = new StringBuilder("bureau: 并发测试市生态环境局\nleaders:\n"
        + "  - {id: leader, name: 局长, title: 局长, email: leader@race.local}\n"
        + "leadingGroup: {head: leader, deputies: []}\n"
        + "creationOffice:\n  director: {id: director, name: 主任, email: director@race.local}\n"
        + "  staff:\n    - {id: office-1, name: 创建办甲, email: office-1@race.local}\n"
        + "    - {id: office-2, name: 创建办乙, email: office-2@race.local}\n"
        + "administrators:\n  - {id: admin, name: 系统管理员, email: admin@race.local}\n"
        + "departments:\n");
    for (int i = 1; i <= DEPARTMENTS; i++) {
      String d = department(i);
      y.append("  - id: ").append(d).append("\n    name: 单位").append(d).append("\n    kind: 处室\n    deputy: leader\n")
          .append("    head: {id: head-").append(d).append(", name: 负责人").append(d).append(", email: head-").append(d).append("@race.local}\n")
          .append("    liaisons:\n      - {id: liaison-").append(d).append(", name: 联络员").append(d).append(", email: liaison-")
          .append(d).append("@race.local}\n");
    }
    return y.toString();
  }

  /** Six items, each led by one department and assisted by all the others: six items per department. */
  private static String plan() {
    return BureauFiles.plan("race", IntStream.rangeClosed(1, DEPARTMENTS).mapToObj(ConcurrentUsersTest::department).toList(), PLAN_ITEMS);
  }

  @Test
  void fiftyPeopleSigningForAndCompletingAtOnceGetSuccessOrACleanConflict() throws Exception {
    String campaignId = campaigns.start("race", LocalDate.now());
    int expected = DEPARTMENTS * PLAN_ITEMS;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (items.ofCampaign(campaignId).size() < expected
        || jdbc.sql("select count(*) from act_ru_task where task_def_key_ = ?").param(ItemProcess.TASK_HANDLE).query(Long.class).single() < expected) {
      assertThat(System.nanoTime()).as("the launch of %d items", expected).isLessThan(deadline);
      Thread.sleep(200);
    }

    List<Callable> people = new ArrayList<>();
    for (int i = 1; i <= DEPARTMENTS; i++) {
      String d = department(i);
      for (String user : List.of("head-" + d, "liaison-" + d)) {
        people.add(() -> work(user, d, ItemProcess.TASK_HANDLE, "{\"variables\":{\"" + ItemProcess.Var.REPORT + "\":{\"value\":\"" + REPORT + "\"}}}",
            () -> openItems(campaignId, d)));
      }
    }
    for (String user : List.of("office-1", "office-2")) {
      people.add(() -> work(user, Roles.CREATION_OFFICE, ItemProcess.TASK_REVIEW,
          "{\"variables\":{\"" + ItemProcess.Var.ACCEPTED + "\":{\"value\":true,\"type\":\"Boolean\"}}}",
          () -> unclosedLeadItems(campaignId)));
    }
    assertThat(people).hasSize(50);

    ExecutorService pool = Executors.newFixedThreadPool(people.size());
    CountDownLatch start = new CountDownLatch(1);
    long t0 = System.nanoTime();
    List<Future<?>> running = people.stream().map(p -> pool.submit(() -> {
      start.await();
      p.call();
      return null;
    })).collect(Collectors.toList());
    start.countDown();
    for (Future<?> f : running) {
      f.get(5, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    report(seconds);

    assertThat(failures).as("answers that are neither a success nor a clean conflict").isEmpty();
    List<SupervisedItem> all = items.ofCampaign(campaignId);
    assertThat(all).hasSize(expected).allSatisfy(i -> assertThat(i.status()).as(i.serial()).isEqualTo(ItemStatus.CLOSED));
    for (SupervisedItem item : all) {
      var submitted = items.events(item.serial()).stream().filter(e -> e.kind() == ItemEventKind.SUBMITTED).toList();
      assertThat(submitted).as("%s submitted once", item.serial()).hasSize(1);
      assertThat(item.assignee()).as("%s: the one answered 204 is the one on record", item.serial())
          .isIn(completedBy.values()).isEqualTo(submitted.get(0).actor());
    }
    // every 办理 and review task completed once: as many 204s as tasks, each task by one person
    assertThat(answers.getOrDefault("complete 204", new AtomicInteger()).get()).isEqualTo(completedBy.size());
    assertThat(completedBy).hasSize(expected + PLAN_ITEMS);
    assertThat(runtime.createIncidentQuery().count()).isZero();
    assertThat(answers.keySet()).as("the colleagues did collide").anyMatch(k -> k.endsWith("409"));
  }

  private interface Callable {
    void call() throws Exception;
  }

  private interface Remaining {
    long count();
  }

  private long openItems(String campaignId, String departmentId) {
    return items.ofCampaign(campaignId).stream().filter(i -> i.departmentId().equals(departmentId) && i.isOpen()
        && i.status() != ItemStatus.IN_REVIEW).count();
  }

  private long unclosedLeadItems(String campaignId) {
    return items.ofCampaign(campaignId).stream().filter(i -> i.role() == org.duban.supervision.ItemRole.LEAD && i.isOpen()).count();
  }

  /**
   * One person's session: list the group's tasks, take one at random (the colleague may take the same), 签收 it if
   * nobody has, complete it — and now and then try to complete one the colleague holds, as a stale page would.
   */
  private void work(String user, String group, String taskKey, String completion, Remaining remaining) throws InterruptedException {
    Http http = Http.basic(port, user, "demo");
    Random random = new Random(user.hashCode());
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (remaining.count() > 0) {
      if (System.nanoTime() > deadline) {
        failures.add(user + ": work left after 4 minutes");
        return;
      }
      Http.Response list = timed("list", () -> http.get(REST + "/task?candidateGroup=" + group + "&includeAssignedTasks=true"
          + "&taskDefinitionKey=" + taskKey + "&sortBy=dueDate&sortOrder=asc&maxResults=50"));
      if (list.status() != 200) {
        failures.add(user + " list: " + list.status() + " " + list.body());
        return;
      }
      List<JsonNode> tasks = new ArrayList<>();
      list.json().forEach(tasks::add);
      if (tasks.isEmpty()) {
        Thread.sleep(50); // a review not created yet, or the colleague's last one being completed
        continue;
      }
      Collections.shuffle(tasks, random);
      JsonNode task = tasks.get(0);
      String id = task.path("id").asText();
      String assignee = task.path("assignee").isTextual() ? task.path("assignee").asText() : null;
      if (assignee == null) {
        Http.Response claim = timed("claim", () -> http.post(REST + "/task/" + id + "/claim", "{\"userId\":\"" + user + "\"}"));
        if (claim.status() != 204) {
          continue; // taken or completed by the colleague a moment ago (checked in timed)
        }
      } else if (!assignee.equals(user) && random.nextInt(4) != 0) {
        continue; // mostly leave the colleague's task alone; sometimes try, as a stale page would
      }
      Http.Response done = timed("complete", () -> http.post(REST + "/task/" + id + "/complete", completion));
      if (done.status() == 204 && completedBy.putIfAbsent(id, user) != null) {
        failures.add(user + ": task " + id + " completed a second time");
      }
    }
  }

  private Http.Response timed(String kind, java.util.function.Supplier<Http.Response> request) {
    long t0 = System.nanoTime();
    Http.Response r = request.get();
    latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - t0);
    answers.computeIfAbsent(kind + " " + r.status(), k -> new AtomicInteger()).incrementAndGet();
    boolean clean = r.status() < 300 || (!kind.equals("list") && r.status() == 409);
    if (!clean) {
      failures.add(kind + " " + r.status() + ": " + r.body());
    } else if (r.status() >= 400 && !r.json().path("message").asText("").matches(".*[\\u4e00-\\u9fa5].*")) {
      failures.add(kind + " " + r.status() + " without a message in Chinese: " + r.body());
    }
    return r;
  }

  private void report(double seconds) {
    System.out.printf("%n## 50 concurrent users (%d departments × 2 colleagues, 2 office staff): %.1f s%n", DEPARTMENTS, seconds);
    System.out.println("| request | answers | p50 | p95 |\n|---|---|---|---|");
    latencies.forEach((kind, ns) -> {
      List<Long> sorted = new ArrayList<>(ns);
      Collections.sort(sorted);
      String statuses = answers.entrySet().stream().filter(e -> e.getKey().startsWith(kind + " "))
          .map(e -> e.getKey().substring(kind.length() + 1) + " × " + e.getValue()).sorted().collect(Collectors.joining(", "));
      System.out.printf("| %s | %s | %.0f ms | %.0f ms |%n", kind, statuses, sorted.get(sorted.size() / 2) / 1e6,
          sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6);
    });
  }
}

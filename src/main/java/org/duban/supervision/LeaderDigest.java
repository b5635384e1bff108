package org.duban.supervision;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.duban.notification.MailKind;
import org.duban.notification.MailSettings;
import org.duban.notification.MailTemplates;
import org.duban.notification.Notifier;
import org.duban.notification.OutgoingMail;
import org.duban.notification.Recipient;
import org.duban.plan.BureauConfig;
import org.duban.plan.DateLabels;
import org.duban.plan.Organization;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 督办日报: the creation-office director, the deputies in charge and the 局长 get one mail a day,
 * at {@code duban.deadlines.digest-at}, listing the escalations raised for them since the last one,
 * by department with its head — instead of a mail per item (departments keep theirs). An escalation
 * writes an entry (digest_entry) in its own transaction; the day's mail is written to the outbox
 * in the transaction that marks the entries sent, by the one instance of leader-digest.bpmn: never
 * lost, never written twice. {@code duban.deadlines.digest: per-item} keeps a mail per item for them too.
 */
@Component("leaderDigest")
public class LeaderDigest {
  private final JdbcClient jdbc;
  private final ItemRepository items;
  private final Organization org;
  private final MailTemplates templates;
  private final MailSettings settings;
  private final Notifier notifier;
  private final RuntimeService runtime;
  private final boolean daily;
  private final LocalTime at;

  LeaderDigest(JdbcClient jdbc, ItemRepository items, BureauConfig config, MailTemplates templates, MailSettings settings,
      Notifier notifier, RuntimeService runtime, @Value("${duban.deadlines.digest:daily}") String digest,
      @Value("${duban.deadlines.digest-at:09:30}") String at) {
    if (!digest.equals("daily") && !digest.equals("per-item")) {
      throw new IllegalArgumentException("duban.deadlines.digest must be daily or per-item, not '" + digest + "'");
    }
    this.jdbc = jdbc;
    this.items = items;
    this.org = config.organization();
    this.templates = templates;
    this.settings = settings;
    this.notifier = notifier;
    this.runtime = runtime;
    this.daily = digest.equals("daily");
    this.at = LocalTime.parse(at);
  }

  /** Whether the leaders' escalations go into the daily digest. */
  public boolean daily() {
    return daily;
  }

  /** The leaders' part of an escalation: an entry each, sent with their next digest. */
  void add(SupervisedItem item, List<Recipient> leaders, int level, int daysOverdue, OffsetDateTime now) {
    for (Recipient r : leaders) {
      boolean written = jdbc.sql("select count(*) from digest_entry where recipient_id = ? and item_serial = ? and level = ?")
          .params(r.id(), item.serial(), level).query(Integer.class).single() > 0;
      if (!written) {
        jdbc.sql("insert into digest_entry (recipient_id, item_serial, department_id, level, days_overdue, recorded_at)"
                + " values (?,?,?,?,?,?)")
            .params(r.id(), item.serial(), item.departmentId(), level, daysOverdue, now).update();
      }
    }
  }

  /** The timer of the digest loop: the next digest hour after now (Asia/Shanghai). */
  public Date nextAt() {
    return Date.from(nextAfter(ItemDelegates.now()).toInstant());
  }

  /** The digest that carries what is recorded at {@code instant}: the first digest hour after it. */
  public OffsetDateTime nextAfter(OffsetDateTime instant) {
    ZonedDateTime then = instant.atZoneSameInstant(Deadlines.ZONE);
    ZonedDateTime next = then.toLocalDate().atTime(at).atZone(Deadlines.ZONE);
    return (next.isAfter(then) ? next : next.plusDays(1)).toOffsetDateTime();
  }

  /** The loop is started once (at startup, and again only if it is gone). */
  public void ensureRunning() {
    if (runtime.createProcessInstanceQuery().processDefinitionKey(DigestProcess.KEY).count() == 0) {
      runtime.startProcessInstanceByKey(DigestProcess.KEY);
    }
  }

  private record Entry(long id, String recipientId, String serial, String departmentId, int level, int daysOverdue) {}

  /** The digest hour: one mail per person with unsent entries, and the entries marked sent, in one transaction. */
  public void send() {
    OffsetDateTime now = ItemDelegates.now();
    Map<String, List<Entry>> byRecipient = new LinkedHashMap<>();
    jdbc.sql("select id, recipient_id, item_serial, department_id, level, days_overdue from digest_entry where sent_at is null"
            + " order by recipient_id, department_id, item_serial, level")
        .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6)))
        .list()
        .forEach(e -> byRecipient.computeIfAbsent(e.recipientId(), k -> new ArrayList<>()).add(e));
    LocalDate today = now.atZoneSameInstant(Deadlines.ZONE).toLocalDate();
    List<OutgoingMail> mails = new ArrayList<>();
    byRecipient.forEach((recipientId, entries) -> mails.add(mail(recipientId, entries, today)));
    notifier.queue(mails);
    byRecipient.values().forEach(entries -> entries.forEach(e ->
        jdbc.sql("update digest_entry set sent_at = ? where id = ?").params(now, e.id()).update()));
  }

  private OutgoingMail mail(String recipientId, List<Entry> entries, LocalDate today) {
    Organization.Person person = org.person(recipientId).orElse(new Organization.Person(recipientId, recipientId, null, null));
    Map<String, List<Map<String, Object>>> byDepartment = new LinkedHashMap<>();
    for (Entry e : entries) {
      SupervisedItem item = items.find(e.serial()).orElseThrow();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("serial", item.serial());
      row.put("title", item.title());
      row.put("dueDate", DateLabels.withWeekday(item.dueDate()));
      row.put("daysOverdue", e.daysOverdue());
      row.put("level", e.level() + "级预警");
      row.put("status", item.displayStatus());
      row.put("link", settings.baseUrl() + "/items/" + item.serial());
      byDepartment.computeIfAbsent(e.departmentId(), k -> new ArrayList<>()).add(row);
    }
    List<Map<String, Object>> departments = new ArrayList<>();
    byDepartment.forEach((departmentId, rows) -> {
      Organization.Department d = org.department(departmentId).orElse(null);
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("name", org.departmentName(departmentId));
      group.put("head", d == null ? "" : d.head().name());
      group.put("contact", d == null ? "" : d.head().phone() != null ? "电话 " + d.head().phone()
          : d.head().email() == null ? "" : d.head().email());
      group.put("items", rows);
      departments.add(group);
    });
    String subject = "【督办日报】" + today.getYear() + "年" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日 新增超期预警 "
        + entries.size() + " 项";
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("subject", subject);
    model.put("recipient", person.name());
    model.put("count", entries.size());
    model.put("departments", departments);
    model.put("dashboard", settings.baseUrl() + "/dashboard");
    model.put("officeContact", settings.officeContact());
    MailTemplates.Body body = templates.render("digest", model);
    // the key names the entries: a retried transaction writes the same mail, a later digest another
    long first = entries.stream().mapToLong(Entry::id).min().orElseThrow();
    long last = entries.stream().mapToLong(Entry::id).max().orElseThrow();
    String key = "DIGEST|" + recipientId + "|" + first + "-" + last;
    return new OutgoingMail(key, null, MailKind.DIGEST, new Recipient(person.id(), person.name(), person.email()), subject,
        body.text(), body.html());
  }
}

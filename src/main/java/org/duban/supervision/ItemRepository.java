package org.duban.supervision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** supervised_item, item_event and the serial counter. Joins the engine's transaction. */
@Repository
public class ItemRepository {
  private static final String COLUMNS =
      "serial, campaign_id, stage_id, plan_item_id, department_id, role, title, description, due_date,"
          + " status, adhoc, process_instance_id, assignee, claimed_at, report, created_at, submitted_at, closed_at,"
          + " kind, evidence, evidence_required";

  private static final Object CACHE = new Object();

  private final JdbcClient jdbc;
  private final TransactionTemplate separately;

  ItemRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Reserves {@code count} consecutive numbers of the year's counter and returns the first. In a
   * transaction of its own, so the counter's row lock lasts a moment, not a launch: launches never
   * wait on each other for serial numbers (a rolled-back launch leaves a gap in the numbers).
   */
  public long reserveSerials(int year, int count) {
    String bump = "update serial_counter set last_value = last_value + ? where serial_year = ?";
    for (int attempt = 0; ; attempt++) {
      try {
        Long last = separately.execute(status -> {
          if (jdbc.sql(bump).params(count, year).update() == 0) {
            jdbc.sql("insert into serial_counter (serial_year, last_value) values (?, ?)").params(year, count).update();
          }
          return jdbc.sql("select last_value from serial_counter where serial_year = ?").param(year).query(Long.class).single();
        });
        return last - count + 1;
      } catch (DuplicateKeyException raced) {
        if (attempt > 0) {
          throw raced; // another node made the year's row a moment ago: the second try bumps it
        }
      }
    }
  }

  public static String serial(int year, long number) {
    return String.format("DB-%d-%04d", year, number);
  }

  public void insert(SupervisedItem item) {
    changed();
    jdbc.sql("insert into supervised_item (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .params(
            item.serial(), item.campaignId(), item.stageId(), item.planItemId(), item.departmentId(),
            item.role().name(), item.title(), item.description(), item.dueDate(), item.status().name(),
            item.adhoc(), item.processInstanceId(), item.assignee(), item.claimedAt(), item.report(),
            item.createdAt(), item.submittedAt(), item.closedAt(), item.kind().name(), item.evidence(),
            item.evidenceRequired())
        .update();
  }

  /**
   * At the start of the item's process: the record the starter inserted is tied to its instance, once.
   * Refused for a serial that is unknown or already has a process (an instance started past Duban).
   */
  public void linkInstance(String serial, String processInstanceId) {
    changed();
    int linked = jdbc.sql("update supervised_item set process_instance_id = ? where serial = ? and process_instance_id is null")
        .params(processInstanceId, serial).update();
    if (linked != 1) {
      throw new IllegalStateException("督办事项流程只能由督办系统为新登记的事项启动（" + serial + "）");
    }
  }

  /** The item a process instance drives: how listeners, delegates and expressions find their facts. */
  public SupervisedItem ofInstance(String processInstanceId) {
    return findByInstance(processInstanceId)
        .orElseThrow(() -> new IllegalStateException("流程实例 " + processInstanceId + " 没有对应的督办事项"));
  }

  public Optional<SupervisedItem> findByInstance(String processInstanceId) {
    Map<String, SupervisedItem> cache = transactionCache();
    SupervisedItem cached = cache == null ? null : cache.get(processInstanceId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<SupervisedItem> found = jdbc.sql("select " + COLUMNS + " from supervised_item where process_instance_id = ?")
        .param(processInstanceId).query(this::map).optional();
    if (cache != null) {
      found.ifPresent(i -> cache.put(processInstanceId, i));
    }
    return found;
  }

  /**
   * The items read by instance id in this transaction: a new task asks its record five times (name,
   * due and follow-up date, candidate group, form), a launch thousands of times. Any change to an
   * item in the transaction empties it.
   */
  private static Map<String, SupervisedItem> transactionCache() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, SupervisedItem> cache = (Map<String, SupervisedItem>) TransactionSynchronizationManager.getResource(CACHE);
    if (cache == null) {
      Map<String, SupervisedItem> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(CACHE, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(CACHE);
        }
      });
      return fresh;
    }
    return cache;
  }

  private static void changed() {
    Map<String, SupervisedItem> cache = transactionCache();
    if (cache != null) {
      cache.clear();
    }
  }

  /** The departments that have the plan item already (a retried launch skips them). */
  public java.util.Set<String> departmentsWith(String campaignId, String planItemId) {
    return new java.util.HashSet<>(jdbc.sql("select department_id from supervised_item where campaign_id = ? and plan_item_id = ?")
        .params(campaignId, planItemId).query(String.class).list());
  }

  public Optional<SupervisedItem> find(String serial) {
    return jdbc.sql("select " + COLUMNS + " from supervised_item where serial = ?").param(serial).query(this::map).optional();
  }

  public List<SupervisedItem> ofCampaign(String campaignId) {
    return jdbc.sql("select " + COLUMNS + " from supervised_item where campaign_id = ? order by serial")
        .param(campaignId).query(this::map).list();
  }

  public List<SupervisedItem> ofStage(String campaignId, String stageId) {
    return jdbc.sql("select " + COLUMNS + " from supervised_item where campaign_id = ? and stage_id = ? order by serial")
        .params(campaignId, stageId).query(this::map).list();
  }

  public List<SupervisedItem> ofPlanItem(String campaignId, String planItemId) {
    return jdbc.sql("select " + COLUMNS + " from supervised_item where campaign_id = ? and plan_item_id = ? order by role desc, serial")
        .params(campaignId, planItemId).query(this::map).list();
  }

  public List<SupervisedItem> ofDepartments(List<String> departmentIds) {
    if (departmentIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select " + COLUMNS + " from supervised_item where department_id in (:ids) order by serial")
        .param("ids", departmentIds).query(this::map).list();
  }

  public List<SupervisedItem> all() {
    return jdbc.sql("select " + COLUMNS + " from supervised_item order by serial").query(this::map).list();
  }

  /** Lead items of a stage not yet closed: the plan items the stage gate still waits for. */
  public int openLeadItems(String campaignId, String stageId) {
    return jdbc.sql("select count(*) from supervised_item where campaign_id = ? and stage_id = ? and role = 'LEAD' and status <> 'CLOSED'")
        .params(campaignId, stageId).query(Integer.class).single();
  }

  public int openItemsOfDepartment(String departmentId) {
    return jdbc.sql("select count(*) from supervised_item where department_id = ? and status <> 'CLOSED'")
        .param(departmentId).query(Integer.class).single();
  }

  public void updateStatus(String serial, ItemStatus status) {
    changed();
    jdbc.sql("update supervised_item set status = ? where serial = ?").params(status.name(), serial).update();
  }

  public void claimed(String serial, String assignee, OffsetDateTime at) {
    changed();
    jdbc.sql("update supervised_item set status = ?, assignee = ?, claimed_at = ? where serial = ?")
        .params(ItemStatus.IN_PROGRESS.name(), assignee, at, serial).update();
  }

  public void unclaimed(String serial, ItemStatus status) {
    changed();
    jdbc.sql("update supervised_item set status = ?, assignee = null where serial = ?").params(status.name(), serial).update();
  }

  public void submitted(String serial, ItemStatus status, String report, OffsetDateTime at) {
    changed();
    jdbc.sql("update supervised_item set status = ?, report = ?, submitted_at = ? where serial = ?")
        .params(status.name(), report, at, serial).update();
  }

  /** A new due date; the first one is kept as the original (history keeps every change). */
  public void extended(String serial, LocalDate newDue) {
    changed();
    jdbc.sql("update supervised_item set original_due_date = coalesce(original_due_date, due_date), due_date = ? where serial = ?")
        .params(newDue, serial).update();
  }

  public void closed(String serial, OffsetDateTime at) {
    changed();
    jdbc.sql("update supervised_item set status = 'CLOSED', closed_at = ? where serial = ?").params(at, serial).update();
  }

  /** A returned stage gate's reason, for the 办理 form of the item. */
  public void stageNotice(String serial, String notice) {
    changed();
    jdbc.sql("update supervised_item set stage_notice = ? where serial = ?").params(notice, serial).update();
  }

  public String stageNotice(String serial) {
    return jdbc.sql("select stage_notice from supervised_item where serial = ?").param(serial).query(String.class).optional().orElse(null);
  }

  /** The last review decision (审核通过 or 退回重办), as recorded when the reviewer completed the task. */
  public Optional<ItemEvent> lastReview(String serial) {
    return jdbc.sql("select kind, actor, occurred_at, detail from item_event where item_serial = ? and kind in ('ACCEPTED', 'RETURNED')"
            + " order by occurred_at desc, id desc")
        .param(serial)
        .query((rs, n) -> new ItemEvent(ItemEventKind.valueOf(rs.getString(1)), rs.getString(2),
            rs.getObject(3, OffsetDateTime.class), rs.getString(4)))
        .list().stream().findFirst();
  }

  /** 延期申请 and the director's decision on it. */
  public record Extension(long id, String serial, LocalDate previousDueDate, LocalDate requestedDueDate, String reason,
      String requestedBy, OffsetDateTime requestedAt, Boolean approved, String decidedBy, OffsetDateTime decidedAt,
      String comment) {}

  public void requestExtension(String serial, LocalDate previousDue, LocalDate requestedDue, String reason, String by,
      OffsetDateTime at) {
    jdbc.sql("insert into item_extension (item_serial, previous_due_date, requested_due_date, reason, requested_by, requested_at)"
            + " values (?,?,?,?,?,?)")
        .params(serial, previousDue, requestedDue, reason, by, at).update();
  }

  /** The item's latest request: the one its decision task is about. */
  public Optional<Extension> latestExtension(String serial) {
    return jdbc.sql("select id, item_serial, previous_due_date, requested_due_date, reason, requested_by, requested_at, approved,"
            + " decided_by, decided_at, decision_comment from item_extension where item_serial = ? order by requested_at desc, id desc")
        .param(serial)
        .query((rs, n) -> new Extension(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
            rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
            (Boolean) rs.getObject(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class), rs.getString(11)))
        .list().stream().findFirst();
  }

  public void extensionDecided(long id, boolean approved, String by, OffsetDateTime at, String comment) {
    jdbc.sql("update item_extension set approved = ?, decided_by = ?, decided_at = ?, decision_comment = ? where id = ?")
        .params(approved, by, at, comment, id).update();
  }

  public void addEvent(String serial, ItemEventKind kind, String actor, OffsetDateTime at, String detail) {
    jdbc.sql("insert into item_event (item_serial, kind, actor, occurred_at, detail) values (?,?,?,?,?)")
        .params(serial, kind.name(), actor, at, detail).update();
  }

  public List<ItemEvent> events(String serial) {
    return jdbc.sql("select kind, actor, occurred_at, detail from item_event where item_serial = ? order by occurred_at, id")
        .param(serial)
        .query((rs, n) -> new ItemEvent(ItemEventKind.valueOf(rs.getString(1)), rs.getString(2),
            rs.getObject(3, OffsetDateTime.class), rs.getString(4)))
        .list();
  }

  private SupervisedItem map(ResultSet rs, int row) throws SQLException {
    return new SupervisedItem(
        rs.getString("serial"), rs.getString("campaign_id"), rs.getString("stage_id"), rs.getString("plan_item_id"),
        rs.getString("department_id"), ItemRole.valueOf(rs.getString("role")), rs.getString("title"),
        rs.getString("description"), rs.getObject("due_date", LocalDate.class),
        ItemStatus.valueOf(rs.getString("status")), rs.getBoolean("adhoc"), rs.getString("process_instance_id"),
        rs.getString("assignee"), rs.getObject("claimed_at", OffsetDateTime.class), rs.getString("report"),
        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("submitted_at", OffsetDateTime.class),
        rs.getObject("closed_at", OffsetDateTime.class), ItemKind.valueOf(rs.getString("kind")), rs.getString("evidence"),
        rs.getBoolean("evidence_required"));
  }
}

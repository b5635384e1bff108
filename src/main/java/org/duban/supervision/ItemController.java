package org.duban.supervision;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.duban.plan.BureauConfig;
import org.duban.plan.DateLabels;
import org.duban.plan.Plan;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Supervised items over REST; a department head sees the own department's items only. */
@RestController
class ItemController {
  private final ItemRepository items;
  private final TaskService tasks;
  private final BureauConfig config;
  private final ItemAccess access;
  private final PlanLookup plans;

  ItemController(ItemRepository items, TaskService tasks, BureauConfig config, ItemAccess access, PlanLookup plans) {
    this.plans = plans;
    this.items = items;
    this.tasks = tasks;
    this.config = config;
    this.access = access;
  }

  @GetMapping("/api/items")
  List<ItemView> list(@RequestParam(required = false) String campaignId, @RequestParam(required = false) String stageId,
      HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    List<SupervisedItem> visible = user.seesAllDepartments() ? items.all() : items.ofDepartments(user.groups());
    return visible.stream()
        .filter(i -> campaignId == null || i.campaignId().equals(campaignId))
        .filter(i -> stageId == null || i.stageId().equals(stageId))
        .map(ItemView::of)
        .toList();
  }

  /** One item with its trail; the lead department also sees the assisting departments' contributions. */
  @GetMapping("/api/items/{serial}")
  Map<String, Object> get(@PathVariable String serial, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    SupervisedItem item = access.readable(serial, user);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("item", ItemView.of(item));
    result.put("description", item.description());
    result.put("report", item.report());
    result.put("events", items.events(serial));
    if (item.role() == ItemRole.LEAD || user.seesAllDepartments()) {
      List<Map<String, Object>> contributions = new ArrayList<>();
      for (SupervisedItem other : items.ofPlanItem(item.campaignId(), item.planItemId())) {
        if (other.role() == ItemRole.ASSIST) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("serial", other.serial());
          c.put("departmentId", other.departmentId());
          c.put("departmentName", config.organization().departmentName(other.departmentId()));
          c.put("statusLabel", other.displayStatus());
          c.put("report", other.report());
          c.put("submittedAt", other.submittedAt());
          contributions.add(c);
        }
      }
      result.put("contributions", contributions);
    }
    return result;
  }

  /**
   * What a task's form shows: the item the task belongs to, from its record. The forms read nothing
   * else, so no variable written on a task can change what a department is asked to do.
   */
  @GetMapping("/api/tasks/{taskId}/item")
  Map<String, Object> ofTask(@PathVariable String taskId, HttpServletRequest request) {
    // under the caller's authorizations: another department's task is as unknown as a missing one
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    SupervisedItem item = task == null ? null : items.findByInstance(task.getProcessInstanceId()).orElse(null);
    if (item == null) {
      throw ApiException.notFound("没有督办事项的任务 " + taskId);
    }
    Map<String, Object> result = get(item.serial(), request);
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("itemId", item.serial());
    form.put("title", item.title());
    form.put("description", item.description());
    form.put("kind", item.kind().name());
    form.put("stageName", plans.planOf(item.campaignId()).stage(item.stageId()).map(Plan.Stage::name).orElse(item.stageId()));
    form.put("departmentName", config.organization().departmentName(item.departmentId()));
    form.put("role", item.role().name());
    form.put("roleLabel", item.role().label);
    form.put("dueDate", item.dueDate().toString());
    form.put("dueDateLabel", DateLabels.withWeekday(item.dueDate()));
    form.put("evidence", item.evidence());
    form.put("evidenceRequired", item.evidenceRequired());
    form.put("report", item.report());
    form.put("stageNotice", item.isOpen() ? items.stageNotice(item.serial()) : null);
    items.lastReview(item.serial()).filter(r -> r.kind() == ItemEventKind.RETURNED && item.isOpen()).ifPresent(r -> {
      form.put("returned", true);
      form.put("reviewComment", r.detail());
    });
    if (ItemProcess.TASK_DECIDE_EXTENSION.equals(task.getTaskDefinitionKey())) {
      items.latestExtension(item.serial()).ifPresent(x -> {
        form.put("requestedDueDate", x.requestedDueDate().toString());
        form.put("requestedDueDateLabel", DateLabels.withWeekday(x.requestedDueDate()));
        form.put("extensionReason", x.reason());
        form.put("extensionRequestedBy", config.organization().personName(x.requestedBy()));
      });
    }
    result.put("form", form);
    return result;
  }

  /** The stable address mails link to: redirects to the item's current task in Tasklist (task ids change). */
  @GetMapping("/items/{serial}")
  ResponseEntity<Void> open(@PathVariable String serial, HttpServletRequest request) {
    SupervisedItem item = access.readable(serial, CurrentUser.of(request));
    Task task = tasks.createTaskQuery().processInstanceId(item.processInstanceId()).active().list().stream().findFirst().orElse(null);
    String target = task == null
        ? "/camunda/app/tasklist/default/"
        : "/camunda/app/tasklist/default/#/?task=" + task.getId();
    return ResponseEntity.status(HttpStatus.FOUND).header("Location", target).build();
  }
}

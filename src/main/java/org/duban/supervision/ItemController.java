package org.duban.supervision;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.duban.plan.BureauConfig;
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

  ItemController(ItemRepository items, TaskService tasks, BureauConfig config, ItemAccess access) {
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

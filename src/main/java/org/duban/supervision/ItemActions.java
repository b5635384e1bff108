package org.duban.supervision;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.duban.notification.MailKind;
import org.duban.organization.Roles;
import org.duban.plan.BureauConfig;
import org.duban.plan.DateLabels;
import org.duban.plan.Plan;
import org.duban.plan.WorkingCalendar;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.duban.web.Privileged;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What people do to an open item besides handling it: ask for more time, urge it, report progress. */
@RestController
class ItemActions {
  private final ItemRepository items;
  private final AlertRepository alerts;
  private final ItemMails mails;
  private final Recipients recipients;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final PlanLookup plans;
  private final WorkingCalendar calendar;

  ItemActions(ItemRepository items, AlertRepository alerts, ItemMails mails, Recipients recipients, RuntimeService runtime,
      TaskService tasks, IdentityService identity, PlanLookup plans, BureauConfig config) {
    this.plans = plans;
    this.calendar = config.calendar();
    this.items = items;
    this.alerts = alerts;
    this.mails = mails;
    this.recipients = recipients;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
  }

  record ExtensionRequest(LocalDate newDueDate, String reason) {}

  /** 延期申请: before the due date, for a later date, with a reason; the director decides in Tasklist. */
  @PostMapping("/api/items/{serial}/extension")
  @Transactional
  Map<String, Object> requestExtension(@PathVariable String serial, @RequestBody ExtensionRequest body, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    SupervisedItem item = openItemOfOwnDepartment(serial, user);
    if (body == null || body.newDueDate() == null) {
      throw ApiException.badRequest("newDueDate: 必须填写申请延至的日期");
    }
    if (body.reason() == null || body.reason().isBlank()) {
      throw ApiException.badRequest("reason: 必须填写延期理由");
    }
    if (Deadlines.today().isAfter(item.dueDate())) {
      throw ApiException.badRequest("已过完成时限（" + DateLabels.withWeekday(item.dueDate()) + "），不能再申请延期，请尽快办理");
    }
    // a day off moves to the next working day as the plan says (遇节假日顺延); the answer shows the date asked for
    LocalDate requested = plans.planOf(item.campaignId()).dueDate(body.newDueDate(), calendar);
    if (!requested.isAfter(item.dueDate())) {
      throw ApiException.badRequest("newDueDate: 申请的日期 " + DateLabels.withWeekday(body.newDueDate())
          + (requested.equals(body.newDueDate()) ? " " : "不是工作日、顺延后为 " + DateLabels.withWeekday(requested) + "，")
          + "必须晚于现完成时限 " + DateLabels.withWeekday(item.dueDate()));
    }
    long pending = Privileged.run(identity, () -> tasks.createTaskQuery().processInstanceId(item.processInstanceId())
        .taskDefinitionKey(ItemProcess.TASK_DECIDE_EXTENSION).count()); // the director's task: invisible to the head
    if (pending > 0) {
      throw new ApiException(HttpStatus.CONFLICT, "该事项已有一份待审批的延期申请");
    }
    // the request is a row of the record; the director's task reads it from there
    items.requestExtension(serial, item.dueDate(), requested, body.reason().strip(), user.id(), ItemDelegates.now());
    items.addEvent(serial, ItemEventKind.EXTENSION_REQUESTED, user.id(), ItemDelegates.now(),
        item.dueDate() + " → " + requested + "：" + body.reason().strip());
    Privileged.run(identity, () -> runtime.createMessageCorrelation(ItemProcess.MSG_EXTENSION_REQUESTED)
        .processInstanceId(item.processInstanceId())
        .correlateWithResult());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("serial", serial);
    result.put("dueDate", item.dueDate().toString());
    result.put("dueDateLabel", DateLabels.withWeekday(item.dueDate()));
    result.put("requestedDueDate", requested.toString());
    result.put("requestedDueDateLabel", DateLabels.withWeekday(requested));
    if (!requested.equals(body.newDueDate())) {
      result.put("movedFrom", body.newDueDate().toString());
      result.put("notice", DateLabels.withWeekday(body.newDueDate()) + "不是工作日，已顺延至 " + DateLabels.withWeekday(requested) + "。");
    }
    return result;
  }

  record UrgeRequest(String message) {}

  /** 催办: the creation office urges an open item; at most once a day, by the database's key. */
  @PostMapping("/api/items/{serial}/urge")
  @Transactional
  Map<String, Object> urge(@PathVariable String serial, @RequestBody(required = false) UrgeRequest body, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    user.require("催办（仅创建办、创建办主任和系统管理员可以）", Roles.CREATION_OFFICE, Roles.CREATION_OFFICE_DIRECTOR, Roles.ADMIN);
    SupervisedItem item = items.find(serial).orElseThrow(() -> ApiException.notFound("没有督办事项 " + serial));
    if (!item.isOpen()) {
      throw ApiException.badRequest("事项 " + serial + " 已办结，无需催办");
    }
    LocalDate today = Deadlines.today();
    if (!alerts.urge(serial, today, user.id(), ItemDelegates.now())) {
      throw new ApiException(HttpStatus.CONFLICT, "事项 " + serial + " 今天（" + today + "）已催办过，每天最多催办一次");
    }
    String note = body == null || body.message() == null || body.message().isBlank() ? null : body.message().strip();
    items.addEvent(serial, ItemEventKind.URGED, user.id(), ItemDelegates.now(), note);
    mails.send(item, new ItemMails.Occasion(serial + "|URGE|" + today, MailKind.URGE,
        "【催办】" + item.title(), "创建办对督办事项「" + item.title() + "」进行催办，请抓紧办理并及时反馈。", note),
        recipients.of(item, List.of(Plan.Recipient.DEPARTMENT)));
    return Map.of("serial", serial, "urgedOn", today.toString(), "urgedBy", user.id());
  }

  record ProgressNote(String text) {}

  /** 进展反馈: a department records where a long-running item stands; kept with author and time. */
  @PostMapping("/api/items/{serial}/progress")
  @Transactional
  Map<String, Object> progress(@PathVariable String serial, @RequestBody ProgressNote body, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    SupervisedItem item = openItemOfOwnDepartment(serial, user);
    String text = body == null || body.text() == null ? "" : body.text().strip();
    if (text.length() < 5 || text.length() > 4000) {
      throw ApiException.badRequest("text: 进展情况应为 5 到 4000 个字");
    }
    items.addEvent(item.serial(), ItemEventKind.PROGRESS_NOTE, user.id(), ItemDelegates.now(), text);
    return Map.of("serial", serial, "author", user.id());
  }

  /** 通报 list: items that reached the notice level; a department head sees the own department's. */
  @GetMapping("/api/notices")
  List<AlertRepository.NoticeEntry> notices(HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    return alerts.notices().stream().filter(n -> user.mayRead(n.departmentId())).toList();
  }

  private SupervisedItem openItemOfOwnDepartment(String serial, CurrentUser user) {
    SupervisedItem item = items.find(serial).orElseThrow(() -> ApiException.notFound("没有督办事项 " + serial));
    if (!user.in(item.departmentId()) && !user.isAdmin()) {
      throw ApiException.notFound("没有督办事项 " + serial);
    }
    if (!item.isOpen()) {
      throw ApiException.badRequest("事项 " + serial + " 已办结");
    }
    return item;
  }
}

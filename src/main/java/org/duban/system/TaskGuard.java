package org.duban.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.evaluation.EvaluationProcess;
import org.duban.supervision.ItemProcess;
import org.duban.web.CurrentUser;
import org.duban.web.Privileged;
import org.duban.web.ReplayedBody;
import org.duban.web.SessionLogin;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * On the engine's REST APIs (/engine-rest, and Tasklist's /camunda/api/engine), a user may do with
 * a task exactly what its form does: read it, claim it for oneself, unclaim it (within the department), and complete it
 * (complete or submit-form) with the form's own fields. The engine's permissions refuse most of the
 * rest already (candidate groups get TASK_WORK, not UPDATE); this guard says so by name, refuses
 * what permissions cannot express (other variables at completion, claiming for someone else,
 * comments and attachments, one's own profile), and answers 404 for a task the caller cannot see,
 * as for one that does not exist. Administrators are not limited.
 */
class TaskGuard extends OncePerRequestFilter {
  private static final String ENGINE_PATH = "(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)";
  private static final Pattern TASK = Pattern.compile("^" + ENGINE_PATH + "/task/([^/]+)(/.*)?$");
  private static final Pattern USER = Pattern.compile("^" + ENGINE_PATH + "/user/([^/]+)(/.*)?$");
  /** Collection resources under /task that are not a task id. */
  private static final Set<String> NOT_AN_ID = Set.of("count", "create", "report");
  /** A completion's body: the self-check's scores are the largest (a JSON file variable). */
  private static final int MAX_BODY = 8 * 1024 * 1024;
  /** What the REST APIs put before a refusal's message; the person should read only the message. */
  private static final Pattern ENGINE_PREFIX = Pattern.compile("^Cannot [a-z ]+? task(?: form)? [^:]*: ");
  /** Each task definition's form fields, across Duban's processes (task definition keys are unique). */
  static final Map<String, Set<String>> FIELDS = fields();

  private final ProcessEngine engine;
  private final TaskService tasks;
  private final IdentityService identity;
  private final ObjectMapper json;

  TaskGuard(ProcessEngine engine, ObjectMapper json) {
    this.engine = engine;
    this.tasks = engine.getTaskService();
    this.identity = engine.getIdentityService();
    this.json = json;
  }

  private static Map<String, Set<String>> fields() {
    Map<String, Set<String>> all = new HashMap<>();
    for (Map<String, Set<String>> m : List.of(ItemProcess.FIELDS, CampaignProcess.FIELDS, EvaluationProcess.FIELDS)) {
      m.forEach((task, names) -> {
        if (all.put(task, names) != null) {
          throw new IllegalStateException("task definition key used twice: " + task);
        }
      });
    }
    return Map.copyOf(all);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher task = TASK.matcher(path);
    Matcher user = USER.matcher(path);
    boolean taskPath = task.matches() && !NOT_AN_ID.contains(task.group(1));
    if (!taskPath && !user.matches()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<CurrentUser> caller = caller(request);
    if (caller.isEmpty() && path.startsWith("/engine-rest")) {
      // this filter runs after /engine-rest's authentication: no authentication here means none at all
      refuse(response, 401, "请先登录（HTTP Basic 认证）。");
      return;
    }
    if (caller.isEmpty() || caller.get().isAdmin()) {
      chain.doFilter(request, response); // Tasklist's API without a session: the webapps answer 401
      return;
    }
    String method = request.getMethod();
    if (!taskPath) {
      String sub = user.group(2) == null ? "" : user.group(2);
      boolean ownPassword = "PUT".equals(method) && "/credentials".equals(sub) && user.group(1).equals(caller.get().id());
      if (isRead(method) || ownPassword) {
        chain.doFilter(request, response);
      } else {
        refuse(response, 403, "用户的姓名、邮箱和所属单位由 organization.yaml 维护，请联系系统管理员修改（本人可以修改自己的密码）。");
      }
      return;
    }
    guardTask(request, response, chain, caller.get(), task.group(1), task.group(2) == null ? "" : task.group(2));
  }

  private void guardTask(HttpServletRequest request, HttpServletResponse response, FilterChain chain, CurrentUser caller,
      String taskId, String sub) throws IOException, ServletException {
    Task task = visibleTask(caller, taskId);
    if (task == null) {
      if (completedForCaller(caller, taskId)) {
        refuse(response, 409, "该任务已办理完毕，请刷新后查看。");
      } else {
        refuse(response, 404, "没有任务 " + taskId + "（不存在、已办理完毕，或不属于本单位）。");
      }
      return;
    }
    String method = request.getMethod();
    if (isRead(method)) {
      chain.doFilter(request, response);
      return;
    }
    if (!"POST".equals(method)) {
      refuse(response, 403, refusal(sub.isEmpty() ? "/" : sub));
      return;
    }
    switch (sub) {
      case "/unclaim" -> unclaim(response, caller, taskId);
      case "/claim" -> {
        byte[] body = body(request, response);
        if (body == null) {
          return;
        }
        JsonNode parsed = parse(body);
        if (parsed == null || !caller.id().equals(parsed.path("userId").asText(null))) {
          refuse(response, 403, "只能由本人签收任务，不能签收给他人。");
          return;
        }
        claim(response, caller, taskId);
      }
      case "/complete", "/submit-form" -> {
        if (task.getAssignee() != null && !task.getAssignee().equals(caller.id())) {
          // a stale page: the colleague signed for it meanwhile; their work is not to be completed over their head
          refuse(response, 409, "该任务已由" + displayName(task.getAssignee()) + "签收，请刷新后查看。");
          return;
        }
        byte[] body = body(request, response);
        if (body == null) {
          return;
        }
        JsonNode parsed = parse(body);
        if (parsed == null) {
          refuse(response, 400, "请求体不是有效的 JSON。");
          return;
        }
        Set<String> allowed = FIELDS.getOrDefault(task.getTaskDefinitionKey(), Set.of());
        Set<String> extra = new TreeSet<>();
        parsed.path("variables").fieldNames().forEachRemaining(extra::add);
        extra.removeAll(allowed);
        if (!extra.isEmpty()) {
          refuse(response, 400, "任务「" + task.getName() + "」不接受这些变量：" + String.join("、", extra)
              + "。只能提交表单的字段" + (allowed.isEmpty() ? "" : "：" + String.join("、", new TreeSet<>(allowed))) + "。");
          return;
        }
        withMessageOnly(new ReplayedBody(request, body), response, chain, taskId);
      }
      default -> refuse(response, 403, refusal(sub));
    }
  }

  /** Why anything but reading, claiming, unclaiming and completing is refused, by what was tried. */
  private static String refusal(String sub) {
    if (sub.equals("/")) {
      return "不允许修改或删除任务本身（名称、期限、优先级等）：只能签收、办理和提交。";
    }
    if (sub.equals("/assignee") || sub.equals("/delegate") || sub.equals("/resolve")) {
      return "不允许把任务交给他人：请由本单位同志自行签收。";
    }
    if (sub.startsWith("/identity-links")) {
      return "不允许更改任务的办理单位或办理人。";
    }
    if (sub.startsWith("/comment") || sub.startsWith("/attachment")) {
      return "不允许在任务上添加评论或附件：办理情况请在表单中填写，佐证材料请在表单中上传。";
    }
    if (sub.contains("ariables")) {
      return "不允许直接写入流程变量：请通过表单提交。";
    }
    return "不允许的任务操作：只能签收、办理和提交。";
  }

  /**
   * 取消签收 within the department. The engine's unclaim asks for TASK_ASSIGN (it is setAssignee(null)),
   * which would also let a candidate hand the task to anyone; claiming "nobody" asks for TASK_WORK only.
   */
  private void unclaim(HttpServletResponse response, CurrentUser caller, String taskId) throws IOException {
    try {
      asCaller(caller, () -> tasks.claim(taskId, null));
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    } catch (RestException e) {
      refuse(response, e.getStatus() == null ? 400 : e.getStatus().getStatusCode(), e.getMessage());
    } catch (AuthorizationException e) {
      refuse(response, 403, "无权取消签收此任务。");
    }
  }

  /**
   * 签收 for oneself, as the engine's claim with the caller's own permissions. A colleague's claim or completion a
   * moment before is a conflict, whichever way the engine notices it (claimed, gone, or its grants gone with it).
   */
  private void claim(HttpServletResponse response, CurrentUser caller, String taskId) throws IOException {
    try {
      asCaller(caller, () -> tasks.claim(taskId, caller.id()));
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    } catch (RestException e) {
      // EngineRefusals has named it already (409 when claimed by someone else); "not found" here is a race
      int status = e.getStatus() == null ? 400 : e.getStatus().getStatusCode();
      refuse(response, status == 404 ? 409 : status, status == 404 ? "该任务已办理完毕，请刷新后查看。" : e.getMessage());
    } catch (AuthorizationException e) {
      if (Privileged.run(identity, () -> tasks.createTaskQuery().taskId(taskId).count()) == 0) {
        refuse(response, 409, "该任务已办理完毕，请刷新后查看。");
      } else {
        refuse(response, 403, "无权签收此任务。");
      }
    }
  }

  private void asCaller(CurrentUser caller, Runnable action) {
    Authentication previous = identity.getCurrentAuthentication();
    identity.setAuthentication(caller.id(), caller.groups());
    try {
      action.run();
    } finally {
      if (previous != null) {
        identity.setAuthentication(previous);
      } else {
        identity.clearAuthentication();
      }
    }
  }

  /** The task, if the caller's own authorizations let it be seen (the engine's query, as the caller). */
  private Task visibleTask(CurrentUser caller, String taskId) {
    Task[] task = new Task[1];
    asCaller(caller, () -> task[0] = tasks.createTaskQuery().taskId(taskId).singleResult());
    return task[0];
  }

  /**
   * A task that is gone but was the caller's group's to do: completed a moment ago (by a colleague, or by the
   * caller in another tab), a conflict; a task of another department stays a 404, as one that never existed.
   */
  private boolean completedForCaller(CurrentUser caller, String taskId) {
    return Privileged.run(identity, () -> engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0
        && engine.getHistoryService().createHistoricIdentityLinkLogQuery().taskId(taskId).list().stream()
            .anyMatch(link -> link.getGroupId() != null && caller.groups().contains(link.getGroupId())));
  }

  private String displayName(String userId) {
    var user = Privileged.run(identity, () -> identity.createUserQuery().userId(userId).singleResult());
    return user == null ? userId : user.getFirstName();
  }

  /** The logged-in caller: Tasklist's session, or the HTTP Basic login the /engine-rest filter (before this one) accepted. */
  private Optional<CurrentUser> caller(HttpServletRequest request) {
    Authentication auth = identity.getCurrentAuthentication();
    if (auth != null && auth.getUserId() != null) {
      return Optional.of(new CurrentUser(auth.getUserId(), auth.getGroupIds() == null ? List.of() : auth.getGroupIds()));
    }
    return SessionLogin.of(request, engine.getName());
  }

  /** The REST APIs say "Cannot complete task 1234: …" before a refusal; the person reads the refusal only. */
  private void withMessageOnly(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String taskId)
      throws IOException, ServletException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, wrapper);
    if (wrapper.getStatus() == 403 && Privileged.run(identity, () -> tasks.createTaskQuery().taskId(taskId).count()) == 0) {
      // completed a moment ago by someone else: the task's grants went with it, the refusal is a conflict
      wrapper.resetBuffer();
      wrapper.setStatus(409);
      ObjectNode conflict = json.createObjectNode();
      conflict.put("type", "InvalidRequestException");
      conflict.put("message", "该任务已被他人同时处理，请刷新后查看。");
      wrapper.getOutputStream().write(json.writeValueAsBytes(conflict));
    } else if (wrapper.getStatus() >= 400 && wrapper.getContentSize() > 0) {
      JsonNode error = parse(wrapper.getContentAsByteArray());
      if (error instanceof ObjectNode node && node.path("message").isTextual()) {
        node.put("message", ENGINE_PREFIX.matcher(node.path("message").asText()).replaceFirst(""));
        wrapper.resetBuffer();
        wrapper.getOutputStream().write(json.writeValueAsBytes(node));
      }
    }
    wrapper.copyBodyToResponse();
  }

  private static boolean isRead(String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  private byte[] body(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      refuse(response, 413, "请求体过大（上限 " + MAX_BODY / 1024 / 1024 + " MB）。");
      return null;
    }
    return body;
  }

  private JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? json.createObjectNode() : json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private void refuse(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    ObjectNode body = json.createObjectNode();
    body.put("type", switch (status) {
      case 401 -> "AuthenticationException";
      case 403 -> "AuthorizationException";
      case 404 -> "NotFoundException";
      default -> "InvalidRequestException";
    });
    body.put("message", message);
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }
}

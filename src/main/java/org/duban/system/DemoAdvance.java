package org.duban.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.campaign.CampaignRepository;
import org.duban.evaluation.SelfCheck;
import org.duban.evidence.EvidenceStore;
import org.duban.organization.Roles;
import org.duban.plan.Evaluation;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.SupervisedItem;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.duban.web.Privileged;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo only: plays the running campaign forward to the start of a later stage — every open item of
 * the stages before it is reported (with a demo file as evidence), accepted, and each gate approved —
 * so a visitor can try the self-check, the rectification or the inspection without closing dozens
 * of items by hand. Absent outside the demo profile.
 */
@Profile("demo")
@RestController
class DemoAdvance {
  private static final long WAIT_MILLIS = 60_000;
  /** Past the inspection stage's gate: the office records the inspection result. */
  private static final String RESULT = "inspection-result";

  private final CampaignRepository campaigns;
  private final ItemRepository items;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final EvidenceStore evidence;
  private final SelfCheck selfCheck;
  private final ObjectMapper json;

  DemoAdvance(CampaignRepository campaigns, ItemRepository items, TaskService tasks, RuntimeService runtime,
      IdentityService identity, EvidenceStore evidence, SelfCheck selfCheck, ObjectMapper json) {
    this.campaigns = campaigns;
    this.items = items;
    this.tasks = tasks;
    this.runtime = runtime;
    this.identity = identity;
    this.evidence = evidence;
    this.selfCheck = selfCheck;
    this.json = json;
  }

  record Advance(String to) {}

  @PostMapping("/api/demo/advance")
  Map<String, Object> advance(@RequestBody(required = false) Advance body, HttpServletRequest request) {
    CurrentUser.of(request).require("快进演示创建活动（仅系统管理员可以）", Roles.ADMIN);
    String target = body == null ? null : body.to();
    if (target == null || !(CampaignProcess.STAGES.contains(target) || RESULT.equals(target))) {
      throw ApiException.badRequest("to: 必须是以下之一：" + String.join(", ", CampaignProcess.STAGES) + ", " + RESULT);
    }
    CampaignRepository.Campaign campaign = campaigns.all().stream().filter(CampaignRepository.Campaign::running).findFirst()
        .orElseThrow(() -> ApiException.badRequest("没有进行中的创建活动"));
    String id = campaign.id();
    String current = currentStage(id);
    if (current == null || order(current) > order(target)) {
      throw ApiException.badRequest(current == null ? "创建活动没有进行中的阶段"
          : "to: 创建活动已在 " + current + " 阶段，只能向后快进");
    }
    Privileged.run(identity, () -> {
      waitFor(() -> launched(id, current), "本阶段的事项交办");
      for (String stage = current; stage != null && !stage.equals(target); stage = currentStage(id)) {
        String closing = stage;
        items.ofStage(id, closing).stream().filter(SupervisedItem::isOpen).forEach(this::close);
        waitFor(() -> gate(id) != null, "阶段审批任务");
        tasks.complete(gate(id).getId(), Map.of(CampaignProcess.Var.GATE_APPROVED, true));
        waitFor(() -> {
          String next = currentStage(id);
          return next == null || !next.equals(closing) && launched(id, next);
        }, "下一阶段的事项交办");
      }
      return null;
    });
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("campaignId", id);
    result.put("stage", currentStage(id));
    return result;
  }

  /** Reports and accepts one item as its department and the office would. */
  private void close(SupervisedItem item) {
    Task handle = task(item, ItemProcess.TASK_HANDLE);
    if (handle != null) {
      if (item.evidenceRequired() && evidence.countOf(item.serial()) == 0) {
        evidence.store(item.serial(), "演示佐证材料.txt",
            new ByteArrayInputStream("演示数据：由演示快进生成的佐证材料。".getBytes(StandardCharsets.UTF_8)),
            "head-" + item.departmentId(), null);
      }
      Map<String, Object> vars = new HashMap<>(Map.of(ItemProcess.Var.REPORT, "（演示）已按要求完成，材料已归档。"));
      if (Evaluation.SCORING_PLAN_ITEM.equals(item.planItemId())) {
        vars.put(ItemProcess.Var.SELF_SCORES, write(selfCheck.fullMarks(item.campaignId(), item.departmentId())));
      }
      tasks.complete(handle.getId(), vars);
    }
    Task review = task(item, ItemProcess.TASK_REVIEW);
    if (review != null) {
      tasks.complete(review.getId(), Map.of(ItemProcess.Var.ACCEPTED, true));
    }
  }

  /**
   * Every item of the stage is started: its process has passed the launch loop and waits for the
   * items to close (or, all closed already, at its gate).
   */
  private boolean launched(String campaignId, String stageId) {
    return runtime.createExecutionQuery().processDefinitionKey(CampaignProcess.STAGE_KEY)
        .processVariableValueEquals(CampaignProcess.Var.CAMPAIGN_ID, campaignId)
        .processVariableValueEquals(CampaignProcess.Var.STAGE_ID, stageId)
        .messageEventSubscriptionName(CampaignProcess.MSG_STAGE_ITEMS_CLOSED).count() > 0
        || gate(campaignId) != null;
  }

  private Task task(SupervisedItem item, String key) {
    List<Task> found = tasks.createTaskQuery().processInstanceId(item.processInstanceId()).taskDefinitionKey(key).list();
    return found.isEmpty() ? null : found.get(0);
  }

  private Task gate(String campaignId) {
    List<Task> found = tasks.createTaskQuery().taskDefinitionKey(CampaignProcess.TASK_STAGE_GATE)
        .processVariableValueEquals(CampaignProcess.Var.CAMPAIGN_ID, campaignId).list();
    return found.isEmpty() ? null : found.get(0);
  }

  /** The stage waiting for its gate, or null once the last gate is approved. */
  private String currentStage(String campaignId) {
    return campaigns.currentStage(campaignId).map(CampaignRepository.StageRecord::stageId).orElse(null);
  }

  private static int order(String stage) {
    return RESULT.equals(stage) ? CampaignProcess.STAGES.size() : CampaignProcess.STAGES.indexOf(stage);
  }

  private static void waitFor(BooleanSupplier condition, String what) {
    long end = System.currentTimeMillis() + WAIT_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("演示快进：等待" + what + "超时");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

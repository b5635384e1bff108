package org.duban.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.duban.campaign.CampaignPlans;
import org.duban.plan.BureauConfig;
import org.duban.plan.Evaluation;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemKind;
import org.duban.supervision.ItemProcess;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.SupervisedItem;
import org.duban.web.Privileged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The self-check's rules, applied when its tasks complete: a department's scores are checked and
 * stored, a veto hit goes to the director at once, the office's adjustments need a reason, and an
 * accepted self-check puts every item below the threshold (or flagged) on the 整改清单.
 */
@Component
class SelfCheckListener {
  static final String DEFAULT_MEASURE = "对照测评标准补齐短板，完善佐证材料";
  static final int MAX_TEXT = 2000;

  private final EvaluationRepository results;
  private final CampaignPlans plans;
  private final SelfCheck selfCheck;
  private final BureauConfig config;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final ObjectMapper json;
  private final ItemRepository items;

  SelfCheckListener(EvaluationRepository results, CampaignPlans plans, SelfCheck selfCheck, BureauConfig config,
      IdentityService identity, RuntimeService runtime, ObjectMapper json, ItemRepository items) {
    this.items = items;
    this.results = results;
    this.plans = plans;
    this.selfCheck = selfCheck;
    this.config = config;
    this.identity = identity;
    this.runtime = runtime;
    this.json = json;
  }

  /** What the scoring form sends, as the JSON text of the variable selfScores. */
  record SelfScores(List<ScoreInput> scores, List<VetoInput> veto) {
    SelfScores {
      scores = scores == null ? List.of() : scores;
      veto = veto == null ? List.of() : veto;
    }
  }

  record ScoreInput(String criterion, String grade, BigDecimal points, String note, String measure, Boolean flagged) {}

  record VetoInput(String id, Boolean hit, String note) {}

  /** The office's change of a self-score, as the JSON text of the variable scoreAdjustments. */
  record Adjustment(String criterion, BigDecimal points, String reason) {}

  /** The item's facts come from its record, its kind included: a variable cannot make a task a self-check. */
  private Optional<SupervisedItem> selfCheckItem(DelegateTask task) {
    SupervisedItem item = items.ofInstance(task.getProcessInstanceId());
    return item.kind() == ItemKind.SELF_CHECK ? Optional.of(item) : Optional.empty();
  }

  @EventListener(condition = "#task.taskDefinitionKey == '" + ItemProcess.TASK_HANDLE + "' && #task.eventName == 'complete'")
  void onScored(DelegateTask task) {
    SupervisedItem item = selfCheckItem(task).orElse(null);
    if (item == null) {
      return;
    }
    String campaignId = item.campaignId();
    String department = item.departmentId();
    String serial = item.serial();
    Evaluation evaluation = evaluation(campaignId);
    SelfScores input = read(jsonText(task, ItemProcess.Var.SELF_SCORES), SelfScores.class, "自查评分");
    String actor = actor(task);
    OffsetDateTime now = now();
    results.replaceScores(campaignId, serial, scores(evaluation, department, input.scores(), campaignId, serial, actor, now));
    for (VetoInput v : input.veto()) {
      Evaluation.Veto veto = evaluation.vetoItem(String.valueOf(v.id())).filter(x -> x.owner().equals(department))
          .orElseThrow(() -> new BadUserRequestException("一票否决项 '" + v.id() + "' 不属于本单位自查范围"));
      if (!Boolean.TRUE.equals(v.hit())) {
        continue;
      }
      String note = text(v.note(), "一票否决项「" + veto.title() + "」的情况说明");
      if (note.isEmpty()) {
        throw new BadUserRequestException("报告一票否决情形「" + veto.title() + "」时必须填写情况说明。");
      }
      if (results.reportVeto(new EvaluationRepository.VetoHit(campaignId, veto.id(), department, serial, note, actor, now,
          null, null, null, null))) {
        startVetoReview(campaignId, veto, department, serial, note, actor);
      }
    }
  }

  private List<EvaluationRepository.Score> scores(Evaluation evaluation, String department, List<ScoreInput> input,
      String campaignId, String serial, String actor, OffsetDateTime now) {
    Map<String, Evaluation.Numbered> own = new HashMap<>();
    evaluation.numbered().stream().filter(n -> n.criterion().owner().equals(department))
        .forEach(n -> own.put(n.criterion().id(), n));
    List<EvaluationRepository.Score> scores = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ScoreInput s : input) {
      Evaluation.Numbered n = own.get(String.valueOf(s.criterion()));
      if (n == null) {
        throw new BadUserRequestException("测评项目 '" + s.criterion() + "' 不属于本单位自查范围");
      }
      if (!seen.add(n.criterion().id())) {
        throw new BadUserRequestException("测评项目 " + n.label() + " 重复打分");
      }
      BigDecimal max = n.criterion().points();
      BigDecimal points;
      String grade = s.grade() == null || s.grade().isBlank() ? null : s.grade().strip().toUpperCase();
      if (grade != null) {
        if (!grade.matches("[ABCD]")) {
          throw new BadUserRequestException(n.label() + "：等次只能是 A、B、C、D");
        }
        points = Evaluation.Grade.valueOf(grade).of(max);
      } else if (s.points() != null) {
        points = s.points();
        checkPoints(n, points);
      } else {
        throw new BadUserRequestException(n.label() + "：请选择等次或填写得分");
      }
      String note = text(s.note(), n.label() + " 的存在不足");
      if (!n.bonus() && points.compareTo(max) < 0 && note.isEmpty()) {
        throw new BadUserRequestException(n.label() + "：未得满分，请说明存在的不足");
      }
      scores.add(new EvaluationRepository.Score(campaignId, n.criterion().id(), department, serial, grade, points,
          note.isEmpty() ? null : note, emptyToNull(text(s.measure(), n.label() + " 的整改措施")),
          Boolean.TRUE.equals(s.flagged()), actor, now, null, null, null, null, null));
    }
    List<String> missing = own.values().stream().filter(n -> !seen.contains(n.criterion().id()))
        .map(Evaluation.Numbered::label).sorted().toList();
    if (!missing.isEmpty()) {
      throw new BadUserRequestException("以下测评项目尚未打分：" + String.join("、", missing));
    }
    return scores;
  }

  private static void checkPoints(Evaluation.Numbered n, BigDecimal points) {
    if (points.signum() < 0 || points.compareTo(n.criterion().points()) > 0 || points.stripTrailingZeros().scale() > 2) {
      throw new BadUserRequestException(n.label() + "：得分须在 0 到 " + n.criterion().points().stripTrailingZeros().toPlainString()
          + " 分之间（最多两位小数）");
    }
  }

  private void startVetoReview(String campaignId, Evaluation.Veto veto, String department, String serial, String note,
      String actor) {
    String departmentName = config.organization().departmentName(department);
    Map<String, Object> vars = new HashMap<>();
    vars.put(EvaluationProcess.Var.CAMPAIGN_ID, campaignId);
    vars.put(EvaluationProcess.Var.VETO_ID, veto.id());
    vars.put(EvaluationProcess.Var.VETO_TITLE, veto.title());
    vars.put(EvaluationProcess.Var.DEPARTMENT_NAME, departmentName);
    vars.put(EvaluationProcess.Var.ITEM_ID, serial);
    vars.put(EvaluationProcess.Var.NOTE, note);
    vars.put(EvaluationProcess.Var.REPORTED_BY, actor);
    vars.put(EvaluationProcess.Var.TASK_NAME, "【一票否决】" + veto.title() + "（" + departmentName + "）");
    // the department reports; starting the director's review is Duban's own step, not the department's permission
    String instance = Privileged.run(identity, () -> runtime.createProcessInstanceByKey(EvaluationProcess.KEY)
        .businessKey(campaignId + "/" + veto.id()).setVariables(vars).execute().getId());
    results.vetoProcess(campaignId, veto.id(), instance);
  }

  @EventListener(condition = "#task.taskDefinitionKey == '" + ItemProcess.TASK_REVIEW + "' && #task.eventName == 'complete'")
  void onReviewed(DelegateTask task) {
    SupervisedItem item = selfCheckItem(task).orElse(null);
    if (item == null) {
      return;
    }
    String campaignId = item.campaignId();
    String department = item.departmentId();
    String serial = item.serial();
    Evaluation evaluation = evaluation(campaignId);
    String raw = jsonText(task, ItemProcess.Var.SCORE_ADJUSTMENTS);
    Adjustment[] adjustments = raw == null || raw.isBlank() ? new Adjustment[0]
        : read(raw, Adjustment[].class, "评分调整");
    String actor = actor(task);
    OffsetDateTime now = now();
    Map<String, EvaluationRepository.Score> scored = new HashMap<>();
    results.scoresOfItem(campaignId, serial).forEach(s -> scored.put(s.criterionId(), s));
    for (Adjustment a : adjustments) {
      Evaluation.Numbered n = evaluation.criterion(String.valueOf(a.criterion()))
          .filter(x -> scored.containsKey(x.criterion().id()))
          .orElseThrow(() -> new BadUserRequestException("测评项目 '" + a.criterion() + "' 不在本次自查评分中"));
      if (a.points() == null) {
        throw new BadUserRequestException(n.label() + "：请填写调整后的得分");
      }
      checkPoints(n, a.points());
      String reason = text(a.reason(), n.label() + " 的调整理由");
      if (reason.isEmpty()) {
        throw new BadUserRequestException(n.label() + "：调整得分必须填写理由");
      }
      results.adjust(campaignId, n.criterion().id(), a.points(), reason, actor, now);
    }
    if (Boolean.TRUE.equals(task.getVariable(ItemProcess.Var.ACCEPTED))) {
      results.accepted(campaignId, serial, now);
      for (EvaluationRepository.Score s : results.scoresOfItem(campaignId, serial)) {
        Evaluation.Numbered n = evaluation.criterion(s.criterionId()).orElseThrow();
        BigDecimal threshold = evaluation.rectifyBelow().of(n.criterion().points());
        if (s.flagged() || (!n.bonus() && s.finalPoints().compareTo(threshold) < 0)) {
          String problem = "自查得分 " + plain(s.finalPoints()) + " 分（满分 " + plain(n.criterion().points()) + " 分）"
              + (s.note() == null ? "" : "：" + s.note());
          results.addRectification(campaignId, s.criterionId(), "SCORE", department, n.label(), problem,
              s.measure() == null ? DEFAULT_MEASURE : s.measure(), now);
        }
      }
      Privileged.run(identity, () -> {
        selfCheck.launchIfStageOpen(campaignId);
        return null;
      });
    }
  }

  @EventListener(condition = "#task.taskDefinitionKey == '" + EvaluationProcess.TASK_DECIDE_VETO + "' && #task.eventName == 'complete'")
  void onVetoDecided(DelegateTask task) {
    Object confirmed = task.getVariable(EvaluationProcess.Var.VETO_CONFIRMED);
    if (!(confirmed instanceof Boolean)) {
      throw new BadUserRequestException("请选择研判结论：确认存在或不予认定。");
    }
    String remarks = text(task.getVariable(EvaluationProcess.Var.VETO_REMARKS), "研判意见");
    if (remarks.isEmpty()) {
      throw new BadUserRequestException("请填写研判意见。");
    }
    String campaignId = (String) task.getVariable(EvaluationProcess.Var.CAMPAIGN_ID);
    String vetoId = (String) task.getVariable(EvaluationProcess.Var.VETO_ID);
    OffsetDateTime now = now();
    results.vetoDecided(campaignId, vetoId, (Boolean) confirmed ? "CONFIRMED" : "DISMISSED", remarks, actor(task), now);
    if ((Boolean) confirmed) {
      EvaluationRepository.VetoHit hit = results.vetoHits(campaignId).stream().filter(h -> h.vetoId().equals(vetoId))
          .findFirst().orElseThrow();
      results.addRectification(campaignId, vetoId, "VETO", hit.departmentId(),
          "一票否决：" + task.getVariable(EvaluationProcess.Var.VETO_TITLE), hit.note(), remarks, now);
      Privileged.run(identity, () -> {
        selfCheck.launchIfStageOpen(campaignId);
        return null;
      });
    }
  }

  private Evaluation evaluation(String campaignId) {
    return config.evaluation(plans.of(campaignId).evaluation())
        .orElseThrow(() -> new IllegalStateException("创建活动 " + campaignId + " 的计划没有测评体系"));
  }

  /**
   * A JSON variable's text. The forms send it as a file (a String variable holds at most 4,000
   * characters, and twelve items with their shortfalls and measures can be longer); a short String
   * from a REST client is taken too.
   */
  private static String jsonText(DelegateTask task, String name) {
    TypedValue value = task.getVariableTyped(name);
    if (value instanceof FileValue file) {
      try (InputStream in = file.getValue()) {
        return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return value == null || value.getValue() == null ? null : value.getValue().toString();
  }

  private <T> T read(String value, Class<T> type, String what) {
    if (value == null || value.isBlank()) {
      throw new BadUserRequestException("缺少" + what + "数据");
    }
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new BadUserRequestException(what + "数据格式不正确：" + e.getOriginalMessage());
    }
  }

  private static String text(Object value, String what) {
    String s = value == null ? "" : value.toString().strip();
    if (s.length() > MAX_TEXT) {
      throw new BadUserRequestException(what + "不能超过 " + MAX_TEXT + " 个字");
    }
    return s;
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private String actor(DelegateTask task) {
    Authentication auth = identity.getCurrentAuthentication();
    return auth != null ? auth.getUserId() : task.getAssignee();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(Deadlines.clock());
  }
}

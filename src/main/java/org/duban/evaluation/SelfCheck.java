package org.duban.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.duban.campaign.CampaignPlans;
import org.duban.campaign.CampaignProcess;
import org.duban.campaign.CampaignRepository;
import org.duban.campaign.StageWork;
import org.duban.plan.BureauConfig;
import org.duban.plan.Evaluation;
import org.duban.plan.Plan;
import org.duban.supervision.ItemKind;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.ItemStarter;
import org.springframework.stereotype.Component;

/**
 * What the self-check and rectification stages launch besides their plan items: one scoring task
 * per department that owns evaluation items, and one supervised item per entry of the 整改清单.
 */
@Component
public class SelfCheck implements StageWork {
  private static final String SCORING_KEY = "self-check:";
  private static final String RECTIFICATION_KEY = "rectification:";
  public static final String RECTIFICATION_PLAN_ITEM = "rectification-";

  private final BureauConfig config;
  private final ItemStarter starter;
  private final ItemRepository items;
  private final EvaluationRepository results;
  private final CampaignRepository campaigns;
  private final CampaignPlans plans;

  SelfCheck(BureauConfig config, ItemStarter starter, ItemRepository items, EvaluationRepository results,
      CampaignRepository campaigns, CampaignPlans plans) {
    this.plans = plans;
    this.config = config;
    this.starter = starter;
    this.items = items;
    this.results = results;
    this.campaigns = campaigns;
  }

  Optional<Evaluation> evaluationOf(Plan plan) {
    return config.evaluation(plan.evaluation());
  }

  @Override
  public List<String> keys(String campaignId, Plan plan, String stageId) {
    Optional<Evaluation> evaluation = evaluationOf(plan);
    if (evaluation.isEmpty()) {
      return List.of();
    }
    if (CampaignProcess.SELF_CHECK.equals(stageId)) {
      return evaluation.get().owners().stream().map(d -> SCORING_KEY + d).toList();
    }
    if (CampaignProcess.RECTIFICATION.equals(stageId)) {
      return results.rectifications(campaignId).stream().filter(r -> r.itemSerial() == null)
          .map(r -> RECTIFICATION_KEY + r.id()).toList();
    }
    return List.of();
  }

  @Override
  public boolean launch(String campaignId, Plan plan, Stage stage, String key) {
    if (key.startsWith(SCORING_KEY)) {
      startScoring(campaignId, plan, stage, key.substring(SCORING_KEY.length()));
      return true;
    }
    if (key.startsWith(RECTIFICATION_KEY)) {
      results.rectification(Long.parseLong(key.substring(RECTIFICATION_KEY.length())))
          .ifPresent(r -> startRectification(r, stage));
      return true;
    }
    return false;
  }

  private void startScoring(String campaignId, Plan plan, Stage stage, String departmentId) {
    Evaluation evaluation = evaluationOf(plan).orElseThrow();
    long count = evaluation.numbered().stream().filter(n -> n.criterion().owner().equals(departmentId)).count();
    LocalDate due = evaluation.scoringDueDate(plan, stage.startedOn(), stage.endsOn(), config.calendar());
    String description = "对照《" + evaluation.name() + "》，对本单位负责的 " + count
        + " 个测评项目逐项自查打分（A/B/C/D 等次或直接打分），说明存在的不足并提出整改措施，上传佐证材料；"
        + "如存在一票否决情形，请如实报告。";
    starter.start(new ItemStarter.Assignment(campaignId, stage.id(), Evaluation.SCORING_PLAN_ITEM,
        Evaluation.SCORING_TITLE, description, departmentId, List.of(), due, List.of(), false), ItemKind.SELF_CHECK);
  }

  /** Starts an entry of the 整改清单 as a supervised item due at its own date or the stage's end. */
  void startRectification(EvaluationRepository.Rectification r, Stage stage) {
    if (r.itemSerial() != null) {
      return;
    }
    String planItemId = RECTIFICATION_PLAN_ITEM + r.id();
    LocalDate due = plans.of(r.campaignId()).dueDate(r.dueDate() != null ? r.dueDate() : stage.endsOn(), config.calendar());
    starter.start(new ItemStarter.Assignment(r.campaignId(), stage.id(), planItemId,
        "整改：" + r.title(), "存在问题：" + r.problem() + "\n整改措施：" + r.measure(), r.departmentId(), List.of(), due,
        List.of("整改完成佐证材料（整改前后对比照片、制度文件等）"), false), ItemKind.RECTIFICATION);
    items.ofPlanItem(r.campaignId(), planItemId).stream().findFirst().ifPresent(i -> results.launched(r.id(), i.serial()));
  }

  /** Entries added after the rectification stage opened (a late review, a veto decision) start at once. */
  void launchIfStageOpen(String campaignId) {
    campaigns.stages(campaignId).stream()
        .filter(s -> s.stageId().equals(CampaignProcess.RECTIFICATION))
        .findFirst()
        .ifPresent(s -> {
          Plan.Stage planned = plans.of(campaignId).requireStage(CampaignProcess.RECTIFICATION);
          Stage stage = new Stage(s.stageId(), planned.name(), s.startedOn(), s.endsOn());
          results.rectifications(campaignId).forEach(r -> startRectification(r, stage));
        });
  }


  /** The self-check of a department with full marks everywhere, as the scoring form would send it (demo and tests). */
  public java.util.Map<String, Object> fullMarks(String campaignId, String departmentId) {
    Evaluation evaluation = evaluationOf(plans.of(campaignId)).orElseThrow();
    return java.util.Map.of("scores", evaluation.numbered().stream()
        .filter(n -> n.criterion().owner().equals(departmentId))
        .map(n -> java.util.Map.of("criterion", n.criterion().id(), "grade", "A")).toList());
  }
}

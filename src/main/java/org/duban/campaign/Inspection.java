package org.duban.campaign;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.duban.plan.BureauConfig;
import org.duban.supervision.Deadlines;
import org.springframework.stereotype.Component;

/** 录入检查评估结果: the inspection's score, outcome and remarks, checked and stored as the campaign ends. */
@Component("recordInspection")
class Inspection implements TaskListener {
  /** The outcomes of a civilized-unit review. */
  static final List<String> OUTCOMES = List.of("通过", "保留", "黄牌警告", "未通过");

  private final CampaignRepository campaigns;
  private final CampaignPlans plans;
  private final BureauConfig config;
  private final IdentityService identity;

  Inspection(CampaignRepository campaigns, CampaignPlans plans, BureauConfig config, IdentityService identity) {
    this.campaigns = campaigns;
    this.plans = plans;
    this.config = config;
    this.identity = identity;
  }

  @Override
  public void notify(org.camunda.bpm.engine.delegate.DelegateTask task) {
    String campaignId = (String) task.getVariable(CampaignProcess.Var.CAMPAIGN_ID);
    BigDecimal max = config.evaluation(plans.of(campaignId).evaluation())
        .map(e -> e.total().add(e.bonus().max())).orElse(BigDecimal.valueOf(100));
    BigDecimal score = score(task.getVariable(CampaignProcess.Var.INSPECTION_SCORE), max);
    Object outcome = task.getVariable(CampaignProcess.Var.INSPECTION_OUTCOME);
    if (outcome == null || !OUTCOMES.contains(outcome.toString())) {
      throw new BadUserRequestException("评估结论须为以下之一：" + String.join("、", OUTCOMES));
    }
    Object remarks = task.getVariable(CampaignProcess.Var.INSPECTION_REMARKS);
    String text = remarks == null ? null : remarks.toString().strip();
    if (text != null && text.length() > 2000) {
      throw new BadUserRequestException("评估意见不能超过 2000 个字");
    }
    Authentication auth = identity.getCurrentAuthentication();
    campaigns.inspectionRecorded(campaignId, new CampaignRepository.InspectionResult(score, outcome.toString(),
        text == null || text.isEmpty() ? null : text, auth != null ? auth.getUserId() : task.getAssignee(),
        OffsetDateTime.now(Deadlines.clock())));
  }

  private static BigDecimal score(Object value, BigDecimal max) {
    BigDecimal score;
    try {
      score = value == null ? null : new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      score = null;
    }
    if (score == null || score.signum() < 0 || score.compareTo(max) > 0 || score.stripTrailingZeros().scale() > 2) {
      throw new BadUserRequestException("评估得分须是 0 到 " + max.stripTrailingZeros().toPlainString() + " 之间的数（最多两位小数）");
    }
    return score;
  }
}

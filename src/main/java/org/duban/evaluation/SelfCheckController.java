package org.duban.evaluation;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duban.plan.Evaluation;
import org.duban.campaign.CampaignRepository;
import org.duban.supervision.ItemAccess;
import org.duban.supervision.SupervisedItem;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The self-check over REST: what a scoring task covers (for its forms), and the campaign's results. */
@RestController
class SelfCheckController {
  private final ItemAccess access;
  private final EvaluationRepository results;
  private final SelfCheckResults report;
  private final CampaignRepository campaigns;

  SelfCheckController(ItemAccess access, EvaluationRepository results, SelfCheckResults report, CampaignRepository campaigns) {
    this.access = access;
    this.campaigns = campaigns;
    this.results = results;
    this.report = report;
  }

  /** The department's evaluation items and veto items, with the scores given so far. */
  @GetMapping("/api/self-check/{serial}")
  Map<String, Object> scoring(@PathVariable String serial, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    SupervisedItem item = access.readable(serial, user);
    if (!Evaluation.SCORING_PLAN_ITEM.equals(item.planItemId())) {
      throw new ApiException(HttpStatus.NOT_FOUND, serial + " 不是自查评分事项");
    }
    Evaluation evaluation = report.evaluationOf(item.campaignId()).orElseThrow();
    Map<String, EvaluationRepository.Score> scores = new LinkedHashMap<>();
    results.scoresOfItem(item.campaignId(), serial).forEach(s -> scores.put(s.criterionId(), s));
    List<Map<String, Object>> criteria = evaluation.numbered().stream()
        .filter(n -> n.criterion().owner().equals(item.departmentId()))
        .map(n -> {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("id", n.criterion().id());
          c.put("number", n.number());
          c.put("category", n.folder());
          c.put("title", n.criterion().title());
          c.put("points", n.criterion().points());
          c.put("bonus", n.bonus());
          c.put("evidence", n.criterion().evidence());
          c.put("score", scores.get(n.criterion().id()));
          return c;
        }).toList();
    Map<String, EvaluationRepository.VetoHit> hits = new LinkedHashMap<>();
    results.vetoHits(item.campaignId()).forEach(h -> hits.put(h.vetoId(), h));
    List<Map<String, Object>> veto = evaluation.veto().stream().filter(v -> v.owner().equals(item.departmentId()))
        .map(v -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", v.id());
          m.put("title", v.title());
          m.put("hit", hits.get(v.id()));
          return m;
        }).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("serial", serial);
    body.put("evaluation", evaluation.name());
    body.put("rectifyBelow", evaluation.rectifyBelow().name());
    body.put("criteria", criteria);
    body.put("veto", veto);
    return body;
  }

  /** 自查结果: totals per category and department, the 整改清单, veto hits. For those who see every department. */
  @GetMapping("/api/campaigns/{campaignId}/self-check")
  SelfCheckResults.Report results(@PathVariable String campaignId, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    if (!user.seesAllDepartments()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "自查结果仅创建办、领导小组和局领导可以查看");
    }
    if (campaigns.find(campaignId).isEmpty()) {
      throw new ApiException(HttpStatus.NOT_FOUND, "创建活动 " + campaignId + " 不存在");
    }
    return report.of(campaignId)
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "创建活动 " + campaignId + " 不存在或没有测评体系"));
  }
}

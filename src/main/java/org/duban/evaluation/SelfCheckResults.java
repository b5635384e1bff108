package org.duban.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duban.campaign.CampaignPlans;
import org.duban.plan.BureauConfig;
import org.duban.plan.Evaluation;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.SupervisedItem;
import org.springframework.stereotype.Component;

/** The self-check's results: scores per item, category and department, the 整改清单 and the veto hits. */
@Component
public class SelfCheckResults {
  private final EvaluationRepository results;
  private final CampaignPlans plans;
  private final BureauConfig config;
  private final ItemRepository items;

  SelfCheckResults(EvaluationRepository results, CampaignPlans plans, BureauConfig config, ItemRepository items) {
    this.results = results;
    this.plans = plans;
    this.config = config;
    this.items = items;
  }

  /** One evaluation item with its score (null until scored) and its rectification entry (if any). */
  public record Line(Evaluation.Numbered item, EvaluationRepository.Score score, Rectification rectification) {}

  public record Total(String number, String name, BigDecimal max, BigDecimal score, int scored, int items) {}

  public record Rectification(long id, String title, String departmentId, String departmentName, String problem,
      String measure, String itemSerial, String dueDate, String status) {}

  public record Veto(String id, String title, String departmentName, String note, String decision, String remarks) {}

  public record Report(String evaluation, BigDecimal max, BigDecimal bonusMax, BigDecimal score, BigDecimal bonus,
      List<Total> categories, List<Total> departments, List<Line> lines, List<Rectification> rectifications,
      List<Veto> veto) {}

  public Optional<Evaluation> evaluationOf(String campaignId) {
    return config.evaluation(plans.of(campaignId).evaluation());
  }

  public Optional<Report> of(String campaignId) {
    return evaluationOf(campaignId).map(e -> report(campaignId, e));
  }

  private Report report(String campaignId, Evaluation e) {
    Map<String, EvaluationRepository.Score> scores = new LinkedHashMap<>();
    results.scores(campaignId).forEach(s -> scores.put(s.criterionId(), s));
    List<Rectification> rectifications = new ArrayList<>();
    Map<String, Rectification> bySource = new LinkedHashMap<>();
    for (EvaluationRepository.Rectification r : results.rectifications(campaignId)) {
      Rectification view = rectification(r);
      rectifications.add(view);
      bySource.put(r.sourceId(), view);
    }
    List<Line> lines = e.numbered().stream()
        .map(n -> new Line(n, scores.get(n.criterion().id()), bySource.get(n.criterion().id()))).toList();

    List<Total> categories = new ArrayList<>();
    Map<String, List<Line>> byCategory = new LinkedHashMap<>();
    lines.forEach(l -> byCategory.computeIfAbsent(l.item().folder(), k -> new ArrayList<>()).add(l));
    byCategory.forEach((folder, ls) -> {
      Evaluation.Numbered first = ls.get(0).item();
      BigDecimal max = first.bonus() ? e.bonus().max() : sum(ls.stream().map(l -> l.item().criterion().points()).toList());
      categories.add(total(first.categoryNumber(), first.categoryName(), max, ls, first.bonus() ? e.bonus().max() : null));
    });
    List<Total> departments = new ArrayList<>();
    Map<String, List<Line>> byDepartment = new LinkedHashMap<>();
    lines.stream().filter(l -> !l.item().bonus())
        .forEach(l -> byDepartment.computeIfAbsent(l.item().criterion().owner(), k -> new ArrayList<>()).add(l));
    byDepartment.forEach((dept, ls) -> departments.add(total(dept, departmentName(dept),
        sum(ls.stream().map(l -> l.item().criterion().points()).toList()), ls, null)));

    BigDecimal score = sum(lines.stream().filter(l -> !l.item().bonus() && l.score() != null)
        .map(l -> l.score().finalPoints()).toList());
    BigDecimal bonus = sum(lines.stream().filter(l -> l.item().bonus() && l.score() != null)
        .map(l -> l.score().finalPoints()).toList()).min(e.bonus().max());
    List<Veto> veto = results.vetoHits(campaignId).stream().map(h -> new Veto(h.vetoId(),
        e.vetoItem(h.vetoId()).map(Evaluation.Veto::title).orElse(h.vetoId()), departmentName(h.departmentId()), h.note(),
        h.decision() == null ? "待研判" : "CONFIRMED".equals(h.decision()) ? "确认存在" : "不予认定", h.remarks())).toList();
    return new Report(e.name(), e.total(), e.bonus().max(), score, bonus, categories, departments, lines, rectifications, veto);
  }

  private static Total total(String number, String name, BigDecimal max, List<Line> lines, BigDecimal cap) {
    List<Line> scored = lines.stream().filter(l -> l.score() != null).toList();
    BigDecimal score = sum(scored.stream().map(l -> l.score().finalPoints()).toList());
    return new Total(number, name, max, cap == null ? score : score.min(cap), scored.size(), lines.size());
  }

  private static BigDecimal sum(List<BigDecimal> values) {
    return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private Rectification rectification(EvaluationRepository.Rectification r) {
    SupervisedItem item = r.itemSerial() == null ? null : items.find(r.itemSerial()).orElse(null);
    return new Rectification(r.id(), r.title(), r.departmentId(), departmentName(r.departmentId()), r.problem(),
        r.measure(), r.itemSerial(), item == null ? null : item.dueDate().toString(),
        item == null ? "待整改阶段交办" : item.isOpen() ? item.displayStatus() : "已销号");
  }

  private String departmentName(String id) {
    return config.organization().departmentName(id);
  }
}

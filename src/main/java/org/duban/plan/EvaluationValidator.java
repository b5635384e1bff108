package org.duban.plan;

import java.math.BigDecimal;
import java.util.List;

/** What must hold in an evaluation file: points add up, owners exist, ids are unique, plan items exist. */
final class EvaluationValidator {
  private EvaluationValidator() {}

  static List<String> validate(Evaluation e, Organization org, java.util.Collection<Plan> plans) {
    Problems p = new Problems();
    p.id("id", e.id());
    p.require("name", e.name());
    if (p.require("total", e.total()) && e.total().signum() <= 0) {
      p.add("total", "must be more than 0");
    }
    if (e.categories().isEmpty()) {
      p.add("categories", "an evaluation system needs at least one category");
    }
    if (e.scoringDue().isOffset() && e.scoringDue().offsetDays() < 1) {
      p.add("scoringDue", "must be at least one day after the self-check stage starts");
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int c = 0; c < e.categories().size(); c++) {
      Evaluation.Category category = e.categories().get(c);
      String path = "categories[" + c + "]";
      p.require(path + ".name", category.name());
      if (!p.require(path + ".points", category.points())) {
        continue;
      }
      sum = sum.add(category.points());
      BigDecimal items = BigDecimal.ZERO;
      if (category.items().isEmpty()) {
        p.add(path + ".items", "a category needs at least one item");
      }
      for (int i = 0; i < category.items().size(); i++) {
        Evaluation.Criterion item = category.items().get(i);
        criterion(p, org, plans, path + ".items[" + i + "]", item);
        items = items.add(item.points() == null ? BigDecimal.ZERO : item.points());
      }
      if (items.compareTo(category.points()) != 0) {
        p.add(path + ".points", category.points().stripTrailingZeros().toPlainString() + " but its items add up to "
            + items.stripTrailingZeros().toPlainString());
      }
    }
    if (e.total() != null && sum.compareTo(e.total()) != 0) {
      p.add("total", e.total().stripTrailingZeros().toPlainString() + " but the categories add up to "
          + sum.stripTrailingZeros().toPlainString());
    }
    if (e.bonus().max().signum() < 0) {
      p.add("bonus.max", "must not be negative");
    }
    for (int i = 0; i < e.bonus().items().size(); i++) {
      Evaluation.Criterion item = e.bonus().items().get(i);
      criterion(p, org, plans, "bonus.items[" + i + "]", item);
      if (item.points() != null && item.points().compareTo(e.bonus().max()) > 0) {
        p.add("bonus.items[" + i + "].points", "more than the bonus maximum " + e.bonus().max().toPlainString());
      }
    }
    for (int i = 0; i < e.veto().size(); i++) {
      Evaluation.Veto veto = e.veto().get(i);
      String path = "veto[" + i + "]";
      p.id(path + ".id", veto.id());
      p.require(path + ".title", veto.title());
      owner(p, org, path + ".owner", veto.owner());
    }
    return p.list;
  }

  private static void criterion(Problems p, Organization org, java.util.Collection<Plan> plans, String path,
      Evaluation.Criterion item) {
    p.id(path + ".id", item.id());
    p.require(path + ".title", item.title());
    if (p.require(path + ".points", item.points()) && item.points().signum() <= 0) {
      p.add(path + ".points", "must be more than 0");
    }
    owner(p, org, path + ".owner", item.owner());
    for (int k = 0; k < item.planItems().size(); k++) {
      String planItem = item.planItems().get(k);
      if (plans.stream().noneMatch(plan -> plan.item(planItem).isPresent())) {
        p.add(path + ".planItems[" + k + "]", "unknown plan item '" + planItem + "'");
      }
    }
  }

  private static void owner(Problems p, Organization org, String path, String owner) {
    if (p.require(path, owner) && org.department(owner).isEmpty()) {
      p.add(path, "unknown department '" + owner + "' (not in organization.yaml)");
    }
  }
}

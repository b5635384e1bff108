package org.duban.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An evaluation system (测评体系), as in config/evaluation/&lt;id&gt;.yaml: categories of scored items,
 * bonus items and veto items. Departments score the items they own in the self-check stage.
 */
public record Evaluation(
    String id,
    String name,
    BigDecimal total,
    Grade rectifyBelow,
    DateSpec scoringDue,
    List<Category> categories,
    Bonus bonus,
    List<Veto> veto) {

  /** The plan item id of every department's scoring task in the self-check (one per department and campaign). */
  public static final String SCORING_PLAN_ITEM = "self-check-scoring";
  public static final String SCORING_TITLE = "测评体系自查评分";

  public Evaluation {
    categories = categories == null ? List.of() : categories;
    veto = veto == null ? List.of() : veto;
    bonus = bonus == null ? new Bonus(BigDecimal.ZERO, List.of()) : bonus;
    rectifyBelow = rectifyBelow == null ? Grade.A : rectifyBelow;
    scoringDue = scoringDue == null ? DateSpec.parse("+20d") : scoringDue;
  }

  /** 等次: a share of the item's points. */
  public enum Grade {
    A(100), B(66), C(33), D(0);

    public final int percent;

    Grade(int percent) {
      this.percent = percent;
    }

    public BigDecimal of(BigDecimal points) {
      return points.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }
  }

  public record Category(String name, BigDecimal points, List<Criterion> items) {
    public Category {
      items = items == null ? List.of() : items;
    }
  }

  /** A scored item; {@code planItems} name the plan items whose evidence documents it (for the archive). */
  public record Criterion(String id, String title, BigDecimal points, String owner, List<String> evidence, List<String> planItems) {
    public Criterion {
      evidence = evidence == null ? List.of() : evidence;
      planItems = planItems == null ? List.of() : planItems;
    }
  }

  /** 加分项目: each item up to its points, all of them together up to {@code max}. */
  public record Bonus(BigDecimal max, List<Criterion> items) {
    public Bonus {
      max = max == null ? BigDecimal.ZERO : max;
      items = items == null ? List.of() : items;
    }
  }

  /** 一票否决 / 负面清单: a hit goes to the creation-office director at once. */
  public record Veto(String id, String title, String owner) {}

  /** A criterion with its place in the checklist: 一、… / 1.1 … */
  public record Numbered(String number, String categoryNumber, String categoryName, Criterion criterion, boolean bonus) {
    public String folder() {
      return categoryNumber + categoryName;
    }

    public String label() {
      return number + " " + criterion.title();
    }
  }

  private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
      "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"};

  public static String numeral(int oneBased) {
    return oneBased <= NUMERALS.length ? NUMERALS[oneBased - 1] : String.valueOf(oneBased);
  }

  /** Every scored and bonus item, numbered as in the checklist; the bonus items form the last category. */
  public List<Numbered> numbered() {
    List<Numbered> all = new ArrayList<>();
    for (int c = 0; c < categories.size(); c++) {
      Category category = categories.get(c);
      for (int i = 0; i < category.items().size(); i++) {
        all.add(new Numbered((c + 1) + "." + (i + 1), numeral(c + 1) + "、", category.name(), category.items().get(i), false));
      }
    }
    int b = categories.size() + 1;
    for (int i = 0; i < bonus.items().size(); i++) {
      all.add(new Numbered(b + "." + (i + 1), numeral(b) + "、", "加分项目", bonus.items().get(i), true));
    }
    return all;
  }

  public Optional<Numbered> criterion(String id) {
    return numbered().stream().filter(n -> n.criterion().id().equals(id)).findFirst();
  }

  public Optional<Veto> vetoItem(String id) {
    return veto.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /**
   * The due date of the scoring tasks of a self-check stage running from {@code stageStart} to
   * {@code stageEnd}: {@code scoringDue} from the stage start, at the latest the stage's end, then the
   * plan's rule for days off.
   */
  public LocalDate scoringDueDate(Plan plan, LocalDate stageStart, LocalDate stageEnd, WorkingCalendar calendar) {
    LocalDate due = scoringDue.resolve(stageStart, calendar);
    return plan.dueDate(due.isAfter(stageEnd) ? stageEnd : due, calendar);
  }

  /** Departments with something to score or to watch: each gets a scoring task. */
  public List<String> owners() {
    return Stream.concat(numbered().stream().map(n -> n.criterion().owner()), veto.stream().map(Veto::owner))
        .distinct().toList();
  }
}

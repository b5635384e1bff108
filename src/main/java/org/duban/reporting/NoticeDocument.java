package org.duban.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * 督办通报 as .docx for the creation office to edit and send: title and issue number, addressees,
 * 一、督查情况 (counts), 二、存在问题 (late departments and items, numbered), 三、下一步要求, signature and
 * date. Laid out after GB/T 9704 (A4, 仿宋 三号 body at a fixed 28-point line, 黑体 headings).
 */
final class NoticeDocument {
  static final String TITLE = "创建工作督办通报";
  static final String ADDRESSEES = "各处室、各直属单位、各派出局：";
  static final String SIGNATURE = "创建办";
  static final String SECTION_1 = "一、督查情况";
  static final String SECTION_2 = "二、存在问题";
  static final String SECTION_3 = "三、下一步要求";
  static final List<String> REQUIREMENTS = List.of(
      "（一）逐项整改到位。被通报单位要对照本通报所列问题，逐项明确责任人和整改措施，尚未办结的事项要抓紧办理，办结后及时在系统中提交办理情况和佐证材料。",
      "（二）落实牵头责任。牵头单位要切实履行牵头职责，加强与配合单位的沟通协调，配合单位要按时报送配合材料，不得推诿扯皮。",
      "（三）严守完成时限。各单位要对照督办事项完成时限倒排工期，确需延期的，应在完成时限前通过系统提出延期申请，未经批准逾期的，按规定在考核中扣分。",
      "（四）强化跟踪督办。创建办将持续跟踪各事项办理情况，对多次逾期、整改不力的单位，提请创建工作领导小组通报批评。");

  private static final String FANGSONG = "仿宋_GB2312";
  private static final String HEITI = "黑体";
  private static final String KAITI = "楷体_GB2312";
  private static final String TITLE_FONT = "方正小标宋简体";
  private static final int BODY_PT = 16; // 三号
  private static final int TITLE_PT = 22; // 二号

  /** What one issue says; the office fills in the rest in Word. */
  record Content(String bureau, int issue, LocalDate from, LocalDate to, LocalDate signedOn, List<ItemFacts> facts,
      List<String> departmentOrder) {}

  private NoticeDocument() {}

  static String date(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  static String issueNumber(int year, int issue) {
    return "〔" + year + "〕第" + issue + "期";
  }

  /**
   * The items this issue covers: due by the period's end, and either due within the period or not
   * closed before it began (an old item still open is reported again; one closed earlier is not).
   */
  static List<ItemFacts> inScope(List<ItemFacts> facts, LocalDate from, LocalDate to) {
    return facts.stream()
        .filter(f -> !f.item().dueDate().isAfter(to))
        .filter(f -> !f.item().dueDate().isBefore(from) || f.closedOn() == null || !f.closedOn().isBefore(from))
        .toList();
  }

  static byte[] write(Content c) {
    List<ItemFacts> scope = inScope(c.facts(), c.from(), c.to());
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      a4(doc);
      XWPFParagraph title = paragraph(doc, ParagraphAlignment.CENTER, 0);
      title.setSpacingBetween(36, LineSpacingRule.EXACT);
      run(title, TITLE, TITLE_FONT, TITLE_PT, false);
      run(paragraph(doc, ParagraphAlignment.CENTER, 0), issueNumber(c.to().getYear(), c.issue()), FANGSONG, BODY_PT, false);
      run(paragraph(doc, ParagraphAlignment.CENTER, 0), c.bureau() + "创建工作领导小组办公室　　" + date(c.signedOn()),
          KAITI, BODY_PT, false);
      paragraph(doc, ParagraphAlignment.LEFT, 0);
      run(paragraph(doc, ParagraphAlignment.LEFT, 0), ADDRESSEES, FANGSONG, BODY_PT, false);
      body(doc, "为推动创建市级文明单位各项任务按时落实，创建办对" + date(c.from()) + "至" + date(c.to())
          + "期间的督办事项办理情况进行了督查。现将有关情况通报如下：");

      heading(doc, SECTION_1);
      body(doc, situation(scope, c.to()));

      heading(doc, SECTION_2);
      List<String> problems = problems(scope, c.departmentOrder());
      if (problems.isEmpty()) {
        body(doc, "本期督查范围内的督办事项均按期办理，未发现逾期事项。");
      } else {
        problems.forEach(p -> body(doc, p));
      }

      heading(doc, SECTION_3);
      REQUIREMENTS.forEach(r -> body(doc, r));

      paragraph(doc, ParagraphAlignment.LEFT, 0);
      XWPFParagraph sign = paragraph(doc, ParagraphAlignment.RIGHT, 0);
      sign.setIndentationRight(4 * BODY_PT * 20);
      run(sign, SIGNATURE, FANGSONG, BODY_PT, false);
      XWPFParagraph dated = paragraph(doc, ParagraphAlignment.RIGHT, 0);
      dated.setIndentationRight(2 * BODY_PT * 20);
      run(dated, date(c.signedOn()), FANGSONG, BODY_PT, false);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 一、督查情况: how many items, closed by the cut-off and on time, still open and overdue. */
  static String situation(List<ItemFacts> scope, LocalDate to) {
    int closed = (int) scope.stream().filter(f -> closedBy(f, to)).count();
    int onTime = (int) scope.stream().filter(f -> closedBy(f, to) && f.closedOnTime()).count();
    int open = scope.size() - closed;
    int overdue = (int) scope.stream().filter(f -> !closedBy(f, to) && f.late()).count();
    long counted = scope.stream().filter(f -> closedBy(f, to) || f.item().dueDate().isBefore(to)).count();
    String rate = counted == 0 ? "—" : String.format("%.1f%%", 100.0 * onTime / counted);
    long departments = scope.stream().map(ItemFacts::departmentId).distinct().count();
    return "本期共督查督办事项 " + scope.size() + " 项，涉及 " + departments + " 个单位。截至" + date(to) + "，已办结 " + closed
        + " 项，其中按期办结 " + onTime + " 项；尚未办结 " + open + " 项，其中已超期 " + overdue + " 项。按期完成率为 " + rate + "。";
  }

  /** 二、存在问题: one numbered paragraph per late department, each followed by its numbered late items. */
  static List<String> problems(List<ItemFacts> scope, List<String> departmentOrder) {
    Map<String, List<ItemFacts>> late = new LinkedHashMap<>();
    scope.stream().filter(ItemFacts::late)
        .sorted(Comparator.comparingInt((ItemFacts f) -> departmentOrder.indexOf(f.departmentId())).thenComparing(ItemFacts::serial))
        .forEach(f -> late.computeIfAbsent(f.departmentId(), d -> new ArrayList<>()).add(f));
    List<Map.Entry<String, List<ItemFacts>>> departments = new ArrayList<>(late.entrySet());
    departments.sort(Comparator.comparingInt((Map.Entry<String, List<ItemFacts>> e) -> e.getValue().size()).reversed()
        .thenComparingInt(e -> departmentOrder.indexOf(e.getKey())));
    List<String> lines = new ArrayList<>();
    int d = 0;
    for (var entry : departments) {
      List<ItemFacts> items = entry.getValue();
      long open = items.stream().filter(f -> !f.closed()).count();
      lines.add("（" + chineseNumber(++d) + "）" + items.get(0).departmentName() + "：逾期事项 " + items.size() + " 项"
          + (open > 0 ? "，其中 " + open + " 项至今尚未办结。" : "，均已补办办结。"));
      int n = 0;
      for (ItemFacts f : items) {
        lines.add((++n) + ". " + f.serial() + "「" + f.item().title() + "」（" + f.roleLabel() + "，" + f.stageName() + "），完成时限"
            + date(f.item().dueDate()) + "，" + (f.closed() || f.submittedOn() != null && !f.overdueNow()
                ? "逾期 " + f.daysOverdue() + " 个工作日后提交办理情况" + (f.closed() ? "，已办结" : "，待审核")
                : "已超期 " + f.daysOverdue() + " 个工作日，尚未办结")
            + (f.escalationLevel() > 0 ? "，已升级为" + ItemFacts.levelLabel(f.escalationLevel()) + "督办" : "") + "。");
      }
    }
    return lines;
  }

  private static boolean closedBy(ItemFacts f, LocalDate to) {
    return f.closedOn() != null && !f.closedOn().isAfter(to);
  }

  static String chineseNumber(int n) {
    String[] digits = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 10) {
      return digits[n];
    }
    if (n < 100) {
      return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10];
    }
    return String.valueOf(n);
  }

  private static void heading(XWPFDocument doc, String text) {
    run(paragraph(doc, ParagraphAlignment.BOTH, 2), text, HEITI, BODY_PT, false);
  }

  private static void body(XWPFDocument doc, String text) {
    run(paragraph(doc, ParagraphAlignment.BOTH, 2), text, FANGSONG, BODY_PT, false);
  }

  /** A paragraph at the fixed 28-point line of official documents, its first line indented by characters. */
  private static XWPFParagraph paragraph(XWPFDocument doc, ParagraphAlignment alignment, int indentChars) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(alignment);
    p.setSpacingBetween(28, LineSpacingRule.EXACT);
    p.setSpacingAfter(0);
    p.setSpacingBefore(0);
    if (indentChars > 0) {
      p.setFirstLineIndent(indentChars * BODY_PT * 20);
    }
    return p;
  }

  private static void run(XWPFParagraph p, String text, String font, int points, boolean bold) {
    XWPFRun r = p.createRun();
    r.setText(text);
    r.setFontFamily(font); // ASCII and the rest
    r.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
    r.setFontSize(points);
    r.setBold(bold);
  }

  /** A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm). */
  private static void a4(XWPFDocument doc) {
    CTSectPr section = doc.getDocument().getBody().isSetSectPr()
        ? doc.getDocument().getBody().getSectPr() : doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
    size.setW(BigInteger.valueOf(11906));
    size.setH(BigInteger.valueOf(16838));
    CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
    margins.setTop(BigInteger.valueOf(2098));
    margins.setBottom(BigInteger.valueOf(1984));
    margins.setLeft(BigInteger.valueOf(1588));
    margins.setRight(BigInteger.valueOf(1474));
  }
}

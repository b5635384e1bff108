package org.duban.preview;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duban.notification.Recipient;
import org.duban.plan.DateLabels;
import org.duban.reporting.SheetStyles;

/**
 * The plan preview as .xlsx, laid out like the 督办台账: sheets 事项, 提醒与预警, 各单位月度任务量 and 提示,
 * Chinese headers, each header row frozen and filtered, dates as real date cells shown yyyy-MM-dd.
 */
final class PreviewWorkbook {
  static final String ITEMS = "事项";
  static final String ALERTS = "提醒与预警";
  static final String LOAD = "各单位月度任务量";
  static final String HINTS = "提示";

  private PreviewWorkbook() {}

  static byte[] write(Preview preview) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Styles styles = new Styles(book);
      Table items = new Table(book.createSheet(ITEMS), styles, List.of(
          col("所属阶段", 16), col("阶段起止", 26), col("督办事项", 44), col("类别", 10), col("责任单位", 16), col("牵头/配合", 11),
          col("完成时限", 13), col("星期", 8), col("提醒与预警（条）", 12), col("备注", 30)));
      for (Preview.Item i : preview.items()) {
        Preview.Stage stage = stage(preview, i.stageId());
        items.row().text(i.stageName()).text(stage.startLabel() + " 至 " + stage.endLabel()).text(i.title()).text(i.kind())
            .text(i.departmentName()).center(i.roleLabel()).date(i.dueDate()).center(DateLabels.weekday(i.dueDate()))
            .number(i.alerts().size()).text(i.afterStageEnd() ? "晚于阶段结束日期，转入下一阶段督办" : "");
      }
      items.finish();

      Table alerts = new Table(book.createSheet(ALERTS), styles, List.of(
          col("所属阶段", 16), col("督办事项", 40), col("责任单位", 16), col("牵头/配合", 11), col("提醒/预警", 22),
          col("日期", 13), col("星期", 8), col("时间", 8), col("邮件收件人", 36), col("督办日报收件人", 24), col("说明", 36)));
      for (Preview.Item i : preview.items()) {
        for (Preview.Alert a : i.alerts()) {
          String digest = a.digest().isEmpty() ? "" : names(a.digest()) + "（" + a.digestLabel() + "）";
          alerts.row().text(i.stageName()).text(i.title()).text(i.departmentName()).center(i.roleLabel()).text(a.label())
              .date(a.date()).center(a.date() == null ? "" : DateLabels.weekday(a.date())).center(a.time()).text(names(a.mail()))
              .text(digest).text(a.note());
        }
      }
      alerts.finish();

      List<Column> loadColumns = new ArrayList<>(List.of(col("责任单位", 16)));
      preview.load().months().forEach(m -> loadColumns.add(col(m.substring(0, 4) + "年" + Integer.parseInt(m.substring(5)) + "月", 10)));
      loadColumns.add(col("合计", 8));
      Table load = new Table(book.createSheet(LOAD), styles, loadColumns);
      for (Preview.DepartmentLoad d : preview.load().departments()) {
        Table.Line line = load.row().text(d.name());
        d.counts().forEach(line::number);
        line.number(d.total());
      }
      load.finish();

      Table hints = new Table(book.createSheet(HINTS), styles, List.of(col("类型", 10), col("内容", 120)));
      preview.warnings().forEach(w -> hints.row().center("注意").text(w.text()));
      preview.notes().forEach(n -> hints.row().center("说明").text(n));
      hints.finish();

      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Preview.Stage stage(Preview preview, String id) {
    return preview.stages().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static String names(List<Recipient> people) {
    return people.stream().map(Recipient::name).collect(Collectors.joining("、"));
  }

  /** width in characters of a Latin font; a Chinese character takes about two */
  private record Column(String header, int width) {}

  private static Column col(String header, int width) {
    return new Column(header, width);
  }

  private static final class Styles {
    final CellStyle header;
    final CellStyle text;
    final CellStyle center;
    final CellStyle date;

    Styles(XSSFWorkbook book) {
      header = SheetStyles.header(book);
      text = SheetStyles.bordered(book);
      text.setWrapText(true);
      center = SheetStyles.bordered(book);
      center.setAlignment(HorizontalAlignment.CENTER);
      date = SheetStyles.bordered(book);
      date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
      date.setAlignment(HorizontalAlignment.CENTER);
    }
  }

  /** A sheet with its header row; {@link #finish} freezes and filters it. */
  private static final class Table {
    private final Sheet sheet;
    private final Styles styles;
    private final int columns;
    private int rows = 1;

    Table(Sheet sheet, Styles styles, List<Column> columns) {
      this.sheet = sheet;
      this.styles = styles;
      this.columns = columns.size();
      Row head = sheet.createRow(0);
      head.setHeightInPoints(24);
      for (int c = 0; c < columns.size(); c++) {
        Cell cell = head.createCell(c);
        cell.setCellValue(columns.get(c).header());
        cell.setCellStyle(styles.header);
        sheet.setColumnWidth(c, columns.get(c).width() * 256);
      }
    }

    Line row() {
      return new Line(sheet.createRow(rows++));
    }

    void finish() {
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows - 1), 0, columns - 1));
    }

    /** One row, filled cell by cell from the left. */
    final class Line {
      private final Row row;
      private int c;

      Line(Row row) {
        this.row = row;
      }

      private Cell next(CellStyle style) {
        Cell cell = row.createCell(c++);
        cell.setCellStyle(style);
        return cell;
      }

      Line text(String value) {
        next(styles.text).setCellValue(value == null ? "" : value);
        return this;
      }

      Line center(String value) {
        next(styles.center).setCellValue(value == null ? "" : value);
        return this;
      }

      Line number(int value) {
        next(styles.center).setCellValue(value);
        return this;
      }

      /** A real date cell; an empty bordered cell without a date. */
      Line date(LocalDate value) {
        Cell cell = next(value == null ? styles.text : styles.date);
        if (value != null) {
          cell.setCellValue(value.atTime(LocalTime.MIDNIGHT));
        }
        return this;
      }
    }
  }
}

package org.duban.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * 督办台账 as .xlsx: one row per supervised item, Chinese headers, the header row frozen and filtered,
 * dates as real date cells shown yyyy-MM-dd (sortable and filterable in Excel and LibreOffice).
 */
final class LedgerWorkbook {
  static final String SHEET = "督办台账";

  /** width in characters of a Latin font; a Chinese character takes about two */
  private record Column(String header, int width) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("督办编号", 15), new Column("所属阶段", 16), new Column("督办事项", 48), new Column("牵头/配合", 11),
      new Column("责任单位", 16), new Column("完成时限", 13), new Column("办理状态", 11), new Column("办结时间", 13),
      new Column("超期天数（工作日）", 12), new Column("督办级别", 11), new Column("延期次数", 11),
      new Column("佐证材料数", 13));

  private LedgerWorkbook() {}

  /** {@code evidence}: files per item serial (items without files absent). */
  static byte[] write(List<ItemFacts> facts, Map<String, Integer> evidence) {
    List<Column> columns = COLUMNS;
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet(SHEET);
      CellStyle header = SheetStyles.header(book);
      CellStyle text = SheetStyles.bordered(book);
      text.setWrapText(true);
      CellStyle date = SheetStyles.bordered(book);
      date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
      date.setAlignment(HorizontalAlignment.CENTER);
      CellStyle number = SheetStyles.bordered(book);
      number.setAlignment(HorizontalAlignment.CENTER);

      Row head = sheet.createRow(0);
      head.setHeightInPoints(24);
      for (int c = 0; c < columns.size(); c++) {
        Cell cell = head.createCell(c);
        cell.setCellValue(columns.get(c).header());
        cell.setCellStyle(header);
        sheet.setColumnWidth(c, columns.get(c).width() * 256);
      }
      int r = 1;
      for (ItemFacts f : facts) {
        Row row = sheet.createRow(r++);
        int c = 0;
        text(row, c++, f.serial(), text);
        text(row, c++, f.stageName(), text);
        text(row, c++, f.item().title(), text);
        text(row, c++, f.roleLabel(), number);
        text(row, c++, f.departmentName(), text);
        date(row, c++, f.item().dueDate(), date, text);
        text(row, c++, f.statusLabel(), number);
        date(row, c++, f.closedOn(), date, text);
        number(row, c++, f.daysOverdue(), number);
        text(row, c++, ItemFacts.levelLabel(f.escalationLevel()), number);
        number(row, c++, f.extensions(), number);
        number(row, c, evidence.getOrDefault(f.serial(), 0), number);
      }
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, columns.size() - 1));
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void text(Row row, int c, String value, CellStyle style) {
    Cell cell = row.createCell(c);
    cell.setCellValue(value == null ? "" : value);
    cell.setCellStyle(style);
  }

  private static void number(Row row, int c, int value, CellStyle style) {
    Cell cell = row.createCell(c);
    cell.setCellValue(value);
    cell.setCellStyle(style);
  }

  /** A real date cell; an empty (bordered) cell when there is no date. */
  private static void date(Row row, int c, LocalDate value, CellStyle dateStyle, CellStyle empty) {
    Cell cell = row.createCell(c);
    if (value == null) {
      cell.setCellStyle(empty);
      return;
    }
    cell.setCellValue(LocalDateTime.of(value, java.time.LocalTime.MIDNIGHT));
    cell.setCellStyle(dateStyle);
  }
}

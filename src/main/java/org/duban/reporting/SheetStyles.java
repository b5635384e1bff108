package org.duban.reporting;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The look of Duban's spreadsheets (台账, 计划预览): thin borders, a bold 黑体 header on grey. */
public final class SheetStyles {
  private SheetStyles() {}

  public static CellStyle bordered(XSSFWorkbook book) {
    CellStyle style = book.createCellStyle();
    style.setBorderTop(BorderStyle.THIN);
    style.setBorderBottom(BorderStyle.THIN);
    style.setBorderLeft(BorderStyle.THIN);
    style.setBorderRight(BorderStyle.THIN);
    style.setVerticalAlignment(VerticalAlignment.CENTER);
    return style;
  }

  public static CellStyle header(XSSFWorkbook book) {
    CellStyle style = bordered(book);
    Font font = book.createFont();
    font.setBold(true);
    font.setFontName("黑体");
    style.setFont(font);
    style.setAlignment(HorizontalAlignment.CENTER);
    style.setWrapText(true);
    style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
    style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    return style;
  }
}

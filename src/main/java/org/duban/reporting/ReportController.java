package org.duban.reporting;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.duban.evidence.EvidenceStore;
import org.duban.campaign.CampaignRepository.Campaign;
import org.duban.supervision.Deadlines;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Downloads: the 督办台账 (.xlsx) and a 督办通报 (.docx); a department head gets the own department's rows only. */
@RestController
class ReportController {
  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  static final MediaType DOCX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

  private final ReportData data;
  private final EvidenceStore evidence;

  ReportController(ReportData data, EvidenceStore evidence) {
    this.data = data;
    this.evidence = evidence;
  }

  @GetMapping("/api/reports/ledger.xlsx")
  @Transactional(readOnly = true)
  ResponseEntity<byte[]> ledger(@RequestParam(required = false) String campaign, HttpServletRequest request) {
    Campaign c = campaign(campaign);
    List<ItemFacts> facts = data.facts(c, CurrentUser.of(request));
    byte[] body = LedgerWorkbook.write(facts, evidence.countsByItem());
    return download(body, XLSX, "督办台账-" + Deadlines.today() + ".xlsx");
  }

  /**
   * A 通报 for the period from..to (default: the current month up to today), issue number {@code issue}
   * (the office numbers its issues; default 1).
   */
  @GetMapping("/api/reports/notice.docx")
  @Transactional(readOnly = true)
  ResponseEntity<byte[]> notice(@RequestParam(required = false) String campaign,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "1") int issue, HttpServletRequest request) {
    LocalDate today = Deadlines.today();
    LocalDate end = to == null ? today : to;
    LocalDate start = from == null ? end.with(TemporalAdjusters.firstDayOfMonth()) : from;
    if (start.isAfter(end)) {
      throw ApiException.badRequest("from: 开始日期 " + start + " 晚于截止日期 " + end);
    }
    if (issue < 1 || issue > 999) {
      throw ApiException.badRequest("issue: 期号应为 1 到 999 之间的整数");
    }
    Campaign c = campaign(campaign);
    List<ItemFacts> facts = data.facts(c, CurrentUser.of(request));
    byte[] body = NoticeDocument.write(new NoticeDocument.Content(data.bureau(), issue, start, end, today, facts,
        data.departmentOrder()));
    return download(body, DOCX, "督办通报" + NoticeDocument.issueNumber(end.getYear(), issue) + ".docx");
  }

  private Campaign campaign(String id) {
    return data.campaign(id).orElseThrow(() -> ApiException.notFound("还没有督办活动，无可导出的内容"));
  }

  private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
        .body(body);
  }
}

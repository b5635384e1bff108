package org.duban.preview;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.duban.organization.Roles;
import org.duban.plan.BureauConfig;
import org.duban.supervision.Deadlines;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The plan preview for whoever runs campaigns (the creation office, its director, the administrator):
 * the page, rendered on the server, its JSON and its workbook. {@code startDate} defaults to today,
 * {@code fromStage} to the first stage, as when a campaign starts.
 */
@Controller
class PreviewController {
  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final PlanPreview previews;
  private final BureauConfig config;

  PreviewController(PlanPreview previews, BureauConfig config) {
    this.previews = previews;
    this.config = config;
  }

  @GetMapping("/api/plans/{id}/preview")
  @ResponseBody
  Preview json(@PathVariable String id, @RequestParam(required = false) String startDate,
      @RequestParam(required = false) String fromStage, HttpServletRequest request) {
    return preview(request, id, startDate, fromStage);
  }

  @GetMapping("/api/plans/{id}/preview.xlsx")
  ResponseEntity<byte[]> workbook(@PathVariable String id, @RequestParam(required = false) String startDate,
      @RequestParam(required = false) String fromStage, HttpServletRequest request) {
    Preview preview = preview(request, id, startDate, fromStage);
    String name = "计划预览-" + preview.planName() + "-" + preview.startDate() + ".xlsx";
    return ResponseEntity.ok().contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
        .body(PreviewWorkbook.write(preview));
  }

  /** A refusal is shown on the page itself, with its status, the form kept as typed (for those who may use it). */
  @GetMapping({"/plans/{id}/preview", "/plans/{id}/preview/"})
  String page(@PathVariable String id, @RequestParam(required = false) String startDate,
      @RequestParam(required = false) String fromStage, HttpServletRequest request, HttpServletResponse response, Model model) {
    CurrentUser user = CurrentUser.of(request);
    model.addAttribute("user", user.id());
    model.addAttribute("startDate", blank(startDate) ? Deadlines.today().toString() : startDate);
    model.addAttribute("fromStage", blank(fromStage) ? "" : fromStage);
    try {
      Preview preview = preview(request, id, startDate, fromStage);
      model.addAttribute("preview", preview);
      model.addAttribute("plan", config.plan(id).orElseThrow());
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute("error", e.getMessage());
      if (e.status().value() != HttpServletResponse.SC_FORBIDDEN) {
        config.plan(id).ifPresent(p -> model.addAttribute("plan", p));
      }
    }
    return "plan-preview";
  }

  private Preview preview(HttpServletRequest request, String id, String startDate, String fromStage) {
    CurrentUser.of(request).require("预览计划（仅创建办、创建办主任和系统管理员可以）", Roles.CREATION_OFFICE,
        Roles.CREATION_OFFICE_DIRECTOR, Roles.ADMIN);
    return previews.of(id, date(startDate), blank(fromStage) ? null : fromStage);
  }

  /** A date as typed, 2026-12-07: four-digit years only (ISO's signed years would run a plan's offsets past LocalDate's range). */
  static LocalDate date(String text) {
    if (blank(text)) {
      return Deadlines.today();
    }
    String refusal = "startDate: “" + text + "”不是有效的日期，请按 2026-12-07 的格式填写（年-月-日）。";
    if (!text.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw ApiException.badRequest(refusal);
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(refusal);
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}

package org.duban.campaign;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duban.organization.Roles;
import org.duban.plan.BureauConfig;
import org.duban.plan.DateLabels;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.SupervisedItem;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/campaigns")
class CampaignController {
  private final CampaignService service;
  private final CampaignRepository campaigns;
  private final ItemRepository items;
  private final BureauConfig config;
  private final CampaignPlans plans;

  CampaignController(CampaignService service, CampaignRepository campaigns, ItemRepository items, BureauConfig config,
      CampaignPlans plans) {
    this.service = service;
    this.campaigns = campaigns;
    this.items = items;
    this.config = config;
    this.plans = plans;
  }

  /** {@code startDate} may lie up to a year back; {@code fromStage} adopts a running campaign at that stage. */
  record StartRequest(String planId, LocalDate startDate, String fromStage) {}

  @PostMapping
  ResponseEntity<Map<String, Object>> start(@RequestBody StartRequest body, HttpServletRequest request) {
    CurrentUser.of(request).require("启动创建活动（仅创建办主任和系统管理员可以）", Roles.CREATION_OFFICE_DIRECTOR, Roles.ADMIN);
    if (body == null || body.planId() == null || body.planId().isBlank()) {
      throw ApiException.badRequest("planId: 必须填写要启动的计划");
    }
    LocalDate start = body.startDate() != null ? body.startDate() : Deadlines.today();
    try {
      String id = service.start(body.planId(), start, body.fromStage());
      CampaignRepository.Campaign campaign = campaigns.find(id).orElseThrow();
      return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "planId", body.planId(),
          "startDate", start.toString(), "startDateLabel", DateLabels.withWeekday(start), "fromStage", campaign.fromStage()));
    } catch (CampaignService.CampaignRefused e) {
      throw new ApiException(e.conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  @GetMapping
  List<CampaignRepository.Campaign> list() {
    return campaigns.all();
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    CampaignRepository.Campaign c = campaigns.find(id).orElseThrow(() -> ApiException.notFound("没有创建活动 " + id));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("campaign", c);
    result.put("stages", campaigns.stages(id));
    result.put("inspection", campaigns.inspection(id).orElse(null));
    return result;
  }

  record DepartmentCount(String departmentId, String departmentName, int closed, int open, int overdue) {}

  /** The stage gate's summary: per department, items closed / open / overdue. A department head sees the own row only. */
  @GetMapping("/{id}/stages/{stageId}/summary")
  Map<String, Object> summary(@PathVariable String id, @PathVariable String stageId, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    campaigns.find(id).orElseThrow(() -> ApiException.notFound("没有创建活动 " + id));
    // rows in the order of organization.yaml, as the bureau lists its departments
    Map<String, int[]> counts = new LinkedHashMap<>();
    config.organization().departments().forEach(d -> counts.put(d.id(), null));
    for (SupervisedItem item : items.ofStage(id, stageId)) {
      if (!user.mayRead(item.departmentId())) {
        continue;
      }
      int[] c = counts.computeIfAbsent(item.departmentId(), k -> new int[3]); // a null placeholder counts as absent
      c[item.isOpen() ? 1 : 0]++;
      if (item.isOverdue()) {
        c[2]++;
      }
    }
    List<DepartmentCount> rows = counts.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> new DepartmentCount(e.getKey(), config.organization().departmentName(e.getKey()),
            e.getValue()[0], e.getValue()[1], e.getValue()[2]))
        .toList();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("stageId", stageId);
    result.put("stageName", plans.of(id).stage(stageId).map(s -> s.name()).orElse(stageId));
    campaigns.stages(id).stream().filter(s -> s.stageId().equals(stageId)).findFirst().ifPresent(s -> {
      result.put("state", s.state());
      result.put("startedOnLabel", s.startedOnLabel());
      result.put("endsOnLabel", s.endsOnLabel());
    });
    result.put("closed", rows.stream().mapToInt(DepartmentCount::closed).sum());
    result.put("open", rows.stream().mapToInt(DepartmentCount::open).sum());
    result.put("overdue", rows.stream().mapToInt(DepartmentCount::overdue).sum());
    result.put("departments", rows);
    return result;
  }
}

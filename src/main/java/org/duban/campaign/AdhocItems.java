package org.duban.campaign;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duban.organization.Roles;
import org.duban.plan.BureauConfig;
import org.duban.plan.DateLabels;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.ItemStarter;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * 临时交办: the creation office adds an item to the running campaign's current stage (e.g. a
 * decision of a leading-group meeting); it is supervised like any plan item and the stage gate waits for it.
 */
@RestController
class AdhocItems {
  private final CampaignRepository campaigns;
  private final ItemStarter starter;
  private final ItemRepository items;
  private final BureauConfig config;
  private final CampaignPlans plans;

  AdhocItems(CampaignRepository campaigns, ItemStarter starter, ItemRepository items, BureauConfig config, CampaignPlans plans) {
    this.plans = plans;
    this.campaigns = campaigns;
    this.starter = starter;
    this.items = items;
    this.config = config;
  }

  record Request(String campaignId, String stageId, String title, String description, String lead,
      List<String> assisting, LocalDate dueDate, List<String> evidence) {}

  @PostMapping("/api/items")
  @Transactional
  ResponseEntity<Map<String, Object>> add(@RequestBody Request body, HttpServletRequest request) {
    CurrentUser.of(request).require("追加临时交办事项（仅创建办、创建办主任和系统管理员可以）",
        Roles.CREATION_OFFICE, Roles.CREATION_OFFICE_DIRECTOR, Roles.ADMIN);
    if (body == null) {
      throw ApiException.badRequest("请求体不能为空");
    }
    CampaignRepository.Campaign campaign = campaign(body.campaignId());
    CampaignRepository.StageRecord current = campaigns.currentStage(campaign.id())
        .orElseThrow(() -> ApiException.badRequest("创建活动 " + campaign.id() + " 尚未开始任何阶段"));
    String stageId = body.stageId() == null ? current.stageId() : body.stageId();
    if (!stageId.equals(current.stageId())) {
      throw ApiException.badRequest("stageId: 只能向当前阶段（" + current.stageId() + "）追加事项，收到 '" + stageId + "'");
    }
    if (body.title() == null || body.title().isBlank() || body.title().length() > 200) {
      throw ApiException.badRequest("title: 必须填写，且不超过 200 个字");
    }
    requireDepartment("lead", body.lead());
    List<String> assisting = body.assisting() == null ? List.of() : body.assisting();
    var seen = new HashSet<String>();
    for (String dept : assisting) {
      requireDepartment("assisting", dept);
      if (dept.equals(body.lead()) || !seen.add(dept)) {
        throw ApiException.badRequest("assisting: '" + dept + "' 重复或与牵头单位相同");
      }
    }
    if (body.dueDate() == null || body.dueDate().isBefore(Deadlines.today())) {
      throw ApiException.badRequest("dueDate: 必须填写，且不能早于今天（" + DateLabels.withWeekday(Deadlines.today()) + "）");
    }
    // a day off moves to the next working day as the plan says (遇节假日顺延); the answer says so
    LocalDate due = plans.of(campaign.id()).dueDate(body.dueDate(), config.calendar());
    String planItemId = "adhoc-" + UUID.randomUUID().toString().substring(0, 8);
    starter.start(new ItemStarter.Assignment(campaign.id(), stageId, planItemId, body.title().strip(), body.description(), body.lead(), assisting, due,
        body.evidence() == null ? List.of() : body.evidence(), true));
    List<Object> created = new ArrayList<>(items.ofPlanItem(campaign.id(), planItemId).stream()
        .map(org.duban.supervision.ItemView::of).toList());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("planItemId", planItemId);
    result.put("dueDate", due.toString());
    result.put("dueDateLabel", DateLabels.withWeekday(due));
    if (!due.equals(body.dueDate())) {
      result.put("movedFrom", body.dueDate().toString());
      result.put("notice", DateLabels.withWeekday(body.dueDate()) + "不是工作日，完成时限已顺延至 " + DateLabels.withWeekday(due) + "。");
    }
    result.put("items", created);
    return ResponseEntity.status(HttpStatus.CREATED).body(result);
  }

  private CampaignRepository.Campaign campaign(String id) {
    if (id != null) {
      CampaignRepository.Campaign c = campaigns.find(id).orElseThrow(() -> ApiException.badRequest("campaignId: 没有创建活动 '" + id + "'"));
      if (!c.running()) {
        throw ApiException.badRequest("campaignId: 创建活动 '" + id + "' 已结束");
      }
      return c;
    }
    List<CampaignRepository.Campaign> running = campaigns.all().stream().filter(CampaignRepository.Campaign::running).toList();
    if (running.size() != 1) {
      throw ApiException.badRequest("campaignId: 必须指明创建活动（进行中的活动有 " + running.size() + " 个）");
    }
    return running.get(0);
  }

  private void requireDepartment(String field, String id) {
    if (id == null || config.organization().department(id).isEmpty()) {
      throw ApiException.badRequest(field + ": 未知的部门 '" + id + "'");
    }
  }
}

package org.duban.reporting;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import org.duban.evaluation.SelfCheckResults;
import org.duban.plan.BureauConfig;
import org.duban.plan.Plan;
import org.duban.web.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The supervision dashboard (督办看板): the page, rendered on the server, and the same data as JSON for its charts. */
@Controller
class DashboardController {
  private final DashboardService dashboard;
  private final SelfCheckResults selfCheck;
  private final BureauConfig config;

  DashboardController(DashboardService dashboard, SelfCheckResults selfCheck, BureauConfig config) {
    this.dashboard = dashboard;
    this.selfCheck = selfCheck;
    this.config = config;
  }

  @GetMapping({"/dashboard", "/dashboard/"})
  String page(@RequestParam(required = false) String campaign, HttpServletRequest request, Model model) {
    CurrentUser user = CurrentUser.of(request);
    DashboardView view = dashboard.view(campaign, user);
    model.addAttribute("view", view);
    model.addAttribute("user", user.id());
    model.addAttribute("allDepartments", user.seesAllDepartments());
    if (DashboardService.runsCampaign(user)) {
      // the plan preview (/plans/{id}/preview), for those who launch campaigns
      model.addAttribute("previewPlans", config.plans().values().stream().sorted(Comparator.comparing(Plan::id)).toList());
    }
    if (view.campaignId() != null) {
      selfCheck.of(view.campaignId()).filter(DashboardController::started).ifPresent(r -> {
        model.addAttribute("selfCheck", r);
        // a department head sees the own department's rectifications only
        model.addAttribute("rectifications", r.rectifications().stream()
            .filter(x -> user.seesAllDepartments() || user.in(x.departmentId())).toList());
      });
    }
    return "dashboard";
  }

  /** Shown once the first self-check score is in. */
  private static boolean started(SelfCheckResults.Report r) {
    return r.lines().stream().anyMatch(l -> l.score() != null) || !r.rectifications().isEmpty();
  }

  @GetMapping("/api/dashboard")
  @ResponseBody
  DashboardView json(@RequestParam(required = false) String campaign, HttpServletRequest request) {
    return dashboard.view(campaign, CurrentUser.of(request));
  }
}

package org.duban.reporting;

import jakarta.servlet.http.HttpServletRequest;
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

  DashboardController(DashboardService dashboard) {
    this.dashboard = dashboard;
  }

  @GetMapping({"/dashboard", "/dashboard/"})
  String page(@RequestParam(required = false) String campaign, HttpServletRequest request, Model model) {
    CurrentUser user = CurrentUser.of(request);
    model.addAttribute("view", dashboard.view(campaign, user));
    model.addAttribute("user", user.id());
    return "dashboard";
  }

  @GetMapping("/api/dashboard")
  @ResponseBody
  DashboardView json(@RequestParam(required = false) String campaign, HttpServletRequest request) {
    return dashboard.view(campaign, CurrentUser.of(request));
  }
}

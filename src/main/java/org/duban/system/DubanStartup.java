package org.duban.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.duban.campaign.CampaignRepository;
import org.duban.campaign.CampaignService;
import org.duban.organization.AccessSetup;
import org.duban.organization.IdentitySync;
import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.duban.reporting.CalendarWatch;
import org.duban.supervision.Deadlines;
import org.duban.supervision.LeaderDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * At every start, in order: users and groups from organization.yaml, grants and Tasklist filters,
 * the processes of bpmn/ (and the leaders' digest loop), in the demo the seed campaign, and a
 * warning for every year a running campaign reaches without a calendar file. Returns at once: the
 * job executor starts only after every ApplicationRunner has returned (on ApplicationReadyEvent), and
 * Spring Boot turns the readiness state to ACCEPTING_TRAFFIC after that: until then /readyz answers
 * 503, so a load balancer sends nobody to a node whose users do not exist yet.
 */
@Component
class DubanStartup implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DubanStartup.class);

  private final BureauConfig config;
  private final IdentitySync identity;
  private final AccessSetup access;
  private final ProcessDeployer deployer;
  private final CampaignService campaigns;
  private final CampaignRepository campaignRepository;
  private final LeaderDigest digest;
  private final CalendarWatch calendarWatch;
  private final boolean demoCampaign;
  private final String demoPlan;
  private final String demoPassword;
  private final Environment environment;

  DubanStartup(BureauConfig config, IdentitySync identity, AccessSetup access, ProcessDeployer deployer,
      CampaignService campaigns, CampaignRepository campaignRepository, LeaderDigest digest, CalendarWatch calendarWatch,
      @Value("${duban.demo.start-campaign}") boolean startCampaign,
      @Value("${duban.demo.password:}") String demoPassword,
      @Value("${duban.demo.start-plan}") String demoPlan, Environment environment) {
    this.config = config;
    this.identity = identity;
    this.access = access;
    this.deployer = deployer;
    this.campaigns = campaigns;
    this.campaignRepository = campaignRepository;
    this.digest = digest;
    this.calendarWatch = calendarWatch;
    this.demoCampaign = startCampaign && !demoPassword.isBlank();
    this.demoPlan = demoPlan;
    this.demoPassword = demoPassword;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    IdentitySync.Report report = identity.sync(config);
    if (!report.kept().isEmpty()) {
      log.warn("Kept although gone from organization.yaml (open items or tasks): {}", report.kept());
    }
    access.apply(config);
    deployer.deploy();
    digest.ensureRunning();
    if (demoCampaign && campaignRepository.all().isEmpty()) {
      String id = campaigns.start(demoPlan, Deadlines.today());
      log.info("Demo: started campaign {} of plan {}", id, demoPlan);
    }
    warnCalendarGaps();
    if (!demoPassword.isBlank()) {
      log.info("督办系统已就绪: {} — 演示用户（密码 {}）: {}", address(), demoPassword, demoUsers());
    }
  }

  /** Where people reach the demo: duban.mail.base-url when the bureau set it, else this server's port on localhost. */
  private String address() {
    String base = environment.getProperty("duban.mail.base-url");
    if (base == null || base.isBlank()) {
      base = "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }
    return base.endsWith("/") ? base : base + "/";
  }

  /** One of each role, as the README's table lists them. */
  private String demoUsers() {
    Organization org = config.organization();
    List<String> users = new ArrayList<>();
    org.departments().stream().findFirst()
        .ifPresent(d -> users.add(d.head().id() + "（各部门 head-<部门 id>、liaison-<部门 id>）"));
    org.creationOffice().staff().forEach(p -> users.add(p.id()));
    users.add(org.creationOffice().director().id());
    users.add(org.leadingGroup().head());
    org.administrators().forEach(p -> users.add(p.id()));
    return String.join(", ", users);
  }

  /** One line per year: an alert in it would otherwise fail only when the year begins. */
  private void warnCalendarGaps() {
    Map<Integer, List<CalendarWatch.Gap>> byYear = calendarWatch.gaps().stream()
        .collect(Collectors.groupingBy(CalendarWatch.Gap::year, TreeMap::new, Collectors.toList()));
    byYear.forEach((year, gaps) -> log.warn(
        "No working-day calendar for {}: add {}, copied from the State Council notice {} (published each autumn). "
            + "Reached by {}; until it is added, reminders and escalations in {} cannot be counted in working days.",
        year, gaps.get(0).file(), gaps.get(0).notice(),
        gaps.stream().map(g -> "campaign " + g.campaignId() + " (" + g.campaignName() + ") from " + g.from())
            .collect(Collectors.joining(", ")),
        year));
  }
}

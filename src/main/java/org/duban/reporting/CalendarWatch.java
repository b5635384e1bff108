package org.duban.reporting;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.duban.campaign.CampaignRepository;
import org.duban.campaign.CampaignRepository.Campaign;
import org.duban.plan.BureauConfig;
import org.duban.plan.CalendarCoverage;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.PlanLookup;
import org.duban.supervision.SupervisedItem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The years without a calendar file that the running campaigns reach ({@link CalendarCoverage}),
 * read from the campaign state on every call: the startup log and the dashboard say so. The
 * calendar is read at startup like every config file, so an added file ends the warning at the
 * next start.
 */
@Component
public class CalendarWatch {
  /** A running campaign that reaches a year without a calendar file, from {@code from} on. */
  public record Gap(String campaignId, String campaignName, int year, LocalDate from, String file, String notice) {}

  private final CampaignRepository campaigns;
  private final ItemRepository items;
  private final PlanLookup plans;
  private final BureauConfig config;
  private final Path calendarDir;

  CalendarWatch(CampaignRepository campaigns, ItemRepository items, PlanLookup plans, BureauConfig config,
      @Value("${duban.config-dir}") Path configDir) {
    this.campaigns = campaigns;
    this.items = items;
    this.plans = plans;
    this.config = config;
    this.calendarDir = configDir.resolve("calendar"); // where BureauConfigLoader reads the calendar from
  }

  /** By campaign, then year. */
  public List<Gap> gaps() {
    List<Gap> gaps = new ArrayList<>();
    for (Campaign campaign : campaigns.all()) {
      if (!campaign.running()) {
        continue;
      }
      Map<String, CalendarCoverage.Window> started = campaigns.stages(campaign.id()).stream().collect(Collectors.toMap(
          CampaignRepository.StageRecord::stageId, s -> new CalendarCoverage.Window(s.startedOn(), s.endsOn())));
      List<CalendarCoverage.OpenItem> open = items.ofCampaign(campaign.id()).stream().filter(SupervisedItem::isOpen)
          .map(i -> new CalendarCoverage.OpenItem(i.createdAt().atZoneSameInstant(Deadlines.ZONE).toLocalDate(), i.dueDate()))
          .toList();
      for (CalendarCoverage.MissingYear m : CalendarCoverage.missingYears(plans.planOf(campaign.id()), campaign.startDate(),
          started, open, config.calendar())) {
        String file = calendarDir.resolve(m.year() + ".yaml").toString().replace('\\', '/');
        gaps.add(new Gap(campaign.id(), campaign.name(), m.year(), m.from(), file, m.notice()));
      }
    }
    return gaps;
  }
}

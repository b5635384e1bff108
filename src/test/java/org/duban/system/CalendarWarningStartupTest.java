package org.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The startup's warning for a year a running campaign reaches without a calendar file: the demo's
 * campaign, started on 2026-12-02 with the seed plan, and the application started again over it.
 */
@ExtendWith(OutputCaptureExtension.class)
class CalendarWarningStartupTest extends ProcessTest {
  private static final LocalDate DEMO_START = LocalDate.of(2026, 12, 2);

  @Autowired DubanStartup startup;

  private List<String> warnings(CapturedOutput output) {
    return output.getOut().lines().filter(l -> l.contains("No working-day calendar")).toList();
  }

  @Test
  void aRestartWarnsOnceForEveryYearTheRunningCampaignReachesWithoutACalendarFile(CapturedOutput output) throws Exception {
    startup.run(new DefaultApplicationArguments());
    assertThat(warnings(output)).as("no campaign runs yet").isEmpty();

    moveTo(DEMO_START, 10);
    String campaign = startCampaign(DEMO_START);
    startup.run(new DefaultApplicationArguments());

    // preparation runs from 2026-12-02 to 2027-01-01; full creation is planned from 2027-02-01 to 2028-03-03
    assertThat(warnings(output)).hasSize(2);
    assertThat(warnings(output).get(0)).contains(" WARN ", "No working-day calendar for 2027: add config/calendar/2027.yaml",
        "国务院办公厅关于2027年部分节假日安排的通知 (published each autumn)",
        "Reached by campaign " + campaign + " (创建市级文明单位) from 2027-01-01");
    assertThat(warnings(output).get(1)).contains(" WARN ", "No working-day calendar for 2028: add config/calendar/2028.yaml",
        "国务院办公厅关于2028年部分节假日安排的通知", "campaign " + campaign + " (创建市级文明单位) from 2028-01-01");
  }
}

package org.duban.supervision;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Dates of the bureau, always in Asia/Shanghai whatever the JVM's zone. "Now" is the engine's
 * clock, so tests that move it with ClockUtil move every deadline computation with it.
 */
public final class Deadlines {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Days before the due date when an item turns yellow (即将到期). */
  public static final int YELLOW_DAYS = 3;

  private Deadlines() {}

  public static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toLocalDate();
  }

  public static Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(ZONE).toInstant());
  }

  /** Due dates are inclusive: the department may submit until the day ends. */
  public static Date endOf(LocalDate day) {
    return Date.from(day.plusDays(1).atStartOfDay(ZONE).toInstant().minusSeconds(1));
  }

  /** The follow-up date Tasklist's 即将到期 filter reads: the start of the yellow period. */
  public static Date yellowFrom(LocalDate due) {
    return startOf(due.minusDays(YELLOW_DAYS));
  }

  public static boolean isOverdue(LocalDate due) {
    return today().isAfter(due);
  }

  public static Clock clock() {
    return Clock.fixed(ClockUtil.getCurrentTime().toInstant(), ZONE);
  }
}

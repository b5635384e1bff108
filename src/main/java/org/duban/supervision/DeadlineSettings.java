package org.duban.supervision;

import org.duban.plan.BureauConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Hands duban.deadlines.* and the working calendar to {@link Deadlines} before any item is looked at. */
@Component
class DeadlineSettings {
  DeadlineSettings(BureauConfig config, @Value("${duban.deadlines.yellow-working-days:3}") int yellowWorkingDays) {
    if (yellowWorkingDays < 0) {
      throw new IllegalArgumentException("duban.deadlines.yellow-working-days must be 0 or more, not " + yellowWorkingDays);
    }
    Deadlines.configureYellow(config.calendar(), yellowWorkingDays);
  }
}

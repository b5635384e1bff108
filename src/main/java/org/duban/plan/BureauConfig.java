package org.duban.plan;

import java.util.Map;
import java.util.Optional;

/** Everything read from config/ at startup, validated as a whole. */
public record BureauConfig(Organization organization, Map<String, Plan> plans, WorkingCalendar calendar) {
  public Optional<Plan> plan(String id) {
    return Optional.ofNullable(plans.get(id));
  }
}

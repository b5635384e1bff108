package org.duban.plan;

import java.util.Map;
import java.util.Optional;

/** Everything read from config/ at startup, validated as a whole. */
public record BureauConfig(
    Organization organization, Map<String, Plan> plans, Map<String, Evaluation> evaluations, WorkingCalendar calendar) {
  public Optional<Plan> plan(String id) {
    return Optional.ofNullable(plans.get(id));
  }

  public Optional<Evaluation> evaluation(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(evaluations.get(id));
  }
}

package org.duban.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.duban.plan.Plan;
import org.springframework.stereotype.Component;

/** The plan snapshot a campaign took at its start; edits to the plan file never reach it. */
@Component
public class CampaignPlans implements org.duban.supervision.PlanLookup {
  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private final CampaignRepository campaigns;
  private final Map<String, Plan> cache = new ConcurrentHashMap<>();

  CampaignPlans(CampaignRepository campaigns) {
    this.campaigns = campaigns;
  }

  public Plan of(String campaignId) {
    return cache.computeIfAbsent(campaignId, id -> read(campaigns.snapshot(id)));
  }

  @Override
  public Plan planOf(String campaignId) {
    return of(campaignId);
  }

  static String write(Plan plan) {
    try {
      return JSON.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plan " + plan.id() + " cannot be written as a snapshot", e);
    }
  }

  private static Plan read(String json) {
    try {
      return JSON.readValue(json, Plan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a campaign's plan snapshot cannot be read", e);
    }
  }
}

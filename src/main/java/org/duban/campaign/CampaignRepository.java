package org.duban.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.duban.plan.DateLabels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** campaign and campaign_stage. Joins the engine's transaction. */
@Repository
public class CampaignRepository {
  private final JdbcClient jdbc;

  CampaignRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** {@code fromStage}: the stage the campaign began with in Duban, on {@code startDate} (the first one unless adopted mid-way). */
  public record Campaign(
      String id, String planId, String name, LocalDate startDate, String fromStage, String status,
      String processInstanceId, String createdBy, OffsetDateTime createdAt, OffsetDateTime endedAt) {
    public boolean running() {
      return "RUNNING".equals(status);
    }

    /** The stage the campaign begins with: it starts on the start date, even one in the past. */
    public boolean beginsWith(String stageId) {
      return fromStage.equals(stageId);
    }

    /** A stage before {@link #fromStage}: done before the campaign came to Duban, recorded without items. */
    public boolean skipsAtAdoption(String stageId) {
      return CampaignProcess.STAGES.indexOf(stageId) < CampaignProcess.STAGES.indexOf(fromStage);
    }
  }

  /** A stage skipped at adoption has no dates: it never ran in Duban. */
  public record StageRecord(
      String campaignId, String stageId, LocalDate startedOn, LocalDate endsOn,
      OffsetDateTime gateOpenedAt, OffsetDateTime decidedAt, String decidedBy, boolean skippedAtAdoption) {
    /** What people read as the stage's state. */
    @JsonProperty("state")
    public String state() {
      return skippedAtAdoption ? "已完成（启用前）"
          : decidedAt != null ? "已完成"
          : gateOpenedAt != null ? "待审批" : "进行中";
    }

    @JsonProperty("startedOnLabel")
    public String startedOnLabel() {
      return DateLabels.withWeekday(startedOn);
    }

    @JsonProperty("endsOnLabel")
    public String endsOnLabel() {
      return DateLabels.withWeekday(endsOn);
    }
  }

  /** Fails with a DuplicateKeyException when the plan already has a running campaign. */
  public void insert(String id, String planId, String name, LocalDate start, String fromStage, String snapshot,
      String processInstanceId, String createdBy, OffsetDateTime at) {
    jdbc.sql("insert into campaign (id, plan_id, running_plan_id, name, start_date, from_stage, status, plan_snapshot,"
            + " process_instance_id, created_by, created_at) values (?,?,?,?,?,?,'RUNNING',?,?,?,?)")
        .params(id, planId, planId, name, start, fromStage, snapshot, processInstanceId, createdBy, at)
        .update();
  }

  public void ended(String id, OffsetDateTime at) {
    jdbc.sql("update campaign set status = 'ENDED', running_plan_id = null, ended_at = ? where id = ?").params(at, id).update();
  }

  /** 迎检评估's result: recorded once, in the transaction that ends the campaign. */
  public record InspectionResult(java.math.BigDecimal score, String outcome, String remarks, String recordedBy,
      OffsetDateTime recordedAt) {}

  void inspectionRecorded(String id, InspectionResult r) {
    jdbc.sql("update campaign set inspection_score = ?, inspection_outcome = ?, inspection_remarks = ?,"
            + " inspection_recorded_by = ?, inspection_recorded_at = ? where id = ?")
        .params(r.score(), r.outcome(), r.remarks(), r.recordedBy(), r.recordedAt(), id).update();
  }

  public Optional<InspectionResult> inspection(String id) {
    return jdbc.sql("select inspection_score, inspection_outcome, inspection_remarks, inspection_recorded_by,"
            + " inspection_recorded_at from campaign where id = ? and inspection_outcome is not null")
        .param(id)
        .query((rs, n) -> new InspectionResult(rs.getBigDecimal(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class)))
        .optional();
  }

  private static final String COLUMNS =
      "id, plan_id, name, start_date, from_stage, status, process_instance_id, created_by, created_at, ended_at";

  public Optional<Campaign> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from campaign where id = ?").param(id).query(this::map).optional();
  }

  public List<Campaign> all() {
    return jdbc.sql("select " + COLUMNS + " from campaign order by created_at").query(this::map).list();
  }

  public String snapshot(String id) {
    return jdbc.sql("select plan_snapshot from campaign where id = ?").param(id).query(String.class).single();
  }

  public void stageStarted(String campaignId, String stageId, LocalDate startedOn, LocalDate endsOn) {
    int updated = jdbc.sql("update campaign_stage set started_on = ?, ends_on = ? where campaign_id = ? and stage_id = ?")
        .params(startedOn, endsOn, campaignId, stageId).update();
    if (updated == 0) {
      jdbc.sql("insert into campaign_stage (campaign_id, stage_id, started_on, ends_on) values (?,?,?,?)")
          .params(campaignId, stageId, startedOn, endsOn).update();
    }
  }

  /** A stage done before the campaign came to Duban: recorded as decided at the adoption, by whoever started the campaign. */
  public void stageSkipped(String campaignId, String stageId, String by, OffsetDateTime at) {
    jdbc.sql("insert into campaign_stage (campaign_id, stage_id, skipped_at_adoption, decided_at, decided_by) values (?,?,true,?,?)")
        .params(campaignId, stageId, at, by).update();
  }

  public void gateOpened(String campaignId, String stageId, OffsetDateTime at) {
    jdbc.sql("update campaign_stage set gate_opened_at = ? where campaign_id = ? and stage_id = ?").params(at, campaignId, stageId).update();
  }

  public void stageDecided(String campaignId, String stageId, String by, OffsetDateTime at) {
    jdbc.sql("update campaign_stage set decided_at = ?, decided_by = ? where campaign_id = ? and stage_id = ?")
        .params(at, by, campaignId, stageId).update();
  }

  public List<StageRecord> stages(String campaignId) {
    return jdbc.sql("select campaign_id, stage_id, started_on, ends_on, gate_opened_at, decided_at, decided_by,"
            + " skipped_at_adoption from campaign_stage where campaign_id = ?")
        .param(campaignId)
        .query((rs, n) -> new StageRecord(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
            rs.getObject(4, LocalDate.class), rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
            rs.getString(7), rs.getBoolean(8)))
        .list().stream()
        .sorted(java.util.Comparator.comparingInt(s -> CampaignProcess.STAGES.indexOf(s.stageId())))
        .toList();
  }

  /** The stage that started last and has not been approved: where new ad-hoc items go. */
  public Optional<StageRecord> currentStage(String campaignId) {
    return stages(campaignId).stream().filter(s -> s.decidedAt() == null).reduce((a, b) -> b);
  }

  private Campaign map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Campaign(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
        rs.getObject(10, OffsetDateTime.class));
  }
}

package org.duban.campaign;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** campaign and campaign_stage. Joins the engine's transaction. */
@Repository
public class CampaignRepository {
  private final JdbcClient jdbc;

  CampaignRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Campaign(
      String id, String planId, String name, LocalDate startDate, String status,
      String processInstanceId, OffsetDateTime createdAt, OffsetDateTime endedAt) {
    public boolean running() {
      return "RUNNING".equals(status);
    }
  }

  public record StageRecord(
      String campaignId, String stageId, LocalDate startedOn, LocalDate endsOn,
      OffsetDateTime gateOpenedAt, OffsetDateTime decidedAt, String decidedBy) {}

  /** Fails with a DuplicateKeyException when the plan already has a running campaign. */
  public void insert(String id, String planId, String name, LocalDate start, String snapshot,
      String processInstanceId, String createdBy, OffsetDateTime at) {
    jdbc.sql("insert into campaign (id, plan_id, running_plan_id, name, start_date, status, plan_snapshot,"
            + " process_instance_id, created_by, created_at) values (?,?,?,?,?,'RUNNING',?,?,?,?)")
        .params(id, planId, planId, name, start, snapshot, processInstanceId, createdBy, at)
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

  public Optional<Campaign> find(String id) {
    return jdbc.sql("select id, plan_id, name, start_date, status, process_instance_id, created_at, ended_at from campaign where id = ?")
        .param(id).query(this::map).optional();
  }

  public List<Campaign> all() {
    return jdbc.sql("select id, plan_id, name, start_date, status, process_instance_id, created_at, ended_at from campaign order by created_at")
        .query(this::map).list();
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

  public void gateOpened(String campaignId, String stageId, OffsetDateTime at) {
    jdbc.sql("update campaign_stage set gate_opened_at = ? where campaign_id = ? and stage_id = ?").params(at, campaignId, stageId).update();
  }

  public void stageDecided(String campaignId, String stageId, String by, OffsetDateTime at) {
    jdbc.sql("update campaign_stage set decided_at = ?, decided_by = ? where campaign_id = ? and stage_id = ?")
        .params(at, by, campaignId, stageId).update();
  }

  public List<StageRecord> stages(String campaignId) {
    return jdbc.sql("select campaign_id, stage_id, started_on, ends_on, gate_opened_at, decided_at, decided_by"
            + " from campaign_stage where campaign_id = ?")
        .param(campaignId)
        .query((rs, n) -> new StageRecord(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
            rs.getObject(4, LocalDate.class), rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
            rs.getString(7)))
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
        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class));
  }
}

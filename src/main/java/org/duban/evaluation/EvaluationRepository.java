package org.duban.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** self_score, veto_hit and rectification: the self-check's results and the 整改清单. */
@Repository
public class EvaluationRepository {
  private final JdbcClient jdbc;

  EvaluationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A department's score of one evaluation item; {@link #finalPoints()} counts the office's adjustment. */
  public record Score(
      String campaignId, String criterionId, String departmentId, String itemSerial, String grade, BigDecimal points,
      String note, String measure, boolean flagged, String scoredBy, OffsetDateTime scoredAt,
      BigDecimal adjustedPoints, String adjustReason, String adjustedBy, OffsetDateTime adjustedAt,
      OffsetDateTime acceptedAt) {
    public BigDecimal finalPoints() {
      return adjustedPoints != null ? adjustedPoints : points;
    }
  }

  public record VetoHit(
      String campaignId, String vetoId, String departmentId, String itemSerial, String note, String reportedBy,
      OffsetDateTime reportedAt, String decision, String remarks, String decidedBy, OffsetDateTime decidedAt) {}

  /** An entry of the 整改清单; {@code itemSerial} once it runs as a supervised item. */
  public record Rectification(
      long id, String campaignId, String sourceId, String source, String departmentId, String title, String problem,
      String measure,
      LocalDate dueDate, String itemSerial, OffsetDateTime createdAt) {}

  // ---------------------------------------------------------------- scores

  /** A (re)submitted self-check replaces the department's earlier scores of the same item. */
  void replaceScores(String campaignId, String itemSerial, List<Score> scores) {
    jdbc.sql("delete from self_score where campaign_id = ? and item_serial = ?").params(campaignId, itemSerial).update();
    for (Score s : scores) {
      jdbc.sql("insert into self_score (campaign_id, criterion_id, department_id, item_serial, grade, points, note, measure,"
              + " flagged, scored_by, scored_at) values (?,?,?,?,?,?,?,?,?,?,?)")
          .params(s.campaignId(), s.criterionId(), s.departmentId(), s.itemSerial(), s.grade(), s.points(), s.note(),
              s.measure(), s.flagged(), s.scoredBy(), s.scoredAt())
          .update();
    }
  }

  void adjust(String campaignId, String criterionId, BigDecimal points, String reason, String by, OffsetDateTime at) {
    jdbc.sql("update self_score set adjusted_points = ?, adjust_reason = ?, adjusted_by = ?, adjusted_at = ?"
            + " where campaign_id = ? and criterion_id = ?")
        .params(points, reason, by, at, campaignId, criterionId).update();
  }

  void accepted(String campaignId, String itemSerial, OffsetDateTime at) {
    jdbc.sql("update self_score set accepted_at = ? where campaign_id = ? and item_serial = ?")
        .params(at, campaignId, itemSerial).update();
  }

  public List<Score> scores(String campaignId) {
    return jdbc.sql("select * from self_score where campaign_id = ? order by criterion_id").param(campaignId)
        .query(EvaluationRepository::score).list();
  }

  public List<Score> scoresOfItem(String campaignId, String itemSerial) {
    return jdbc.sql("select * from self_score where campaign_id = ? and item_serial = ? order by criterion_id")
        .params(campaignId, itemSerial).query(EvaluationRepository::score).list();
  }

  private static Score score(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Score(rs.getString("campaign_id"), rs.getString("criterion_id"), rs.getString("department_id"),
        rs.getString("item_serial"), rs.getString("grade"), rs.getBigDecimal("points"), rs.getString("note"),
        rs.getString("measure"), rs.getBoolean("flagged"), rs.getString("scored_by"),
        rs.getObject("scored_at", OffsetDateTime.class), rs.getBigDecimal("adjusted_points"), rs.getString("adjust_reason"),
        rs.getString("adjusted_by"), rs.getObject("adjusted_at", OffsetDateTime.class),
        rs.getObject("accepted_at", OffsetDateTime.class));
  }

  // ---------------------------------------------------------------- veto hits

  /** False when the veto item was reported before in this campaign (it stays with its first report). */
  boolean reportVeto(VetoHit hit) {
    int found = jdbc.sql("select count(*) from veto_hit where campaign_id = ? and veto_id = ?")
        .params(hit.campaignId(), hit.vetoId()).query(Integer.class).single();
    if (found > 0) {
      return false;
    }
    jdbc.sql("insert into veto_hit (campaign_id, veto_id, department_id, item_serial, note, reported_by, reported_at)"
            + " values (?,?,?,?,?,?,?)")
        .params(hit.campaignId(), hit.vetoId(), hit.departmentId(), hit.itemSerial(), hit.note(), hit.reportedBy(),
            hit.reportedAt())
        .update();
    return true;
  }

  void vetoProcess(String campaignId, String vetoId, String processInstanceId) {
    jdbc.sql("update veto_hit set process_instance_id = ? where campaign_id = ? and veto_id = ?")
        .params(processInstanceId, campaignId, vetoId).update();
  }

  void vetoDecided(String campaignId, String vetoId, String decision, String remarks, String by, OffsetDateTime at) {
    jdbc.sql("update veto_hit set decision = ?, remarks = ?, decided_by = ?, decided_at = ? where campaign_id = ? and veto_id = ?")
        .params(decision, remarks, by, at, campaignId, vetoId).update();
  }

  public List<VetoHit> vetoHits(String campaignId) {
    return jdbc.sql("select * from veto_hit where campaign_id = ? order by reported_at").param(campaignId)
        .query((rs, n) -> new VetoHit(rs.getString("campaign_id"), rs.getString("veto_id"), rs.getString("department_id"),
            rs.getString("item_serial"), rs.getString("note"), rs.getString("reported_by"),
            rs.getObject("reported_at", OffsetDateTime.class), rs.getString("decision"), rs.getString("remarks"),
            rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class)))
        .list();
  }

  // ---------------------------------------------------------------- the 整改清单

  /** Adds the entry unless its source is on the list already (a re-review does not double it). */
  void addRectification(String campaignId, String sourceId, String source, String departmentId, String title,
      String problem, String measure, OffsetDateTime at) {
    int found = jdbc.sql("select count(*) from rectification where campaign_id = ? and source_id = ?")
        .params(campaignId, sourceId).query(Integer.class).single();
    if (found == 0) {
      jdbc.sql("insert into rectification (campaign_id, source_id, source, department_id, title, problem, measure, created_at)"
              + " values (?,?,?,?,?,?,?,?)")
          .params(campaignId, sourceId, source, departmentId, title, problem, measure, at).update();
    }
  }

  void launched(long id, String itemSerial) {
    jdbc.sql("update rectification set item_serial = ? where id = ?").params(itemSerial, id).update();
  }

  public List<Rectification> rectifications(String campaignId) {
    return jdbc.sql("select * from rectification where campaign_id = ? order by id").param(campaignId)
        .query(EvaluationRepository::rectification).list();
  }

  Optional<Rectification> rectification(long id) {
    return jdbc.sql("select * from rectification where id = ?").param(id).query(EvaluationRepository::rectification).optional();
  }

  private static Rectification rectification(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Rectification(rs.getLong("id"), rs.getString("campaign_id"), rs.getString("source_id"),
        rs.getString("source"), rs.getString("department_id"), rs.getString("title"), rs.getString("problem"),
        rs.getString("measure"),
        rs.getObject("due_date", LocalDate.class), rs.getString("item_serial"),
        rs.getObject("created_at", OffsetDateTime.class));
  }
}

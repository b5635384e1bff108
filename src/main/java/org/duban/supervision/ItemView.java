package org.duban.supervision;

import java.time.LocalDate;
import org.duban.plan.DateLabels;

/** A supervised item as the API shows it, with the status label a person reads. */
public record ItemView(String serial, String campaignId, String stageId, String planItemId, String departmentId,
    String role, String title, LocalDate dueDate, String dueDateLabel, String status, String statusLabel, boolean adhoc,
    String assignee, Object claimedAt, Object submittedAt, Object closedAt) {
  public static ItemView of(SupervisedItem i) {
    return new ItemView(i.serial(), i.campaignId(), i.stageId(), i.planItemId(), i.departmentId(), i.role().name(),
        i.title(), i.dueDate(), DateLabels.withWeekday(i.dueDate()), i.status().name(), i.displayStatus(), i.adhoc(), i.assignee(), i.claimedAt(),
        i.submittedAt(), i.closedAt());
  }
}

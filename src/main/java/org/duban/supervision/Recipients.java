package org.duban.supervision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duban.notification.Recipient;
import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.duban.plan.Plan;
import org.springframework.stereotype.Component;

/** Who a mail about an item goes to, by role, from organization.yaml. */
@Component
public class Recipients {
  private final Organization org;
  private final LeaderDigest digest;

  Recipients(BureauConfig config, LeaderDigest digest) {
    this.org = config.organization();
    this.digest = digest;
  }

  /** Who an alert reaches: by a mail about the item, or in the 督办日报 ({@link LeaderDigest}). */
  public record Addressees(List<Recipient> mail, List<Recipient> digest) {}

  /**
   * The alert's recipients. With the daily digest (duban.deadlines.digest: daily) an escalation's
   * department is told per item and everyone else (the director, the deputy, the 局长) in the digest.
   */
  public Addressees addressees(SupervisedItem item, AlertSchedule.Alert alert) {
    List<Recipient> everyone = of(item, alert.to());
    if (alert.kind() != AlertSchedule.Kind.ESCALATION || !digest.daily()) {
      return new Addressees(everyone, List.of());
    }
    List<Recipient> department = alert.to().contains(Plan.Recipient.DEPARTMENT) ? department(item) : List.of();
    return new Addressees(department,
        everyone.stream().filter(r -> department.stream().noneMatch(d -> d.id().equals(r.id()))).toList());
  }

  List<Recipient> of(SupervisedItem item, List<Plan.Recipient> roles) {
    Map<String, Recipient> to = new LinkedHashMap<>();
    for (Plan.Recipient role : roles) {
      switch (role) {
        case DEPARTMENT -> department(item).forEach(r -> to.putIfAbsent(r.id(), r));
        case CREATION_OFFICE_DIRECTOR -> add(to, org.creationOffice().director());
        case DEPUTY -> org.department(item.departmentId()).flatMap(d -> org.leader(d.deputy()))
            .ifPresent(l -> add(to, l.asPerson()));
        case LEADING_GROUP_HEAD -> org.leader(org.leadingGroup().head()).ifPresent(l -> add(to, l.asPerson()));
      }
    }
    return new ArrayList<>(to.values());
  }

  /** The head and liaisons, and whoever signed for the item if that is someone else. */
  List<Recipient> department(SupervisedItem item) {
    Map<String, Recipient> to = new LinkedHashMap<>();
    org.department(item.departmentId()).ifPresent(d -> d.members().forEach(p -> add(to, p)));
    // the address is the organization file's, never the Camunda profile's (a user can edit that one)
    if (item.assignee() != null && !to.containsKey(item.assignee())) {
      to.put(item.assignee(), org.person(item.assignee()).map(p -> new Recipient(p.id(), p.name(), p.email()))
          .orElse(new Recipient(item.assignee(), item.assignee(), null)));
    }
    return new ArrayList<>(to.values());
  }

  String departmentName(SupervisedItem item) {
    return org.departmentName(item.departmentId());
  }

  private static void add(Map<String, Recipient> to, Organization.Person p) {
    to.putIfAbsent(p.id(), new Recipient(p.id(), p.name(), p.email()));
  }
}

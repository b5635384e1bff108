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
class Recipients {
  private final Organization org;

  Recipients(BureauConfig config) {
    this.org = config.organization();
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

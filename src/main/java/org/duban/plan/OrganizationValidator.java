package org.duban.plan;

import java.util.List;
import java.util.Set;
import org.duban.organization.Roles;

/** What must hold in organization.yaml before anything is synced into the engine. */
final class OrganizationValidator {
  private OrganizationValidator() {}

  static List<String> validate(Organization org) {
    Problems p = new Problems();
    p.require("bureau", org.bureau());
    for (int i = 0; i < org.leaders().size(); i++) {
      Organization.Leader l = org.leaders().get(i);
      person(p, "leaders[" + i + "]", l.asPerson());
      p.require("leaders[" + i + "].title", l.title());
    }
    if (p.require("leadingGroup", org.leadingGroup())) {
      leader(p, org, "leadingGroup.head", org.leadingGroup().head());
      for (int i = 0; i < org.leadingGroup().deputies().size(); i++) {
        leader(p, org, "leadingGroup.deputies[" + i + "]", org.leadingGroup().deputies().get(i));
      }
    }
    if (p.require("creationOffice", org.creationOffice())) {
      person(p, "creationOffice.director", org.creationOffice().director());
      for (int i = 0; i < org.creationOffice().staff().size(); i++) {
        person(p, "creationOffice.staff[" + i + "]", org.creationOffice().staff().get(i));
      }
    }
    if (org.administrators().isEmpty()) {
      // an empty camunda-admin group would let anyone create the first administrator in Admin's setup page
      p.add("administrators", "at least one administrator is needed");
    }
    for (int i = 0; i < org.administrators().size(); i++) {
      person(p, "administrators[" + i + "]", org.administrators().get(i));
    }
    if (org.departments().isEmpty()) {
      p.add("departments", "at least one department is needed");
    }
    Set<String> roleGroups = Roles.ALL;
    Problems deptIds = new Problems();
    for (int i = 0; i < org.departments().size(); i++) {
      Organization.Department d = org.departments().get(i);
      String path = "departments[" + i + "]";
      deptIds.id(path + ".id", d.id());
      if (roleGroups.contains(d.id())) {
        p.add(path + ".id", "'" + d.id() + "' is reserved for a role group");
      }
      p.require(path + ".name", d.name());
      if (p.require(path + ".kind", d.kind()) && !Set.of("处室", "直属单位", "派出局").contains(d.kind())) {
        p.add(path + ".kind", "'" + d.kind() + "' must be one of 处室, 直属单位, 派出局");
      }
      if (p.require(path + ".deputy", d.deputy()) && org.leader(d.deputy()).isEmpty()) {
        p.add(path + ".deputy", "unknown leader '" + d.deputy() + "'");
      }
      person(p, path + ".head", d.head());
      for (int j = 0; j < d.liaisons().size(); j++) {
        person(p, path + ".liaisons[" + j + "]", d.liaisons().get(j));
      }
    }
    p.list.addAll(deptIds.list);
    return p.list;
  }

  private static void leader(Problems p, Organization org, String path, String id) {
    if (p.require(path, id) && org.leader(id).isEmpty()) {
      p.add(path, "unknown leader '" + id + "'");
    }
  }

  /** Every person is a Camunda user: user ids are unique across the whole file. */
  private static void person(Problems p, String path, Organization.Person person) {
    if (!p.require(path, person)) {
      return;
    }
    p.id(path + ".id", person.id());
    p.require(path + ".name", person.name());
    if (person.email() != null && !person.email().matches("[^@\\s]+@[^@\\s]+")) {
      p.add(path + ".email", "'" + person.email() + "' is not an e-mail address");
    }
  }
}

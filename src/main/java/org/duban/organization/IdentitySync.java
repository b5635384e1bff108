package org.duban.organization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.duban.plan.Organization.Person;
import org.duban.supervision.ItemRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes Camunda's users, groups and memberships match config/organization.yaml, idempotently.
 * Only what Duban made is touched: users marked with {@link #MANAGED}, groups of Duban's types.
 */
@Component
public class IdentitySync {
  private static final Logger log = LoggerFactory.getLogger(IdentitySync.class);
  static final String MANAGED = "duban.managed";
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final IdentityService identity;
  private final TaskService tasks;
  private final ItemRepository items;
  private final String demoPassword;
  private final String adminPassword;

  IdentitySync(
      IdentityService identity,
      TaskService tasks,
      ItemRepository items,
      @Value("${duban.demo.password:}") String demoPassword,
      @Value("${duban.admin-password:${DUBAN_ADMIN_PASSWORD:}}") String adminPassword) {
    this.identity = identity;
    this.tasks = tasks;
    this.items = items;
    this.demoPassword = demoPassword;
    this.adminPassword = adminPassword;
  }

  /** What a sync left in place although it is gone from the file, and why. */
  public record Report(List<String> kept, List<String> removed) {}

  @Transactional
  public Report sync(BureauConfig config) {
    Organization org = config.organization();
    Map<String, Group> wantedGroups = new LinkedHashMap<>();
    Map<String, Set<String>> members = new LinkedHashMap<>();
    Map<String, Person> people = new LinkedHashMap<>();
    Set<String> admins = new LinkedHashSet<>();

    role(wantedGroups, Roles.CREATION_OFFICE, "创建办");
    role(wantedGroups, Roles.CREATION_OFFICE_DIRECTOR, "创建办主任");
    role(wantedGroups, Roles.LEADING_GROUP, "创建工作领导小组");
    role(wantedGroups, Roles.LEADERS, "局领导");
    role(wantedGroups, Roles.ADMIN, "系统管理员");
    for (Organization.Department d : org.departments()) {
      Group g = identity.newGroup(d.id());
      g.setName(d.name());
      g.setType(Roles.TYPE_DEPARTMENT);
      wantedGroups.put(d.id(), g);
      d.members().forEach(p -> member(members, people, d.id(), p));
    }
    for (Organization.Leader l : org.leaders()) {
      member(members, people, Roles.LEADERS, l.asPerson());
    }
    member(members, people, Roles.LEADING_GROUP, org.leader(org.leadingGroup().head()).orElseThrow().asPerson());
    org.leadingGroup().deputies().forEach(id -> member(members, people, Roles.LEADING_GROUP, org.leader(id).orElseThrow().asPerson()));
    member(members, people, Roles.CREATION_OFFICE_DIRECTOR, org.creationOffice().director());
    org.creationOffice().staff().forEach(p -> member(members, people, Roles.CREATION_OFFICE, p));
    for (Person a : org.administrators()) {
      member(members, people, Roles.ADMIN, a);
      admins.add(a.id());
    }

    wantedGroups.values().forEach(this::saveGroup);
    people.values().forEach(p -> saveUser(p, admins.contains(p.id())));
    Report report = removeWhatIsGone(wantedGroups.keySet(), people.keySet());
    syncMemberships(members, report.kept());
    return report;
  }

  private void role(Map<String, Group> groups, String id, String name) {
    Group g = identity.newGroup(id);
    g.setName(name);
    g.setType(Roles.TYPE_ROLE);
    groups.put(id, g);
  }

  private static void member(Map<String, Set<String>> members, Map<String, Person> people, String group, Person p) {
    members.computeIfAbsent(group, k -> new LinkedHashSet<>()).add(p.id());
    people.putIfAbsent(p.id(), p);
  }

  private void saveGroup(Group wanted) {
    Group g = identity.createGroupQuery().groupId(wanted.getId()).singleResult();
    if (g == null) {
      identity.saveGroup(wanted);
    } else if (!wanted.getName().equals(g.getName()) || !wanted.getType().equals(g.getType())) {
      g.setName(wanted.getName());
      g.setType(wanted.getType());
      identity.saveGroup(g);
    }
  }

  private void saveUser(Person p, boolean admin) {
    User u = identity.createUserQuery().userId(p.id()).singleResult();
    if (u == null) {
      u = identity.newUser(p.id());
      u.setPassword(initialPassword(p, admin));
      u.setFirstName(p.name());
      u.setLastName("");
      u.setEmail(p.email());
      identity.saveUser(u);
      identity.setUserInfo(p.id(), MANAGED, "true");
      return;
    }
    if (!p.name().equals(u.getFirstName()) || !java.util.Objects.equals(p.email(), u.getEmail())) {
      u.setFirstName(p.name());
      u.setLastName("");
      u.setEmail(p.email());
      identity.saveUser(u);
    }
    identity.setUserInfo(p.id(), MANAGED, "true");
  }

  /** Demo users get the demo password; outside the demo only the administrator gets one, from the environment. */
  private String initialPassword(Person p, boolean admin) {
    if (!demoPassword.isBlank()) {
      return demoPassword;
    }
    if (admin) {
      if (adminPassword.isBlank()) {
        throw new IllegalStateException("The administrator '" + p.id() + "' is created at this first start and needs a"
            + " password: set the environment variable DUBAN_ADMIN_PASSWORD (or run with the demo profile).");
      }
      return adminPassword;
    }
    // a secret nobody knows (the engine cannot check a missing one): the administrator sets the real
    // password in Admin, or a directory provides it through Camunda's LDAP plugin
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return java.util.Base64.getEncoder().encodeToString(secret);
  }

  private Report removeWhatIsGone(Set<String> groupIds, Set<String> userIds) {
    List<String> kept = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (Group g : identity.createGroupQuery().list()) {
      boolean ours = Roles.TYPE_DEPARTMENT.equals(g.getType()) || Roles.TYPE_ROLE.equals(g.getType());
      if (!ours || groupIds.contains(g.getId())) {
        continue;
      }
      int open = items.openItemsOfDepartment(g.getId());
      if (open > 0) {
        kept.add(g.getId());
        log.warn("Department '{}' ({}) is gone from organization.yaml but still has {} open items: kept.", g.getId(), g.getName(), open);
      } else {
        identity.deleteGroup(g.getId());
        removed.add(g.getId());
        log.info("Group '{}' is gone from organization.yaml: removed.", g.getId());
      }
    }
    for (User u : identity.createUserQuery().list()) {
      if (userIds.contains(u.getId()) || !"true".equals(identity.getUserInfo(u.getId(), MANAGED))) {
        continue;
      }
      long open = tasks.createTaskQuery().taskAssignee(u.getId()).count();
      boolean inKeptGroup = identity.createGroupQuery().groupMember(u.getId()).list().stream().anyMatch(g -> kept.contains(g.getId()));
      if (open > 0 || inKeptGroup) {
        kept.add(u.getId());
        log.warn("User '{}' ({}) is gone from organization.yaml but still has open work ({} tasks, or a kept department): kept.",
            u.getId(), u.getFirstName(), open);
      } else {
        identity.deleteUser(u.getId());
        removed.add(u.getId());
        log.info("User '{}' is gone from organization.yaml: removed.", u.getId());
      }
    }
    return new Report(kept, removed);
  }

  /** Memberships of Duban's groups match the file; kept users and groups keep theirs. */
  private void syncMemberships(Map<String, Set<String>> wanted, List<String> kept) {
    for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
      Set<String> current = new LinkedHashSet<>();
      identity.createUserQuery().memberOfGroup(e.getKey()).list().forEach(u -> current.add(u.getId()));
      for (String user : e.getValue()) {
        if (!current.contains(user)) {
          identity.createMembership(user, e.getKey());
        }
      }
      for (String user : current) {
        if (!e.getValue().contains(user) && !kept.contains(user)
            && "true".equals(identity.getUserInfo(user, MANAGED))) {
          identity.deleteMembership(user, e.getKey());
        }
      }
    }
  }
}

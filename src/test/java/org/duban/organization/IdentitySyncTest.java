package org.duban.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IdentitySyncTest extends ProcessTest {
  @Autowired IdentitySync sync;
  @Autowired AccessSetup access;
  @Autowired BureauConfig config;
  @Autowired AuthorizationService authorizations;
  @Autowired FilterService filters;

  @AfterEach
  void restoreTheRealOrganization() {
    sync.sync(config);
  }

  /** Everything the sync owns, as comparable text. */
  private TreeSet<String> identityState() {
    TreeSet<String> state = new TreeSet<>();
    identity.createUserQuery().list().forEach(u -> state.add("user " + u.getId() + " " + u.getFirstName() + " " + u.getEmail()));
    identity.createGroupQuery().list().forEach(g -> {
      state.add("group " + g.getId() + " " + g.getName() + " " + g.getType());
      identity.createUserQuery().memberOfGroup(g.getId()).list().forEach(u -> state.add("member " + g.getId() + " " + u.getId()));
    });
    authorizations.createAuthorizationQuery().list().forEach(a -> state.add("auth " + a.getGroupId() + " " + a.getUserId()
        + " " + a.getResourceType() + " " + a.getResourceId() + " " + a.getPermissions(
            org.camunda.bpm.engine.authorization.Permissions.values()).length));
    filters.createFilterQuery().list().forEach(f -> state.add("filter " + f.getName()));
    return state;
  }

  private BureauConfig with(UnaryOperator<List<Organization.Department>> change) {
    Organization o = config.organization();
    return new BureauConfig(new Organization(o.bureau(), o.leaders(), o.leadingGroup(), o.creationOffice(),
        o.administrators(), change.apply(o.departments())), config.plans(), config.evaluations(), config.calendar());
  }

  @Test
  void syncingTwiceGivesTheSameState() {
    sync.sync(config);
    access.apply(config);
    TreeSet<String> first = identityState();
    sync.sync(config);
    access.apply(config);
    assertThat(identityState()).isEqualTo(first);
    assertThat(first).contains("group air 大气环境处 duban-department", "member air head-air",
        "member creation-office-director director", "member camunda-admin admin");
    assertThat(filters.createFilterQuery().filterName("本处室待办").count()).isEqualTo(1);
  }

  @Test
  void aChangedEmailIsUpdated() {
    sync.sync(with(depts -> depts.stream().map(d -> !d.id().equals("air") ? d : new Organization.Department(d.id(), d.name(),
        d.kind(), d.deputy(), new Organization.Person(d.head().id(), "王新", "wang.xin@example.gov.cn", null), d.liaisons())).toList()));
    var head = identity.createUserQuery().userId("head-air").singleResult();
    assertThat(head.getEmail()).isEqualTo("wang.xin@example.gov.cn");
    assertThat(head.getFirstName()).isEqualTo("王新");
    assertThat(identity.checkPassword("head-air", "demo")).as("the password is kept").isTrue();
  }

  @Test
  void aDepartmentGoneFromTheFileIsKeptWhileItHasOpenItemsAndRemovedOtherwise() {
    startCampaign(TODAY); // the preparation stage gives party-committee open items; soil has none
    IdentitySync.Report report = sync.sync(with(depts -> depts.stream()
        .filter(d -> !d.id().equals("party-committee") && !d.id().equals("soil")).toList()));
    assertThat(report.kept()).contains("party-committee");
    assertThat(report.removed()).contains("soil", "head-soil");
    assertThat(identity.createGroupQuery().groupId("party-committee").count()).isEqualTo(1);
    assertThat(identity.createUserQuery().memberOfGroup("party-committee").list()).isNotEmpty();
    assertThat(identity.createGroupQuery().groupId("soil").count()).isZero();
    assertThat(identity.createUserQuery().userId("head-soil").count()).isZero();
  }

  @Test
  void outsideTheDemoNobodyGetsADefaultPassword() {
    identity.deleteUser("head-soil");
    identity.deleteUser("admin");
    IdentitySync production = new IdentitySync(identity, tasks, items, "", "");
    assertThatThrownBy(() -> production.sync(config)).hasMessageContaining("DUBAN_ADMIN_PASSWORD");

    IdentitySync withAdminPassword = new IdentitySync(identity, tasks, items, "", "Adm1n-from-env");
    withAdminPassword.sync(config);
    assertThat(identity.checkPassword("admin", "Adm1n-from-env")).isTrue();
    assertThat(identity.checkPassword("head-soil", "demo")).isFalse();
    assertThat(identity.createUserQuery().userId("head-soil").singleResult()).isNotNull();

    // back to the demo users the other tests log in with
    identity.deleteUser("head-soil");
    identity.deleteUser("admin");
  }
}

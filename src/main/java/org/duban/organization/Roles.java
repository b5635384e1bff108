package org.duban.organization;

import java.util.Set;

/** Camunda group ids of the roles; each department is a group under its own id besides these. */
public final class Roles {
  /** 创建办: reviews items (办结审核), adds ad-hoc items, answers returned stage gates. */
  public static final String CREATION_OFFICE = "creation-office";
  /** 创建办主任: approves stage transitions. */
  public static final String CREATION_OFFICE_DIRECTOR = "creation-office-director";
  /** 领导小组: the 局长 (head) and deputies. */
  public static final String LEADING_GROUP = "leading-group";
  /** 局领导: every leader, including the 分管局领导 of departments. */
  public static final String LEADERS = "leaders";
  /** 系统管理员: Camunda's built-in admin group (bypasses authorization checks). */
  public static final String ADMIN = "camunda-admin";

  public static final Set<String> ALL =
      Set.of(CREATION_OFFICE, CREATION_OFFICE_DIRECTOR, LEADING_GROUP, LEADERS, ADMIN);

  /** Group types that mark the groups Duban owns (others, made in Admin, are left alone). */
  public static final String TYPE_DEPARTMENT = "duban-department";
  public static final String TYPE_ROLE = "duban-role";

  private Roles() {}
}

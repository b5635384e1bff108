package org.duban.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.duban.organization.Roles;

/** Who is calling Duban's own endpoints: set by {@link ApiAuthenticationFilter} for every request. */
public record CurrentUser(String id, List<String> groups) {
  static final String ATTRIBUTE = CurrentUser.class.getName();

  private static final Set<String> SEE_ALL =
      Set.of(Roles.CREATION_OFFICE, Roles.CREATION_OFFICE_DIRECTOR, Roles.LEADING_GROUP, Roles.LEADERS, Roles.ADMIN);

  public static CurrentUser of(HttpServletRequest request) {
    return (CurrentUser) request.getAttribute(ATTRIBUTE);
  }

  public boolean in(String group) {
    return groups.contains(group);
  }

  public boolean isAdmin() {
    return in(Roles.ADMIN);
  }

  /** The creation office, its director, the leadership and the administrator see every department. */
  public boolean seesAllDepartments() {
    return groups.stream().anyMatch(SEE_ALL::contains);
  }

  public boolean mayRead(String departmentId) {
    return seesAllDepartments() || in(departmentId);
  }

  /** Throws 403 unless the user is in one of the groups. */
  public void require(String what, String... anyOf) {
    for (String g : anyOf) {
      if (in(g)) {
        return;
      }
    }
    throw new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "无权" + what + "。");
  }
}

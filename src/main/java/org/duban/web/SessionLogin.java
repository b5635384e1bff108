package org.duban.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/** Who is logged in to the Camunda webapps (Tasklist's session), for the engine of the given name. */
public final class SessionLogin {
  private SessionLogin() {}

  public static Optional<CurrentUser> of(HttpServletRequest request, String engineName) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
    Authentication auth = auths == null ? null : auths.getAuthenticationForProcessEngine(engineName);
    if (auth instanceof UserAuthentication ua) {
      return Optional.of(new CurrentUser(ua.getName(), List.copyOf(ua.getGroupIds())));
    }
    return Optional.empty();
  }
}

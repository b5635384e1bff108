package org.duban.web;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs an engine call without the caller's authorization checks, for the few steps where Duban's
 * own endpoint has already decided who may act (e.g. a department head correlating its item's
 * extension request, which the engine would guard with process-instance UPDATE).
 */
public final class Privileged {
  private Privileged() {}

  public static <T> T run(IdentityService identity, Supplier<T> action) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return action.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}

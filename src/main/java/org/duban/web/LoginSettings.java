package org.duban.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** duban.login.*: when failed logins lock an account or a source address, and for how long (LoginThrottle). */
@ConfigurationProperties("duban.login")
public record LoginSettings(
    /* failed logins of one account within lock-duration that lock it */
    @DefaultValue("5") int maxFailures,
    /* how long a lock lasts; also the window in which failures are counted */
    @DefaultValue("15m") Duration lockDuration,
    /* failed logins from one address (any accounts) within lock-duration that lock the address; 0: no limit */
    @DefaultValue("20") int maxFailuresPerAddress) {

  public LoginSettings {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("duban.login.max-failures must be at least 1, not " + maxFailures);
    }
    if (lockDuration.isNegative() || lockDuration.isZero()) {
      throw new IllegalArgumentException("duban.login.lock-duration must be positive, not " + lockDuration);
    }
    if (maxFailuresPerAddress < 0) {
      throw new IllegalArgumentException("duban.login.max-failures-per-address must be 0 (no limit) or more, not " + maxFailuresPerAddress);
    }
  }
}

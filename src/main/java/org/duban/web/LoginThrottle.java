package org.duban.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Duban's login throttle, in place of the engine's lock, which makes an account unusable for good
 * after ten wrong passwords typed by anybody (issue 9). Failed logins count per account, in a table
 * (every node of a cluster sees the same, a restart forgets nothing), and per source address, in
 * memory. {@code max-failures} of one account, or {@code max-failures-per-address} from one address,
 * within {@code lock-duration} lock it for that long, the right password included; a successful
 * login clears the account's count and the administrator unlocks early. Time is the engine's clock.
 * The doors that check passwords ask it: the webapps' login form (WebappLoginFilter), /engine-rest
 * (EngineRestAuthentication) and /api (ApiAuthenticationFilter). The address is the request's remote
 * address: behind a reverse proxy it is the client's only when the proxy is trusted
 * (server.tomcat.remoteip.internal-proxies, docs/security.md).
 */
@Component
class LoginThrottle {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm");
  /** A longer name cannot be an account (engine user ids have at most 64 characters): not kept in the table. */
  private static final int MAX_ID_LENGTH = 64;
  /** Address counts kept in memory before the expired ones are swept out. */
  private static final int ADDRESSES_BEFORE_SWEEP = 10_000;
  /** User ids (the engine's whitelist pattern, application.yaml) and IPv4/IPv6 addresses. */
  private static final Pattern SHOWN = Pattern.compile("[A-Za-z0-9.:-]{1,64}");

  private final JdbcClient jdbc;
  private final LoginSettings settings;
  private final ObjectMapper json;
  private final ConcurrentMap<String, Count> addresses = new ConcurrentHashMap<>();

  LoginThrottle(JdbcClient jdbc, LoginSettings settings, ObjectMapper json) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.json = json;
  }

  /** A locked account (or, with {@code id} the address, a locked address), as the administrator sees it. */
  record Lock(String id, int failures, OffsetDateTime lockedUntil) {}

  private record Count(int failures, Instant since, Instant lockedUntil) {}

  private record Body(String error, String message) {}

  /** A login refused whatever its password: the account or the address is locked until {@code until}. */
  static final class Locked extends RuntimeException {
    final Instant until;

    Locked(String message, Instant until) {
      super(message, null, false, false);
      this.until = until;
    }
  }

  /** Throws {@link Locked} when a login of {@code userId} (may be null) from {@code address} is to be refused. */
  void check(String userId, String address) {
    Instant now = now();
    Count count = addresses.get(address);
    if (count != null && count.lockedUntil() != null) {
      if (count.lockedUntil().isAfter(now)) {
        throw new Locked("当前网络地址" + shown(address, "（", "）") + "登录失败次数过多，已暂时禁止从该地址登录 " + span(settings.lockDuration())
            + "：" + retry(count.lockedUntil(), now) + "。", count.lockedUntil());
      }
      if (addresses.remove(address, count)) {
        log.info("Login lock of address {} ended at {}", address, at(count.lockedUntil()));
      }
    }
    if (!isAccount(userId)) {
      return;
    }
    Optional<Lock> row = find(userId);
    if (row.isPresent() && row.get().lockedUntil() != null) {
      Instant until = row.get().lockedUntil().toInstant();
      if (until.isAfter(now)) {
        throw new Locked(shown(userId, "账户 ", " ") + "登录密码错误次数过多，该账户已被暂时锁定 " + span(settings.lockDuration()) + "："
            + retry(until, now) + "，或请系统管理员解锁。", until);
      }
      forgetExpired(now);
    }
  }

  /** A wrong password (or an unknown name) given for {@code userId} (may be null) from {@code address}. */
  void failed(String userId, String address) {
    Instant now = now();
    if (settings.maxFailuresPerAddress() > 0) {
      countAddress(address, userId, now);
    }
    if (!isAccount(userId)) {
      return;
    }
    forgetExpired(now);
    if (increment(userId) == 0) {
      try {
        jdbc.sql("insert into login_throttle (user_id, failures, window_start) values (?, 1, ?)").params(userId, at(now)).update();
      } catch (DuplicateKeyException e) {
        increment(userId); // another node's failure of the same account came first
      }
    }
    Instant until = now.plus(settings.lockDuration());
    if (jdbc.sql("update login_throttle set locked_until = ? where user_id = ? and failures >= ? and locked_until is null")
        .params(at(until), userId, settings.maxFailures()).update() == 1) {
      log.warn("Login of {} locked until {} after {} failed logins, the last from {}", printable(userId), at(until),
          settings.maxFailures(), address);
    }
  }

  /** The right password: the account's failures are forgotten (a lock stays; the check refused the login before). */
  void succeeded(String userId) {
    if (isAccount(userId)) {
      jdbc.sql("delete from login_throttle where user_id = ? and locked_until is null").param(userId).update();
    }
  }

  /** The locked accounts, first to be unlocked first. */
  List<Lock> lockedAccounts() {
    forgetExpired(now());
    return jdbc.sql("select user_id, failures, locked_until from login_throttle where locked_until is not null order by locked_until")
        .query((rs, n) -> new Lock(rs.getString(1), rs.getInt(2), local(rs.getObject(3, OffsetDateTime.class)))).list();
  }

  /** The addresses locked on this node (they are counted in memory, per node). */
  List<Lock> lockedAddresses() {
    Instant now = now();
    return addresses.entrySet().stream()
        .filter(e -> e.getValue().lockedUntil() != null && e.getValue().lockedUntil().isAfter(now))
        .map(e -> new Lock(e.getKey(), e.getValue().failures(), at(e.getValue().lockedUntil())))
        .sorted(Comparator.comparing(Lock::lockedUntil)).toList();
  }

  /** The administrator's early unlock: the account's lock and failures are gone. Empty when it had neither. */
  Optional<Lock> unlock(String userId, String by, String fromAddress) {
    if (!isAccount(userId)) {
      return Optional.empty();
    }
    forgetExpired(now());
    Optional<Lock> row = find(userId);
    if (row.isEmpty() || jdbc.sql("delete from login_throttle where user_id = ?").param(userId).update() == 0) {
      return Optional.empty();
    }
    if (row.get().lockedUntil() != null) {
      log.info("Login lock of {} lifted by {} from {}", printable(userId), by, fromAddress);
    }
    return row;
  }

  /** 429 with Retry-After and the reason, as JSON: "error" as in Duban's API, "message" for the webapps' login page. */
  void refuse(HttpServletResponse response, Locked locked) throws IOException {
    response.setHeader("Retry-After", Long.toString(Math.max(1, (Duration.between(now(), locked.until).toMillis() + 999) / 1000)));
    answer(response, 429, locked.getMessage());
  }

  void answer(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(json.writeValueAsBytes(new Body(message, message)));
  }

  private void countAddress(String address, String userId, Instant now) {
    Count[] before = new Count[1];
    Count count = addresses.compute(address, (a, old) -> {
      before[0] = old;
      Count current = old == null || expired(old, now) ? new Count(0, now, null) : old;
      if (current.lockedUntil() != null) {
        return current; // locked while this login was under way: counted already
      }
      int failures = current.failures() + 1;
      return new Count(failures, current.since(), failures >= settings.maxFailuresPerAddress() ? now.plus(settings.lockDuration()) : null);
    });
    if (count != before[0] && count.lockedUntil() != null) { // locked by this failure
      log.warn("Logins from address {} locked until {} after {} failed logins (the last as {})", address,
          at(count.lockedUntil()), count.failures(), printable(userId));
    }
    if (addresses.size() > ADDRESSES_BEFORE_SWEEP) {
      addresses.values().removeIf(c -> expired(c, now));
    }
  }

  private boolean expired(Count count, Instant now) {
    Instant end = count.lockedUntil() != null ? count.lockedUntil() : count.since().plus(settings.lockDuration());
    return !end.isAfter(now);
  }

  private int increment(String userId) {
    return jdbc.sql("update login_throttle set failures = failures + 1 where user_id = ?").param(userId).update();
  }

  private Optional<Lock> find(String userId) {
    return jdbc.sql("select user_id, failures, locked_until from login_throttle where user_id = ?").param(userId)
        .query((rs, n) -> new Lock(rs.getString(1), rs.getInt(2), local(rs.getObject(3, OffsetDateTime.class)))).optional();
  }

  /** Failures whose window has passed are forgotten; locks that ran out end (logged by the node that ends them). */
  private void forgetExpired(Instant now) {
    jdbc.sql("delete from login_throttle where locked_until is null and window_start <= ?").param(at(now.minus(settings.lockDuration())))
        .update();
    List<Map.Entry<String, OffsetDateTime>> ended = jdbc.sql("select user_id, locked_until from login_throttle where locked_until <= ?")
        .param(at(now)).query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class))).list();
    for (Map.Entry<String, OffsetDateTime> lock : ended) {
      if (jdbc.sql("delete from login_throttle where user_id = ? and locked_until <= ?").params(lock.getKey(), at(now)).update() == 1) {
        log.info("Login lock of {} ended at {}", printable(lock.getKey()), local(lock.getValue()));
      }
    }
  }

  private static boolean isAccount(String userId) {
    return userId != null && !userId.isEmpty() && userId.length() <= MAX_ID_LENGTH;
  }

  /**
   * A name or address in a message, between {@code before} and {@code after}, only when it looks like
   * one: the webapps' login page shows the message as HTML, and a name is what anybody typed.
   */
  private static String shown(String value, String before, String after) {
    return value != null && SHOWN.matcher(value).matches() ? before + value + after : "";
  }

  /** A name as typed at a login, fit for one log line. */
  private static String printable(String userId) {
    if (userId == null) {
      return null;
    }
    String clean = userId.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > MAX_ID_LENGTH ? clean.substring(0, MAX_ID_LENGTH) + "…" : clean;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atZone(ZONE).toOffsetDateTime();
  }

  private static OffsetDateTime local(OffsetDateTime time) {
    return time == null ? null : at(time.toInstant());
  }

  /** "请 14 分钟后（10:15 以后）再试", in Beijing time, both rounded up to the minute. */
  private static String retry(Instant until, Instant now) {
    long minutes = Math.max(1, (Duration.between(now, until).toMillis() + 59_999) / 60_000);
    ZonedDateTime end = until.atZone(ZONE);
    end = end.truncatedTo(ChronoUnit.MINUTES).equals(end) ? end : end.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    String when = end.toLocalDate().equals(now.atZone(ZONE).toLocalDate()) ? TIME.format(end) : DAY_TIME.format(end);
    return "请 " + minutes + " 分钟后（" + when + " 以后）再试";
  }

  private static String span(Duration duration) {
    long minutes = Math.max(1, (duration.getSeconds() + 59) / 60);
    return minutes % 60 == 0 ? minutes / 60 + " 小时" : minutes + " 分钟";
  }
}

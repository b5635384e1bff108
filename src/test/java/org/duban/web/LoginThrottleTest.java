package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.duban.support.Browser;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The login throttle on the three doors that check a password: /engine-rest and /api with HTTP Basic,
 * and the webapps' login form. Every test logs in with accounts no other test uses, from a client
 * address of its own (X-Forwarded-For, sent by the application's own machine, which is the trusted
 * proxy by default), so that address counts stay apart; the accounts' counts go after each test.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleTest extends ProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRONG = "wrong-password-1";
  private static final String TASKLIST_ACCESS =
      "/engine-rest/authorization/check?permissionName=ACCESS&resourceName=Application&resourceType=0&resourceId=tasklist";

  @AfterEach
  void forgetFailures() {
    jdbc.sql("delete from login_throttle").update();
  }

  private static void later(int minutes) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + minutes * 60_000L + 1));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static void assertLocked(HttpResponse<String> response, String... says) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(response).path("error").asText()).contains(says).contains("分钟后");
    assertThat(json(response).path("message").asText()).isEqualTo(json(response).path("error").asText());
  }

  @Test
  void fiveWrongPasswordsOnEngineRestLockTheAccountOnEveryDoorUntilTheLockRunsOut(CapturedOutput log) {
    Client client = new Client("10.1.0.1");
    // Camunda's authentication stays as it was: the caller and its groups (tasklist access comes by group)
    assertThat(json(client.basic(TASKLIST_ACCESS, "liaison-water", "demo")).path("authorized").asBoolean()).isTrue();
    for (int i = 1; i <= 5; i++) {
      HttpResponse<String> wrong = client.basic("/engine-rest/task", "liaison-water", WRONG);
      assertThat(wrong.statusCode()).as("failure " + i).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"default\"");
    }

    HttpResponse<String> locked = client.basic("/engine-rest/task", "liaison-water", "demo");
    assertLocked(locked, "账户 liaison-water", "暂时锁定 15 分钟", "请 15 分钟后（10:15 以后）再试", "系统管理员解锁");
    assertThat(locked.headers().firstValue("Retry-After")).hasValue("900");
    // the account is locked, not the address: from elsewhere and on the other doors alike
    Client elsewhere = new Client("10.1.0.2");
    assertLocked(elsewhere.basic("/api/items", "liaison-water", "demo"), "账户 liaison-water");
    assertLocked(elsewhere.tasklistLogin("liaison-water", "demo"), "账户 liaison-water");
    assertThat(log).contains("Login of liaison-water locked until 2026-03-02T10:15", "the last from 10.1.0.1")
        .doesNotContain(WRONG);

    later(10);
    assertLocked(client.basic("/engine-rest/task", "liaison-water", "demo"), "请 5 分钟后（10:15 以后）再试");
    later(5);
    assertThat(client.basic("/engine-rest/task", "liaison-water", "demo").statusCode()).isEqualTo(200);
    assertThat(json(client.basic(TASKLIST_ACCESS, "liaison-water", "demo")).path("authorized").asBoolean()).isTrue();
    assertThat(log).contains("Login lock of liaison-water ended at 2026-03-02T10:15");
  }

  @Test
  void fiveWrongPasswordsOnTheApiLockTheAccountAndTheAdministratorUnlocksIt(CapturedOutput log) {
    Client client = new Client("10.1.0.3");
    for (int i = 1; i <= 4; i++) {
      assertThat(client.basic("/api/items", "liaison-air", WRONG).statusCode()).isEqualTo(401);
    }
    // a success clears the count: four more failures do not lock
    assertThat(client.basic("/api/items", "liaison-air", "demo").statusCode()).isEqualTo(200);
    for (int i = 1; i <= 4; i++) {
      assertThat(client.basic("/api/items", "liaison-air", WRONG).statusCode()).isEqualTo(401);
    }
    assertThat(client.basic("/api/items", "liaison-air", "demo").statusCode()).isEqualTo(200);
    for (int i = 1; i <= 5; i++) {
      assertThat(client.basic("/api/items", "liaison-air", WRONG).statusCode()).isEqualTo(401);
    }
    assertLocked(client.basic("/api/items", "liaison-air", "demo"), "账户 liaison-air");

    Client admins = new Client("10.1.0.9");
    HttpResponse<String> notAdmin = admins.basic("/api/admin/logins", "office", "demo");
    assertThat(notAdmin.statusCode()).isEqualTo(403);
    assertThat(json(notAdmin).path("error").asText()).contains("无权", "仅系统管理员");
    HttpResponse<String> notAdminUnlock = admins.post("/api/admin/logins/liaison-air/unlock", "office", "demo");
    assertThat(notAdminUnlock.statusCode()).isEqualTo(403);
    assertThat(json(notAdminUnlock).path("error").asText()).contains("无权解除登录锁定");

    JsonNode listed = json(admins.basic("/api/admin/logins", "admin", "demo"));
    JsonNode account = find(listed.path("accounts"), "liaison-air");
    assertThat(account.path("failures").asInt()).isEqualTo(5);
    assertThat(account.path("lockedUntil").asText()).startsWith("2026-03-02T10:15").endsWith("+08:00");

    HttpResponse<String> unlocked = admins.post("/api/admin/logins/liaison-air/unlock", "admin", "demo");
    assertThat(unlocked.statusCode()).isEqualTo(200);
    assertThat(json(unlocked).path("wasLocked").asBoolean()).isTrue();
    assertThat(json(unlocked).path("failuresCleared").asInt()).isEqualTo(5);
    assertThat(log).contains("Login lock of liaison-air lifted by admin from 10.1.0.9");
    assertThat(client.basic("/api/items", "liaison-air", "demo").statusCode()).isEqualTo(200);
    assertThat(find(json(admins.basic("/api/admin/logins", "admin", "demo")).path("accounts"), "liaison-air")).isNull();

    HttpResponse<String> again = admins.post("/api/admin/logins/liaison-air/unlock", "admin", "demo");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(json(again).path("error").asText()).contains("没有被锁定");
  }

  @Test
  void fiveWrongPasswordsOnTheTasklistLoginLockTheAccountAndTasklistSaysSo() {
    Client client = new Client("10.1.0.4");
    for (int i = 1; i <= 5; i++) {
      assertThat(client.tasklistLogin("liaison-monitoring", WRONG).statusCode()).isEqualTo(401);
    }
    assertLocked(client.tasklistLogin("liaison-monitoring", "demo"), "账户 liaison-monitoring", "暂时锁定");

    // Tasklist's login page shows the reason (the "message" of the answer), in Chinese
    Browser browser = new Browser(() -> port);
    browser.beforeEach(null);
    try {
      ChromiumDriver chromium = (ChromiumDriver) browser.driver;
      chromium.executeCdpCommand("Network.enable", Map.of());
      chromium.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", client.address)));
      browser.login("tasklist", "liaison-monitoring", "demo");
      browser.waitForText("已被暂时锁定");
      assertThat(browser.text()).contains("账户 liaison-monitoring 登录密码错误次数过多", "系统管理员解锁");
      browser.screenshot("login-locked");
    } finally {
      browser.driver.quit();
    }

    later(15);
    HttpResponse<String> login = client.tasklistLogin("liaison-monitoring", "demo");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(json(login).path("userId").asText()).isEqualTo("liaison-monitoring");
  }

  @Test
  void thirtyFailuresSpreadOverTwoHoursLockNothing() {
    // the engine's own lock would have locked the account for good at the 10th (ENGINE-27002)
    Client client = new Client("10.1.0.5");
    for (int i = 1; i <= 30; i++) {
      HttpResponse<String> wrong = switch (i % 3) {
        case 0 -> client.basic("/engine-rest/task", "liaison-enforcement", WRONG);
        case 1 -> client.basic("/api/items", "liaison-enforcement", WRONG);
        default -> client.tasklistLogin("liaison-enforcement", WRONG);
      };
      assertThat(wrong.statusCode()).as("failure " + i).isEqualTo(401);
      later(4); // four failures per lock duration at most
    }
    assertThat(client.basic("/engine-rest/task", "liaison-enforcement", "demo").statusCode()).isEqualTo(200);
    assertThat(client.basic("/api/items", "liaison-enforcement", "demo").statusCode()).isEqualTo(200);
    assertThat(client.tasklistLogin("liaison-enforcement", "demo").statusCode()).isEqualTo(200);
  }

  @Test
  void sixLocksInARowEndEachInTurn() {
    Client client = new Client("10.1.0.10");
    for (int lock = 1; lock <= 6; lock++) {
      for (int i = 1; i <= 5; i++) {
        assertThat(client.basic("/engine-rest/task", "liaison-policy-law", WRONG).statusCode()).isEqualTo(401);
      }
      assertLocked(client.basic("/engine-rest/task", "liaison-policy-law", "demo"), "账户 liaison-policy-law");
      later(15);
    }
    assertThat(client.basic("/engine-rest/task", "liaison-policy-law", "demo").statusCode()).isEqualTo(200);
  }

  @Test
  void twentyFailuresFromOneAddressLockTheAddressForEveryAccount(CapturedOutput log) {
    Client client = new Client("10.1.0.6");
    for (int i = 1; i <= 19; i++) {
      assertThat(client.basic("/api/items", "stranger-" + i, WRONG).statusCode()).isEqualTo(401);
    }
    // a success does not clear the address's count
    assertThat(client.basic("/api/items", "liaison-comprehensive", "demo").statusCode()).isEqualTo(200);
    assertThat(client.basic("/engine-rest/task", "stranger-20", WRONG).statusCode()).isEqualTo(401);

    String[] says = {"当前网络地址（10.1.0.6）", "已暂时禁止从该地址登录 15 分钟", "请 15 分钟后（10:15 以后）再试"};
    assertLocked(client.basic("/api/items", "liaison-comprehensive", "demo"), says);
    assertLocked(client.basic("/engine-rest/task", "liaison-comprehensive", "demo"), says);
    assertLocked(client.tasklistLogin("liaison-comprehensive", "demo"), says);
    assertThat(new Client("10.1.0.7").basic("/api/items", "liaison-comprehensive", "demo").statusCode()).isEqualTo(200);
    assertThat(log).contains("Logins from address 10.1.0.6 locked until 2026-03-02T10:15", "after 20 failed logins (the last as stranger-20)");
    JsonNode address = find(json(new Client("10.1.0.8").basic("/api/admin/logins", "admin", "demo")).path("addresses"), "10.1.0.6");
    assertThat(address.path("failures").asInt()).isEqualTo(20);

    later(15);
    assertThat(client.basic("/api/items", "liaison-comprehensive", "demo").statusCode()).isEqualTo(200);
    assertThat(log).contains("Login lock of address 10.1.0.6 ended");
  }

  @Test
  void aNameThatIsNoUserIdIsNotRepeatedInTheMessage() {
    // Tasklist's login page shows the message as HTML; the name is whatever was typed
    Client client = new Client("10.1.0.11");
    String name = "<img src=x>";
    for (int i = 1; i <= 5; i++) {
      assertThat(client.basic("/api/items", name, WRONG).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = client.basic("/api/items", name, "demo");
    assertLocked(locked, "登录密码错误次数过多，该账户已被暂时锁定");
    assertThat(locked.body()).doesNotContain("<img", "\\u003Cimg");
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode n : array) {
      if (n.path("id").asText().equals(id)) {
        return n;
      }
    }
    return null;
  }

  /** A client at an address of its own, behind the trusted proxy on the application's machine. */
  private final class Client {
    final String address;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Client(String address) {
      this.address = address;
    }

    HttpResponse<String> basic(String path, String user, String password) {
      return send(request(path, user, password).GET(), http);
    }

    HttpResponse<String> post(String path, String user, String password) {
      return send(request(path, user, password).POST(HttpRequest.BodyPublishers.noBody()), http);
    }

    /** Tasklist's login form, as a browser sends it: a page load first, for the session and its CSRF token. */
    HttpResponse<String> tasklistLogin(String user, String password) {
      CookieManager cookies = new CookieManager();
      HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
      send(request("/camunda/app/tasklist/default/", null, null).GET(), browser);
      String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().orElseThrow();
      return send(request("/camunda/api/admin/auth/user/default/login/tasklist", null, null)
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
          .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
              + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))), browser);
    }

    private HttpRequest.Builder request(String path, String user, String password) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("X-Forwarded-For", address);
      if (user != null) {
        request.header("Authorization",
            "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
      }
      return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, HttpClient client) {
      try {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}

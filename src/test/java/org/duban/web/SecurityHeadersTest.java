package org.duban.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.duban.support.Browser;
import org.duban.support.ReportingScenario;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What Duban's own pages, API and assets send besides their content: the security headers of
 * Camunda's webapps, on errors too; a Content-Security-Policy the dashboard really works under in
 * Chromium (with the scenario DashboardBrowserTest shows); and a Secure session cookie behind a TLS
 * proxy, but not on plain http.
 */
class SecurityHeadersTest extends ReportingScenario {
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpResponse<String> get(String path, String user, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void assertSecurityHeaders(String what, HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(what).isEqualTo(status);
    HttpHeaders headers = response.headers();
    assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
    assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
    assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
    assertThat(headers.firstValue("Content-Security-Policy")).as(what).hasValue(SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
  }

  @Test
  void dubansPagesApiAssetsAndErrorsSendTheHeaders() {
    assertSecurityHeaders("API", get("/api/items", "office"), 200);
    assertSecurityHeaders("dashboard", get("/dashboard", "office"), 200);
    assertSecurityHeaders("stylesheet", get("/reporting/dashboard.css", null), 200);
    assertSecurityHeaders("script", get("/reporting/dashboard.js", null), 200);
    assertSecurityHeaders("ECharts", get("/vendor/echarts-5.6.0/echarts.min.js", null), 200);
    assertSecurityHeaders("no login", get("/api/items", null), 401);
    assertSecurityHeaders("no login, page", get("/dashboard", null), 302);
    assertSecurityHeaders("unknown item", get("/api/items/DB-2099-9999", "office"), 404);
    assertSecurityHeaders("item link", get("/items/DB-2099-9999", "office"), 404);
    assertSecurityHeaders("no such endpoint (Spring's error page)", get("/api/no-such-endpoint", "office"), 404);
    assertSecurityHeaders("no such asset", get("/reporting/no-such.js", null), 404);
    assertSecurityHeaders("not the administrator", get("/api/admin/logins", "office"), 403);
    assertSecurityHeaders("plan preview", get("/plans/civilized-unit/preview", "office"), 200);
    assertSecurityHeaders("plan preview's stylesheet", get("/preview/preview.css", null), 200);
    assertSecurityHeaders("no login, plan preview", get("/plans/civilized-unit/preview", null), 302);
    assertSecurityHeaders("plan preview, not for a department", get("/plans/civilized-unit/preview", "head-air"), 403);
    assertSecurityHeaders("plan preview, bad date", get("/api/plans/civilized-unit/preview?startDate=2026-02-30", "office"), 400);
  }

  @Test
  void theFramePolicyIsTheOneOfCamundasWebapps() {
    HttpResponse<String> tasklist = get("/camunda/app/tasklist/default/", null);
    assertThat(tasklist.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(tasklist.headers().firstValue("Content-Security-Policy")).get().asString().contains("frame-ancestors 'none'");
    assertThat(SecurityHeadersFilter.CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'");
  }

  @Test
  void theSessionCookieIsSecureBehindATlsProxyAndNotOnPlainHttp() {
    assertThat(sessionCookie(get("/camunda/app/tasklist/default/", null))).doesNotContain("Secure");

    HttpResponse<String> page = get("/camunda/app/tasklist/default/", null, "X-Forwarded-Proto", "https");
    assertThat(sessionCookie(page)).contains("; Secure");
    // the login starts a new session: its cookie is Secure too
    String cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("X-Forwarded-Proto", "https").header("Cookie", cookies).header("X-XSRF-TOKEN", token)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=office&password=" + URLEncoder.encode("demo", StandardCharsets.UTF_8))));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(sessionCookie(login)).contains("; Secure");
  }

  private static String sessionCookie(HttpResponse<String> response) {
    Optional<String> cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst();
    assertThat(cookie).as("a session cookie").isPresent();
    return cookie.get();
  }

  @Test
  void theDashboardDrawsItsChartsAndUrgesUnderItsPolicyWithoutAViolation() {
    playScenario();
    Browser browser = new Browser(() -> port);
    browser.beforeEach(null);
    try {
      ChromiumDriver chromium = (ChromiumDriver) browser.driver;
      // every violation of the policy, as the page sees it, from the first script on
      chromium.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
          "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', function (e) {"
              + " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber); });"));
      browser.open("/dashboard");
      browser.waitFor(By.cssSelector("input[ng-model='username']")).sendKeys("office");
      browser.driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
      browser.driver.findElement(By.cssSelector("button[type='submit']")).click();
      browser.waitFor(By.linkText("督办看板")).click();
      browser.waitForText("考核排名");
      new WebDriverWait(browser.driver, Duration.ofSeconds(20))
          .until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-charts")));
      assertThat(browser.driver.findElements(By.cssSelector("#chart-stages canvas"))).isNotEmpty();
      // a tooltip is HTML with inline styles, written by ECharts
      new Actions(browser.driver).moveToElement(browser.driver.findElement(By.id("chart-stages"))).perform();
      new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#chart-stages div[style*='position: absolute']")).isEmpty());
      // 催办 is a fetch() of the page's script
      browser.driver.findElement(By.cssSelector("button.urge")).click();
      browser.waitForText("已催办");
      browser.screenshot("dashboard-under-csp");

      @SuppressWarnings("unchecked")
      List<String> violations = (List<String>) ((JavascriptExecutor) browser.driver).executeScript("return window.__cspViolations;");
      assertThat(violations).isEmpty();
      List<String> consoleErrors = browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
      assertThat(consoleErrors).noneMatch(m -> m.contains("Content Security Policy"));
    } finally {
      browser.driver.quit();
    }
  }
}

package org.duban.support;

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

/** A real HTTP client against the running application: HTTP Basic, or a Tasklist login session. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String basicAuth;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  private Http(int port, String user, String password) {
    this.base = "http://localhost:" + port;
    this.basicAuth = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public static Http anonymous(int port) {
    return new Http(port, null, null);
  }

  public static Http basic(int port, String user, String password) {
    return new Http(port, user, password);
  }

  /** Logs in to Tasklist as a browser does; later calls carry the session cookie and the CSRF token. */
  public static Http tasklistSession(int port, String user, String password) {
    Http http = new Http(port, null, null);
    http.get("/camunda/app/tasklist/default/");
    Response login = http.send(HttpRequest.newBuilder(URI.create(http.base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))));
    if (login.status() != 200) {
      throw new AssertionError("login of " + user + " failed: " + login);
    }
    return http;
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
  }

  private Response send(HttpRequest.Builder request) {
    if (basicAuth != null) {
      request.header("Authorization", basicAuth);
    }
    String xsrf = cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElse(null);
    if (xsrf != null) {
      request.header("X-XSRF-TOKEN", xsrf);
      request.header("X-Requested-With", "XMLHttpRequest");
    }
    try {
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

package org.duban.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
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
import java.util.Map;
import java.util.UUID;

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
    // the login starts a new session: its CSRF token comes with the next read, as Tasklist's next page load gets it
    http.get("/camunda/api/engine/engine/");
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

  /** Any method, with a JSON body (or none). */
  public Response request(String method, String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A file as a browser uploads it: its name (sent as UTF-8, as browsers do) and its bytes. */
  public record Upload(String name, byte[] content) {}

  /** multipart/form-data, each file in the field {@code file}, plus the given text fields. */
  public Response upload(String path, Map<String, String> fields, Upload... files) {
    String boundary = "----duban-test-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n"));
    for (Upload file : files) {
      write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
          + file.name().replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(file.content());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** A download's bytes with status and headers. */
  public record Download(int status, byte[] body, java.net.http.HttpHeaders headers) {}

  public Download download(String path) {
    HttpResponse<byte[]> r = exchange(HttpRequest.newBuilder(URI.create(base + path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
    return new Download(r.statusCode(), r.body(), r.headers());
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private Response send(HttpRequest.Builder request) {
    HttpResponse<String> r = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
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
      return client.send(request.build(), handler);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

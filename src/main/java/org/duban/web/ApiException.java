package org.duban.web;

import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.http.HttpStatus;

/**
 * An error Duban answers with its status and a message for the person who sent the request. A bad
 * user request to the engine too: thrown in a task listener, it refuses the completion and reaches
 * the REST APIs with its status (system.EngineRefusals).
 */
public class ApiException extends BadUserRequestException {
  private final HttpStatus status;

  public ApiException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, message);
  }

  public HttpStatus status() {
    return status;
  }
}

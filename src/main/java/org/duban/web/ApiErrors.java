package org.duban.web;

import jakarta.servlet.MultipartConfigElement;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.util.unit.DataSize;

/** Every error of Duban's API is JSON {"error": "..."} naming what is wrong. */
@RestControllerAdvice
class ApiErrors {
  private final ObjectProvider<MultipartConfigElement> multipart;
  private final DataSize evidenceMaxSize;

  ApiErrors(ObjectProvider<MultipartConfigElement> multipart, @Value("${duban.evidence.max-size:20MB}") DataSize evidenceMaxSize) {
    this.multipart = multipart;
    this.evidenceMaxSize = evidenceMaxSize;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, String>> api(ApiException e) {
    return body(e.status(), e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    String detail = e.getMostSpecificCause().getMessage();
    if (detail != null) {
      // Jackson's message up to the source excerpt says what and where, without internals
      detail = detail.replaceAll("(?s)\\s*at \\[Source.*", "").replaceAll(" \\(class [^)]*\\)", "");
      int known = detail.indexOf(", not marked as ignorable");
      detail = known > 0 ? detail.substring(0, known) : detail;
    }
    return body(HttpStatus.BAD_REQUEST, "请求体不是有效的 JSON 或字段有误：" + detail);
  }

  @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
  ResponseEntity<Map<String, String>> parameter(Exception e) {
    return body(HttpStatus.BAD_REQUEST, "请求参数有误：" + e.getMessage());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e) {
    return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "请以 application/json 发送请求体。");
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
    // Spring's limits sit above the evidence limit: only far larger files or too many at once get here
    MultipartConfigElement limits = multipart.getIfAvailable();
    String total = limits == null || limits.getMaxRequestSize() < 0 ? "" : "，一次上传合计不超过 " + megabytes(limits.getMaxRequestSize());
    return body(HttpStatus.PAYLOAD_TOO_LARGE, "上传内容过大：单个文件不超过 " + megabytes(evidenceMaxSize.toBytes()) + total
        + "。文件较多时请分批上传。");
  }

  /** An upload the servlet container cannot take apart (e.g. a NUL in a file name). */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Map<String, String>> badMultipart(MultipartException e) {
    Throwable cause = e.getMostSpecificCause();
    return body(HttpStatus.BAD_REQUEST, "上传请求无法解析（multipart/form-data）：" + (cause == null ? e.getMessage() : cause.getMessage()));
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Map<String, String>> forbidden(AuthorizationException e) {
    return body(HttpStatus.FORBIDDEN, "无权执行此操作：" + e.getMessage());
  }

  @ExceptionHandler(BadUserRequestException.class)
  ResponseEntity<Map<String, String>> badUserRequest(BadUserRequestException e) {
    return body(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /** An engine refusal on behalf of an HTTP request, as system.EngineRefusals passes it on. */
  @ExceptionHandler(RestException.class)
  ResponseEntity<Map<String, String>> refused(RestException e) {
    return body(e.getStatus() == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.valueOf(e.getStatus().getStatusCode()),
        e.getMessage());
  }

  private static String megabytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : String.format("%.1f MB", bytes / 1048576.0);
  }

  static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", message));
  }
}

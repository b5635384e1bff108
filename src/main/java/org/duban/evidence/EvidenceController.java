package org.duban.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duban.plan.BureauConfig;
import org.duban.plan.Organization;
import org.duban.supervision.ItemAccess;
import org.duban.supervision.ItemEventKind;
import org.duban.supervision.ItemRepository;
import org.duban.supervision.SupervisedItem;
import org.duban.web.ApiException;
import org.duban.web.CurrentUser;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/** 佐证材料 over REST: the item's department uploads while the item is open; whoever sees the item lists and downloads. */
@RestController
class EvidenceController {
  static final String FILE_FIELD = "file";
  static final String EVALUATION_ITEM_FIELD = "evaluationItem";

  private final EvidenceStore store;
  private final ItemAccess access;
  private final ItemRepository items;
  private final Organization org;

  EvidenceController(EvidenceStore store, ItemAccess access, ItemRepository items, BureauConfig config) {
    this.store = store;
    this.access = access;
    this.items = items;
    this.org = config.organization();
  }

  /** multipart/form-data, field {@code file} (repeatable), optional {@code evaluationItem}: all files or none. */
  @PostMapping("/api/items/{serial}/evidence")
  @Transactional
  ResponseEntity<Map<String, Object>> upload(@PathVariable String serial, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    SupervisedItem item = access.ownOpen(serial, user);
    MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
    List<MultipartFile> files = multipart == null ? List.of() : multipart.getFiles(FILE_FIELD);
    if (files.isEmpty()) {
      throw ApiException.badRequest("请选择要上传的文件（multipart/form-data，字段 " + FILE_FIELD + "）");
    }
    String evaluationItem = multipart.getParameter(EVALUATION_ITEM_FIELD);
    // refuse the whole request before storing any of it
    for (MultipartFile file : files) {
      store.check(file.getOriginalFilename(), file.getSize(), evaluationItem);
    }
    List<EvidenceFile> stored = new ArrayList<>();
    for (MultipartFile file : files) {
      EvidenceFile saved;
      try (InputStream in = file.getInputStream()) {
        saved = store.store(item.serial(), file.getOriginalFilename(), in, user.id(), evaluationItem);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      items.addEvent(item.serial(), ItemEventKind.EVIDENCE_ADDED, user.id(), saved.uploadedAt(),
          saved.fileName() + "（" + saved.sizeBytes() + " 字节，SHA-256 " + saved.sha256() + "）");
      stored.add(saved);
    }
    Map<String, String> names = names(stored);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Map.of("serial", item.serial(), "files", stored.stream().map(f -> view(f, names)).toList()));
  }

  @GetMapping("/api/items/{serial}/evidence")
  Map<String, Object> list(@PathVariable String serial, HttpServletRequest request) {
    SupervisedItem item = access.readable(serial, CurrentUser.of(request));
    List<EvidenceFile> files = store.ofItem(item.serial());
    Map<String, String> names = names(files);
    return Map.of("serial", item.serial(), "maxBytes", store.maxBytes(), "files", files.stream().map(f -> view(f, names)).toList());
  }

  /** Always a download (attachment, nosniff, sandboxed): a file is never rendered in the application's origin. */
  @GetMapping("/api/evidence/{id}")
  ResponseEntity<Resource> download(@PathVariable long id, HttpServletRequest request) {
    EvidenceFile file = store.find(id).orElseThrow(() -> ApiException.notFound("没有佐证材料 " + id));
    try {
      access.readable(file.itemSerial(), CurrentUser.of(request));
    } catch (ApiException hidden) {
      throw ApiException.notFound("没有佐证材料 " + id);
    }
    if (!Files.isRegularFile(store.pathOf(file))) {
      throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "佐证材料 " + id + "（" + file.fileName() + "）的文件缺失，请联系系统管理员");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.contentType()))
        .contentLength(file.sizeBytes())
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(file.fileName()))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox; default-src 'none'")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .body(new FileSystemResource(store.pathOf(file)));
  }

  /** RFC 6266 with RFC 5987's filename* for the Chinese name, and an ASCII fallback for old clients. */
  static String attachment(String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  /** Uploaders' display names, from the organization file (a Camunda profile's name is the user's to edit). */
  private Map<String, String> names(List<EvidenceFile> files) {
    Map<String, String> names = new LinkedHashMap<>();
    files.forEach(f -> names.computeIfAbsent(f.uploadedBy(), org::personName));
    return names;
  }

  static Map<String, Object> view(EvidenceFile f, Map<String, String> names) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", f.id());
    v.put("name", f.fileName());
    v.put("size", f.sizeBytes());
    v.put("type", f.contentType());
    v.put("sha256", f.sha256());
    v.put("uploadedBy", f.uploadedBy());
    v.put("uploadedByName", names.getOrDefault(f.uploadedBy(), f.uploadedBy()));
    v.put("uploadedAt", f.uploadedAt());
    v.put("evaluationItem", f.evaluationItemId());
    v.put("url", f.url());
    return v;
  }
}

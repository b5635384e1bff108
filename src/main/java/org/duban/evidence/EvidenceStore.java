package org.duban.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.duban.supervision.Deadlines;
import org.duban.supervision.ItemEvidence;
import org.duban.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * 佐证材料: evidence files kept as files under duban.evidence.dir ({@code <serial>/<uuid>}) with a row
 * of evidence_file each (name, type, size, SHA-256, who, when). The Java API the archive export and
 * the ledger build on; callers check who may see or add to an item ({@code ItemAccess}).
 */
@Component
public class EvidenceStore implements ItemEvidence {
  private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);
  private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9-]{1,20}");
  private static final Pattern EVALUATION_ITEM = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String COLUMNS = "id, item_serial, evaluation_item_id, file_name, content_type, size_bytes, sha256,"
      + " storage_path, uploaded_by, uploaded_at";

  private final JdbcClient jdbc;
  private final Path root;
  private final long maxBytes;
  private final Set<String> allowed;

  EvidenceStore(JdbcClient jdbc, EvidenceSettings settings) {
    this.jdbc = jdbc;
    this.root = settings.dir().toAbsolutePath().normalize();
    this.maxBytes = settings.maxSize().toBytes();
    this.allowed = new TreeSet<>(settings.allowedExtensions().stream().map(e -> e.strip().toLowerCase(java.util.Locale.ROOT)).toList());
  }

  /**
   * Stores one file for the item and records it, in the caller's transaction (a rollback removes the
   * file again). Refuses, with a message for the uploader, an empty or too large file, a type not
   * allowed, a name with nothing left once path parts are removed, or a malformed evaluation item.
   */
  public EvidenceFile store(String serial, String originalName, InputStream content, String uploader, String evaluationItemId) {
    String name = check(originalName, -1, evaluationItemId);
    if (serial == null || !SERIAL.matcher(serial).matches()) {
      throw ApiException.badRequest("督办编号无效：" + serial);
    }
    String storagePath = serial + "/" + UUID.randomUUID();
    Path target = resolve(storagePath);
    Path part = target.resolveSibling(target.getFileName() + ".part");
    MessageDigest sha256 = sha256();
    long size;
    try {
      Files.createDirectories(target.getParent());
      size = copy(content, part, sha256, name);
      if (size == 0) {
        throw ApiException.badRequest("文件为空：" + name);
      }
      // the file appears complete or not at all
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store evidence file " + storagePath, e);
    } finally {
      deleteQuietly(part);
    }
    OffsetDateTime now = OffsetDateTime.now(Deadlines.clock());
    String type = typeOf(name);
    String digest = HexFormat.of().formatHex(sha256.digest());
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.sql("insert into evidence_file (item_serial, evaluation_item_id, file_name, content_type, size_bytes, sha256,"
              + " storage_path, uploaded_by, uploaded_at) values (?,?,?,?,?,?,?,?,?)")
          .params(serial, blankToNull(evaluationItemId), name, type, size, digest, storagePath, uploader, now)
          .update(key, "id");
    } catch (RuntimeException e) {
      deleteQuietly(target);
      throw e;
    }
    removeOnRollback(target);
    return new EvidenceFile(key.getKey().longValue(), serial, blankToNull(evaluationItemId), name, type, size, digest, storagePath, uploader, now);
  }

  /** The item's files, oldest first. */
  public List<EvidenceFile> ofItem(String serial) {
    return jdbc.sql("select " + COLUMNS + " from evidence_file where item_serial = ? order by uploaded_at, id")
        .param(serial).query(this::map).list();
  }

  /** Every file of a campaign's items, by item serial and upload time (what the archive holds). */
  public List<EvidenceFile> ofCampaign(String campaignId) {
    return jdbc.sql("select " + COLUMNS.replaceAll("(\\w+)", "e.$1") + " from evidence_file e"
            + " join supervised_item i on i.serial = e.item_serial where i.campaign_id = ? order by e.item_serial, e.uploaded_at, e.id")
        .param(campaignId).query(this::map).list();
  }

  public Optional<EvidenceFile> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from evidence_file where id = ?").param(id).query(this::map).optional();
  }

  /** Number of files per item serial; items without files are absent. */
  public Map<String, Integer> countsByItem() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    jdbc.sql("select item_serial, count(*) from evidence_file group by item_serial order by item_serial")
        .query(rs -> {
          counts.put(rs.getString(1), rs.getInt(2));
        });
    return counts;
  }

  @Override
  public int countOf(String serial) {
    return jdbc.sql("select count(*) from evidence_file where item_serial = ?").param(serial).query(Integer.class).single();
  }

  /** The stored file on disk (inside duban.evidence.dir, whatever the row says). */
  public Path pathOf(EvidenceFile file) {
    return resolve(file.storagePath());
  }

  public InputStream open(EvidenceFile file) throws IOException {
    return Files.newInputStream(pathOf(file));
  }

  /** The largest file taken, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Checks what can be checked before reading the content (size -1: not known yet); returns the
   * display name. Lets a request with several files refuse them all before storing any.
   */
  String check(String originalName, long size, String evaluationItemId) {
    String name = FileNames.safe(originalName);
    if (name.isEmpty()) {
      throw ApiException.badRequest("文件名无效：" + (originalName == null ? "（无文件名）" : "「" + originalName + "」"));
    }
    String ext = FileNames.extension(name);
    if (!allowed.contains(ext)) {
      throw ApiException.badRequest("不支持的文件类型" + (ext.isEmpty() ? "（无扩展名）" : " ." + ext) + "：" + name
          + "。允许的类型：" + String.join("、", allowed));
    }
    if (size == 0) {
      throw ApiException.badRequest("文件为空：" + name);
    }
    if (size > maxBytes) {
      throw tooLarge(name);
    }
    if (evaluationItemId != null && !evaluationItemId.isBlank() && !EVALUATION_ITEM.matcher(evaluationItemId).matches()) {
      throw ApiException.badRequest("evaluationItem: 测评项目编号只能由字母、数字和 . _ - 组成，不超过 64 个字符，收到「" + evaluationItemId + "」");
    }
    return name;
  }

  private ApiException tooLarge(String name) {
    return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "文件过大：" + name + " 超过单个文件上限 " + megabytes(maxBytes) + "。");
  }

  static String megabytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : String.format("%.1f MB", bytes / 1048576.0);
  }

  /** Copies to a new file, counting and hashing as it goes; stops at the first byte past the limit. */
  private long copy(InputStream in, Path part, MessageDigest digest, String name) throws IOException {
    long size = 0;
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        size += n;
        if (size > maxBytes) {
          throw tooLarge(name);
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
      out.flush();
      channel.force(true);
    }
    return size;
  }

  private Path resolve(String storagePath) {
    Path path = root.resolve(storagePath).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalStateException("evidence path outside " + root + ": " + storagePath);
    }
    return path;
  }

  private static String typeOf(String name) {
    return MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
  }

  private static void removeOnRollback(Path file) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          if (status != STATUS_COMMITTED) {
            deleteQuietly(file);
          }
        }
      });
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete {}: {}", file, e.toString());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private EvidenceFile map(ResultSet rs, int row) throws SQLException {
    return new EvidenceFile(rs.getLong("id"), rs.getString("item_serial"), rs.getString("evaluation_item_id"),
        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getString("storage_path"), rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class));
  }
}

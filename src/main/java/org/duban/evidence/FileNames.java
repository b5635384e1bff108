package org.duban.evidence;

import java.text.Normalizer;
import java.util.Locale;

/** Display names of uploaded files: the uploader's name, Chinese kept, with nothing that acts as a path. */
final class FileNames {
  static final int MAX_LENGTH = 200;

  private FileNames() {}

  /**
   * The last path segment of a browser's or client's file name, without control and bidi-format
   * characters and without characters Windows refuses (the archive is unpacked there); "" if nothing is left.
   */
  static String safe(String original) {
    if (original == null) {
      return "";
    }
    String name = Normalizer.normalize(original, Normalizer.Form.NFC);
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        return;
      }
      out.appendCodePoint(":*?\"<>|".indexOf(c) >= 0 ? '_' : c);
    });
    name = out.toString().strip();
    // leading dots would make a hidden file or "." and ".." when unpacked
    name = name.replaceFirst("^[.\\s]+", "").replaceFirst("[.\\s]+$", "");
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
      String ext = extension(name).length() <= 16 ? extension(name) : "";
      int keep = MAX_LENGTH - (ext.isEmpty() ? 0 : ext.length() + 1);
      name = name.substring(0, name.offsetByCodePoints(0, keep)) + (ext.isEmpty() ? "" : "." + ext);
    }
    return name;
  }

  /** The extension in lower case, without the dot; "" if none. */
  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}

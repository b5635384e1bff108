package org.duban.notification;

/** A person a mail goes to; a missing email is reported, never skipped silently. */
public record Recipient(String id, String name, String email) {
  public boolean hasAddress() {
    return email != null && !email.isBlank();
  }
}

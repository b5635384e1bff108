package org.duban.notification;

import java.util.List;
import java.util.Map;

/** A way to reach people. SMTP today; SMS or 政务钉钉 would be further implementations. */
public interface MailChannel {
  /** Delivers a batch; returns the error of every notification that did not go out, by id. */
  Map<Long, String> deliver(List<Notification> batch);
}

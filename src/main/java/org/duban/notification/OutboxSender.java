package org.duban.notification;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: woken after every commit that queued mail, and every second anyway (for
 * retries, and for what another node or a crash left). A node leases each mail before sending, so
 * several nodes on one database never send the same mail; a mail is marked SENT only after the SMTP
 * server took it. Failures retry with doubling waits; after the last attempt the mail is FAILED,
 * listed for the administrator, who can retry it.
 */
@Component
class OutboxSender implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final NotificationRepository outbox;
  private final ObjectProvider<MailChannel> channels;
  private final MailSettings settings;
  private final Object signal = new Object();
  private volatile boolean running;
  private boolean woken;
  private final List<Thread> threads = new ArrayList<>();
  private long nextSlotNanos;

  OutboxSender(NotificationRepository outbox, ObjectProvider<MailChannel> channels, MailSettings settings) {
    this.outbox = outbox;
    this.channels = channels;
    this.settings = settings;
  }

  void wakeUp() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  @Override
  public void start() {
    MailChannel channel = channels.getIfAvailable();
    if (channel == null) {
      log.info("No SMTP server configured (spring.mail.host): mails are kept in the outbox, see /api/admin/notifications");
      return;
    }
    running = true;
    for (int i = 0; i < Math.max(1, settings.connections()); i++) {
      Thread thread = new Thread(() -> loop(channel), "duban-mail-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  @Override
  public void stop() {
    running = false;
    wakeUp();
    for (Thread thread : threads) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop(MailChannel channel) {
    while (running) {
      int delivered = 0;
      try {
        delivered = deliverDue(channel);
      } catch (RuntimeException e) {
        log.warn("Outbox delivery round failed, trying again: {}", e.toString());
      }
      if (delivered == 0) {
        synchronized (signal) {
          if (!woken && running) {
            try {
              signal.wait(1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          woken = false;
        }
      }
    }
  }

  /** One batch: lease, send over one connection, record each outcome. Returns how many were tried. */
  int deliverDue(MailChannel channel) {
    OffsetDateTime now = wallClock();
    List<Notification> batch = new ArrayList<>();
    // candidates for every connection, shuffled: senders side by side mostly lease different mails
    List<Long> candidates = new ArrayList<>(outbox.due(now, settings.batchSize() * Math.max(1, settings.connections())));
    java.util.Collections.shuffle(candidates);
    for (long id : candidates) {
      if (batch.size() == settings.batchSize()) {
        break;
      }
      if (outbox.lease(id, now, now.plus(LEASE))) {
        outbox.find(id).ifPresent(batch::add);
      }
    }
    if (batch.isEmpty()) {
      return 0;
    }
    throttle(batch.size());
    Map<Long, String> errors = channel.deliver(batch);
    OffsetDateTime done = wallClock();
    for (Notification n : batch) {
      String error = errors.get(n.id());
      if (error == null) {
        outbox.sent(n.id(), done);
      } else {
        int attempts = n.attempts();
        boolean exhausted = attempts >= settings.maxAttempts();
        long wait = Math.min(3600, (long) settings.retryBaseSeconds() << Math.min(attempts - 1, 16));
        outbox.failed(n.id(), error, done.plusSeconds(wait), exhausted);
        if (exhausted) {
          log.error("Mail {} to {} failed {} times and is given up: {}", n.id(), n.recipientEmail(), attempts, error);
        }
      }
    }
    return batch.size();
  }

  /** Reserves send slots for a batch; returns how long to wait before sending it (ns). */
  private synchronized long reserve(int mails) {
    long spacing = (long) (1_000_000_000L / settings.maxPerSecond());
    long now = System.nanoTime();
    long start = Math.max(now, nextSlotNanos);
    nextSlotNanos = start + spacing * mails;
    return start - now;
  }

  /** Retries and leases are technical time: the wall clock, not the engine's (which tests move). */
  static OffsetDateTime wallClock() {
    return OffsetDateTime.now(Notifier.ZONE);
  }

  /** Keeps to duban.mail.max-per-second over time, whatever the batch size. */
  private void throttle(int mails) {
    long wait = reserve(mails);
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

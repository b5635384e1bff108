package org.duban.supervision;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duban.notification.MailKind;
import org.duban.notification.MailSettings;
import org.duban.notification.MailTemplates;
import org.duban.notification.Notifier;
import org.duban.notification.OutgoingMail;
import org.duban.notification.Recipient;
import org.duban.plan.BureauConfig;
import org.duban.plan.DateLabels;
import org.springframework.stereotype.Component;

/** Writes the mails about an item (subject and body in Chinese) and queues them in the outbox. */
@Component
public class ItemMails {
  private final MailTemplates templates;
  private final MailSettings settings;
  private final Notifier notifier;
  private final BureauConfig config;
  private final PlanLookup plans;

  ItemMails(MailTemplates templates, MailSettings settings, Notifier notifier, BureauConfig config, PlanLookup plans) {
    this.plans = plans;
    this.templates = templates;
    this.settings = settings;
    this.notifier = notifier;
    this.config = config;
  }

  /** What one mail says; {@code key} identifies the occasion (alert key, urge day …). */
  public record Occasion(String key, MailKind kind, String subject, String lead, String note) {}

  public void send(SupervisedItem item, Occasion occasion, List<Recipient> to) {
    String stageName = plans.planOf(item.campaignId()).stage(item.stageId()).map(s -> s.name()).orElse("");
    String department = config.organization().departmentName(item.departmentId());
    List<OutgoingMail> mails = to.stream().map(r -> {
      Map<String, Object> model = new HashMap<>();
      model.put("subject", occasion.subject());
      model.put("recipient", r.name());
      model.put("lead", occasion.lead());
      model.put("note", occasion.note());
      model.put("serial", item.serial());
      model.put("title", item.title());
      model.put("stage", stageName);
      model.put("department", department + "（" + item.role().label + "）");
      model.put("dueDate", DateLabels.withWeekday(item.dueDate()));
      model.put("status", item.displayStatus());
      model.put("link", settings.baseUrl() + "/items/" + item.serial());
      model.put("officeContact", settings.officeContact());
      MailTemplates.Body body = templates.render("item", model);
      return new OutgoingMail(occasion.key() + "|" + r.id(), item.serial(), occasion.kind(), r, occasion.subject(),
          body.text(), body.html());
    }).toList();
    notifier.queue(mails);
  }
}

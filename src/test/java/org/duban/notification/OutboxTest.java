package org.duban.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.duban.campaign.CampaignProcess;
import org.duban.supervision.ItemRole;
import org.duban.supervision.SupervisedItem;
import org.duban.support.Http;
import org.duban.support.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without an SMTP server mail is kept, listed for the administrator, and nobody is skipped silently. */
class OutboxTest extends ProcessTest {

  @Test
  void withoutAnSmtpServerMailsAreKeptAndListedForTheAdministrator() {
    String campaignId = startCampaign(TODAY);
    SupervisedItem item = itemsOf(campaignId, CampaignProcess.PREPARATION).get(0);
    assertThat(Http.basic(port, "office", "demo").post("/api/items/" + item.serial() + "/urge", "{}").status()).isEqualTo(200);

    JsonNode list = Http.basic(port, "admin", "demo").get("/api/admin/notifications?item=" + item.serial()).json();
    assertThat(list.path("smtpConfigured").asBoolean()).isFalse();
    assertThat(list.path("notifications").size()).isEqualTo(2);
    list.path("notifications").forEach(n -> {
      assertThat(n.path("status").asText()).isEqualTo("PENDING");
      assertThat(n.path("subject").asText()).isEqualTo("【催办】" + item.title());
    });
    assertThat(Http.basic(port, "head-air", "demo").get("/api/admin/notifications").status()).isEqualTo(403);
  }

  @Test
  void aRecipientWithoutAnAddressIsReportedNotSkipped() {
    String campaignId = startCampaign(TODAY);
    SupervisedItem item = itemsOf(campaignId, CampaignProcess.PREPARATION).stream()
        .filter(i -> i.role() == ItemRole.LEAD).findFirst().orElseThrow();
    User temp = identity.newUser("temp-clerk");
    temp.setFirstName("临时办事员");
    temp.setPassword("x-unused-secret");
    identity.saveUser(temp);
    identity.createMembership("temp-clerk", item.departmentId());
    try {
      Task task = handleTask(item);
      asUser("temp-clerk", () -> tasks.claim(task.getId(), "temp-clerk"));
      assertThat(Http.basic(port, "office", "demo").post("/api/items/" + item.serial() + "/urge", "{}").status()).isEqualTo(200);
      JsonNode rows = Http.basic(port, "admin", "demo").get("/api/admin/notifications?status=NO_ADDRESS").json().path("notifications");
      assertThat(rows.size()).isEqualTo(1);
      assertThat(rows.get(0).path("recipientId").asText()).isEqualTo("temp-clerk");
    } finally {
      identity.deleteUser("temp-clerk");
    }
  }

  @Autowired NotificationRepository outbox;

  @Test
  void aMailWhoseRetriesAreExhaustedIsListedAsFailedAndTheAdministratorCanRetryIt() {
    String campaignId = startCampaign(TODAY);
    SupervisedItem item = itemsOf(campaignId, CampaignProcess.PREPARATION).get(0);
    assertThat(Http.basic(port, "office", "demo").post("/api/items/" + item.serial() + "/urge", "{}").status()).isEqualTo(200);

    // a real SMTP client against a port where nothing listens: the delivery fails for real
    org.springframework.mail.javamail.JavaMailSenderImpl nowhere = new org.springframework.mail.javamail.JavaMailSenderImpl();
    nowhere.setHost("127.0.0.1");
    nowhere.setPort(1);
    MailSettings oneAttempt = new MailSettings("督办系统 <duban@localhost>", "http://localhost", "创建办", 1000, 50, 1, 1, 1);
    OutboxSender sender = new OutboxSender(outbox, new org.springframework.beans.factory.support.StaticListableBeanFactory()
        .getBeanProvider(MailChannel.class), oneAttempt);
    assertThat(sender.deliverDue(new SmtpMailChannel(nowhere, oneAttempt))).isEqualTo(2);

    Http admin = Http.basic(port, "admin", "demo");
    JsonNode failed = admin.get("/api/admin/notifications?status=FAILED").json().path("notifications");
    assertThat(failed.size()).isEqualTo(2);
    assertThat(failed.get(0).path("lastError").asText()).isNotBlank();
    long id = failed.get(0).path("id").asLong();
    assertThat(Http.basic(port, "office", "demo").post("/api/admin/notifications/" + id + "/retry", "").status()).isEqualTo(403);
    assertThat(admin.post("/api/admin/notifications/" + id + "/retry", "").status()).isEqualTo(200);
    assertThat(admin.get("/api/admin/notifications?status=PENDING").json().path("notifications").size()).isEqualTo(1);
    assertThat(admin.post("/api/admin/notifications/" + id + "/retry", "").status()).as("only a failed mail").isEqualTo(400);
  }
}

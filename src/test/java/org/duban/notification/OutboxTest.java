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
}

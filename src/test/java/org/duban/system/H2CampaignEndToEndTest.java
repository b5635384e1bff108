package org.duban.system;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:duban-e2e;DB_CLOSE_DELAY=-1",
    "duban.demo.password=demo",
    "duban.demo.start-campaign=false"})
class H2CampaignEndToEndTest extends CampaignEndToEndTest {}

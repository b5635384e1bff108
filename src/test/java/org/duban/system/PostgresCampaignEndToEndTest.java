package org.duban.system;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

/** The same run on PostgreSQL: `mvn -Ppostgres-tests test` (.ci/run starts the server and makes the database). */
@Tag("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.profiles.active=postgres",
    "spring.datasource.url=${DUBAN_TEST_DB_URL:jdbc:postgresql://localhost:5432/duban_test}",
    "spring.datasource.username=${DUBAN_TEST_DB_USER:duban}",
    "spring.datasource.password=${DUBAN_TEST_DB_PASSWORD:duban}",
    "duban.demo.password=demo",
    "duban.demo.start-campaign=false"})
class PostgresCampaignEndToEndTest extends CampaignEndToEndTest {}

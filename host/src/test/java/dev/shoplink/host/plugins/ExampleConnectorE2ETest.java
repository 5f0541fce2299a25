package dev.shoplink.host.plugins;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.shoplink.host.testing.AdminCalls.keyedBy;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example connector of {@code examples/coffee-market}, built by this reactor, dropped into a running host
 * as docs/writing-a-connector.md tells an author to: it is listed, its form is offered, and an integration
 * created with it synchronizes against a shop answering as the example's API documents.
 */
class ExampleConnectorE2ETest {
    private static final String KEY = "cm_live_0123456789abcdef";

    @TempDir
    Path dir;
    private WireMockServer shop;
    private TestHost host;

    @BeforeEach
    void start() {
        shop = new WireMockServer(options().dynamicPort());
        shop.start();
        Map<String, String> env = TestHost.env(dir, shop.baseUrl());
        env.put("SHOPLINK_COFFEE_MARKET_BASE_URL", shop.baseUrl());
        host = TestHost.start(dir, env, Clock.systemUTC(), true);
    }

    @AfterEach
    void stop() {
        host.close();
        shop.stop();
    }

    @Test
    void theExampleArchiveDroppedIntoARunningHostIsStarted() throws IOException {
        // given
        Path archive = exampleArchive();

        // when
        JsonNode reloaded = dropIn(archive);

        // then
        JsonNode plugin = StreamSupport.stream(reloaded.get("items").spliterator(), false)
                .filter(p -> p.get("path").asText().endsWith(archive.getFileName().toString())).findFirst().orElseThrow();
        assertThatJson(plugin).node("state").isEqualTo("STARTED");
    }

    @Test
    void itsFormIsOfferedWithTheKeyAsASecret() throws IOException {
        // given
        dropIn(exampleArchive());

        // when
        JsonNode connectors = host.get("/api/v1/connectors").json();

        // then
        assertThatJson(keyedBy("id", connectors.get("items"))).when(IGNORING_EXTRA_FIELDS).node("coffee-market.fields[0]")
                .isEqualTo("""
                        {"name": "apiKey", "secret": true}""");
    }

    @Test
    void aKeyNotMatchingItsDescriptorsPatternIsRefusedBeforeAnyCallToTheShop() throws IOException {
        // given
        dropIn(exampleArchive());
        answerAsTheExampleApiDocuments();

        // when
        TestHost.Response malformed = host.post("/api/v1/integrations", form("not-a-coffee-market-key"));

        // then
        assertThat(malformed.status()).isEqualTo(422);
        assertThatJson(malformed.body()).node("errors[0].field").isEqualTo("credentials.apiKey");
        assertThatJson(malformed.body()).node("errors[0].message").asString().contains("cm_live_");
    }

    @Test
    void aKeyTheShopRejectsIsRefused() throws IOException {
        // given
        dropIn(exampleArchive());
        answerAsTheExampleApiDocuments();

        // when
        TestHost.Response rejected = host.post("/api/v1/integrations", form("cm_live_revoked000000000"));

        // then
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(422);
        assertThat(rejected.body()).contains("invalid-credentials");
    }

    @Test
    void anIntegrationCreatedWithItSynchronizes() throws IOException {
        // given
        dropIn(exampleArchive());
        answerAsTheExampleApiDocuments();
        AdminCalls api = new AdminCalls(host);
        long id = api.createIntegration(form(KEY)).get("id").asLong();

        // when
        api.syncAndWait(id, "all");

        // then a finished sync has written its pages: the listings are there without waiting
        List<JsonNode> listings = api.listings(id, "");
        assertThatJson(listings).isArray().hasSize(2);
        assertThatJson(keyedBy("sku", listings)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"ETH-GUJI-250-WB": {"name": "Ethiopia Guji"}, "ETH-GUJI-1KG-ES": {"name": "Ethiopia Guji"}}""");
    }

    /** Copies the archive into the plugins folder as docs/writing-a-connector.md says, and reloads; the answer. */
    private JsonNode dropIn(Path archive) throws IOException {
        Files.copy(archive, host.app().config().pluginsDir().resolve(archive.getFileName()));
        return host.post("/api/v1/plugins/reload", "").json();
    }

    /** The shop knows {@link #KEY} only and has one product of two variants and no orders. */
    private void answerAsTheExampleApiDocuments() {
        Instant created = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        shop.stubFor(get(urlPathEqualTo("/shop")).withHeader("X-Api-Key", equalTo(KEY))
                .willReturn(okJson("{\"name\":\"Example Roastery\"}")));
        shop.stubFor(get(urlPathEqualTo("/shop")).atPriority(9).willReturn(aResponse().withStatus(401)));
        shop.stubFor(get(urlPathEqualTo("/products")).withHeader("X-Api-Key", equalTo(KEY)).willReturn(okJson("""
                {"page": 1, "total_pages": 1, "products": [{"id": "p1", "title": "Ethiopia Guji", "status": "active",
                  "created_at": "%s", "updated_at": "%s", "variants": [
                    {"id": "v1", "sku": "ETH-GUJI-250-WB", "title": "250 g / Whole bean", "price": "14.50"},
                    {"id": "v2", "sku": "ETH-GUJI-1KG-ES", "title": "1 kg / Espresso", "price": "48.00"}]}]}
                """.formatted(created, created))));
        shop.stubFor(get(urlPathEqualTo("/orders")).withHeader("X-Api-Key", equalTo(KEY))
                .willReturn(okJson("{\"page\": 1, \"total_pages\": 1, \"orders\": []}")));
    }

    /** The setup form for the example's connector with that key. */
    private static Map<String, Object> form(String key) {
        return Map.of("connector", "coffee-market", "name", "Example market", "customerType", "RETAIL",
                "shopUrl", "https://market.example.com", "credentials", Map.of("apiKey", key),
                "syncStartDate", LocalDate.now(ZoneOffset.UTC).minusDays(5).toString());
    }

    private static Path exampleArchive() throws IOException {
        // host/pom.xml's example-plugins execution copies it beside the bundled archives' folder
        Path folder = TestHost.builtPlugins().resolveSibling("example-plugins");
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("coffee-market-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no coffee-market archive in " + folder.toAbsolutePath()));
        }
    }
}

package dev.shoplink.host.plugins;

import static dev.shoplink.host.plugins.TestArchives.byId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.PluginApi;
import dev.shoplink.host.plugins.broken.PerShopConnector;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.TestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin API 1.1 beside 1.0, over HTTP against a started host: the bundled ShipStation archive
 * (built with the 1.0 shapes, {@code Plugin-Requires: >=1.0.0 & <2.0.0}) still connects and syncs;
 * an archive requiring 1.1 loads, one requiring 2.0 is refused naming both versions; and a 1.1
 * connector ({@link PerShopConnector}: an API address per shop, a form that describes itself) gets
 * its shop URL and derived API address, its fields checked before it is called, and its rejections
 * pointed at the field it names.
 */
class PluginApiCompatibilityTest {
    private static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    private static final String TOKEN = "tok_a1b2c3d4e5f6";

    @TempDir
    Path dir;

    private ShipStationStub shipStation;
    private TestHost host;
    private AdminCalls api;
    private Path plugins;
    private Path calls;

    @BeforeEach
    void startStub() {
        shipStation = new ShipStationStub();
        calls = dir.resolve("pershop-calls.txt");
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            host.close();
        }
        shipStation.close();
    }

    private void start(Map<String, String> extraEnv) {
        Map<String, String> env = TestHost.env(dir, shipStation.baseUrl());
        env.putAll(extraEnv);
        host = TestHost.start(dir, env, Clock.systemUTC(), true);
        api = new AdminCalls(host);
        plugins = host.app().config().pluginsDir();
    }

    /** Starts the host and drops in the 1.1 connector archive (requiring >=1.1.0). */
    private void startWithPerShop(Map<String, String> extraEnv) {
        start(extraEnv);
        TestArchives.plugin("pershop", "1.1.0").extension(PerShopConnector.class).config("id", "pershop")
                .config("record", calls.toString()).descriptor("plugin.requires", ">=1.1.0 & <2.0.0")
                .write(plugins.resolve("pershop-1.1.0.zip"));
        assertThat(host.post("/api/v1/plugins/reload", "").json().get("started").asInt()).isEqualTo(1);
    }

    @Test
    void theBundledOnePointZeroArchiveStillConnectsAndSyncs() throws IOException {
        Properties bundled = bundledDescriptor();
        assertThat(bundled.getProperty("plugin.requires")).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(PluginApi.VERSION).isEqualTo("1.1.0");
        start(Map.of());

        JsonNode shipstation = connector("shipstation");
        // 1.0 fields, described as 1.1 sees them: secrets, no pattern, no texts
        for (JsonNode field : shipstation.get("fields")) {
            assertThat(field.get("kind").asText()).isEqualTo("SECRET");
            assertThat(field.get("secret").asBoolean()).isTrue();
            assertThat(field.get("pattern").asText()).isEmpty();
            assertThat(field.get("hint").asText()).isEmpty();
            assertThat(field.get("help").asText()).isEmpty();
        }
        assertThat(shipstation.get("fields").findValuesAsText("name")).containsExactly("apiKey", "apiSecret");

        ShipStationStub.Account shop = shipStation.account().products(List.of(
                ShipStationStub.Product.of(701, "SKU-701", "Yirgacheffe", ShipStationStub.pacificNow().minusDays(1))));
        long id = api.createIntegration(shop, START);
        api.syncAndWait(id, "all");
        assertThat(api.listing(id, 701).get("name").asText()).isEqualTo("Yirgacheffe");
        assertThat(api.integration(id).get("status").asText()).isEqualTo("CONNECTED");

        // its rejection names no field: every secret field is pointed at, as in 1.0
        Map<String, Object> wrong = api.integrationBody(shipStation.account(), START);
        wrong.put("credentials", Map.of("apiKey", "not-a-known-key", "apiSecret", "not-a-known-secret"));
        TestHost.Response rejected = host.post("/api/v1/integrations", wrong);
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        assertThat(rejected.json().get("type").asText()).endsWith("/invalid-credentials");
        assertThat(rejected.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("credentials.apiKey", "credentials.apiSecret");
    }

    @Test
    void anArchiveRequiringOnePointOneLoadsAndOneRequiringTwoIsRefusedNamingBothVersions() {
        start(Map.of());
        TestArchives.plugin("pershop", "1.1.0").extension(PerShopConnector.class).config("id", "pershop")
                .descriptor("plugin.requires", ">=1.1.0").write(plugins.resolve("pershop-1.1.0.zip"));
        TestArchives.connector("next", "2.0.0", "next").descriptor("plugin.requires", ">=2.0.0")
                .write(plugins.resolve("next-2.0.0.zip"));
        assertThat(host.post("/api/v1/plugins/reload", "").json().get("started").asInt()).isEqualTo(1);

        JsonNode states = host.get("/api/v1/plugins").json().get("items");
        assertThat(byId(states, "pershop").get("state").asText()).isEqualTo("STARTED");
        assertThat(byId(states, "shipstation").get("state").asText()).isEqualTo("STARTED");
        assertThat(byId(states, "next").get("state").asText()).isEqualTo("FAILED");
        assertThat(byId(states, "next").get("error").asText())
                .startsWith("requires plugin API >=2.0.0 (plugin.requires) but this host provides 1.1.0");
        assertThat(host.get("/api/v1/connectors").json().get("items").findValuesAsText("id"))
                .containsExactlyInAnyOrder("shipstation", "shopify", "pershop");
    }

    @Test
    void aOnePointOneConnectorsFormIsListedAndCheckedFieldByFieldBeforeItIsCalled() throws IOException {
        startWithPerShop(Map.of());
        JsonNode fields = connector("pershop").get("fields");
        assertThat(fields.get(0).get("name").asText()).isEqualTo("accessToken");
        assertThat(fields.get(0).get("kind").asText()).isEqualTo("SECRET");
        assertThat(fields.get(0).get("pattern").asText()).isEqualTo("tok_[a-z0-9]{8,}");
        assertThat(fields.get(0).get("hint").asText()).isEqualTo("tok_1234abcd");
        assertThat(fields.get(0).get("help").asText()).isEqualTo("Create one under Settings › API access.");
        assertThat(fields.get(1).get("kind").asText()).isEqualTo("DOMAIN");
        assertThat(fields.get(1).get("secret").asBoolean()).isFalse();
        assertThat(fields.get(2).get("kind").asText()).isEqualTo("URL");
        assertThat(fields.get(2).get("required").asBoolean()).isFalse();

        // every problem at once: the connector's refusal of the shop URL and the fields' kinds and patterns
        Map<String, Object> bad = form("Bad form", "https://roaster.example.com",
                Map.of("accessToken", "secret-token", "warehouse", "https://roaster.wh.example", "callbackUrl", "hooks"));
        bad.put("syncStartDate", LocalDate.now(ZoneOffset.UTC).plusDays(2).toString());
        TestHost.Response r = host.post("/api/v1/integrations", bad);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("type").asText()).endsWith("/validation");
        assertThat(errors(r)).containsOnlyKeys("shopUrl", "credentials.accessToken", "credentials.warehouse",
                "credentials.callbackUrl", "syncStartDate");
        assertThat(errors(r).get("shopUrl")).isEqualTo("use the shop's myshop.example address, e.g. https://roaster.myshop.example");
        assertThat(errors(r).get("credentials.accessToken")).isEqualTo("must look like tok_1234abcd");
        assertThat(errors(r).get("credentials.warehouse"))
                .isEqualTo("must be a host name such as roaster.wh.example, without https://");
        assertThat(errors(r).get("credentials.callbackUrl")).startsWith("must be an absolute http(s) URL");
        assertThat(r.body()).doesNotContain("secret-token");

        TestHost.Response pattern = host.post("/api/v1/integrations", form("Pattern", "https://roaster.myshop.example",
                Map.of("accessToken", TOKEN, "warehouse", "roaster.elsewhere.example")));
        assertThat(pattern.status()).isEqualTo(422);
        assertThat(errors(pattern)).containsExactly(Map.entry("credentials.warehouse", "must look like roaster.wh.example"));

        TestHost.Response missing = host.post("/api/v1/integrations", form("Missing", "https://roaster.myshop.example",
                Map.of("accessToken", " ", "apiKey", "x")));
        assertThat(errors(missing)).containsOnlyKeys("credentials.accessToken", "credentials.warehouse", "credentials.apiKey");
        assertThat(errors(missing).get("credentials.accessToken")).isEqualTo("is required");
        assertThat(errors(missing).get("credentials.apiKey")).startsWith("is not a field of the PerShop connector");

        assertThat(calls).as("the connector was never asked to check a form the host refused").doesNotExist();
    }

    @Test
    void aOnePointOneConnectorGetsTheShopUrlAndItsAddressAndItsRejectionsNameTheirField() throws IOException {
        startWithPerShop(Map.of());

        TestHost.Response revoked = host.post("/api/v1/integrations", form("Revoked", "https://roaster.myshop.example",
                Map.of("accessToken", "tok_revoked01", "warehouse", "roaster.wh.example")));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(422);
        assertThat(revoked.json().get("type").asText()).endsWith("/invalid-credentials");
        assertThat(errors(revoked)).containsExactly(Map.entry("credentials.accessToken", "this token was revoked"));

        TestHost.Response otherShop = host.post("/api/v1/integrations", form("Other shop", "https://roaster.myshop.example",
                Map.of("accessToken", "tok_othershop1", "warehouse", "roaster.wh.example")));
        assertThat(otherShop.status()).isEqualTo(422);
        assertThat(errors(otherShop)).containsExactly(Map.entry("shopUrl", "this token belongs to another shop"));

        TestHost.Response unnamed = host.post("/api/v1/integrations", form("Unnamed", "https://roaster.myshop.example",
                Map.of("accessToken", "tok_rejected01", "warehouse", "roaster.wh.example")));
        assertThat(unnamed.status()).isEqualTo(422);
        assertThat(errors(unnamed)).containsExactly(Map.entry("credentials.accessToken", "rejected by PerShop"));
        assertThat(host.get("/api/v1/integrations").json().get("total").asInt()).isZero();

        Files.deleteIfExists(calls);
        TestHost.Response created = host.post("/api/v1/integrations", form("Roaster", "https://Roaster.myshop.example/",
                Map.of("accessToken", TOKEN, "warehouse", "Roaster.WH.example", "callbackUrl", "https://hooks.example.com/in")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode credentials = created.json().get("credentials");
        assertThat(credentials.get("accessToken").asText()).isEqualTo("••••e5f6");
        assertThat(credentials.get("warehouse").asText()).isEqualTo("roaster.wh.example");
        assertThat(credentials.get("callbackUrl").asText()).isEqualTo("https://hooks.example.com/in");
        assertThat(created.body()).doesNotContain(TOKEN);
        assertThat(Files.readAllLines(calls, StandardCharsets.UTF_8)).containsExactly(
                "validate shopUrl=https://Roaster.myshop.example/ baseUrl=https://roaster.myshop.example/admin/api"
                        + " credentials=[accessToken, callbackUrl, warehouse]");

        long id = created.json().get("id").asLong();
        Files.delete(calls);
        api.syncAndWait(id, "all");
        assertThat(Files.readAllLines(calls, StandardCharsets.UTF_8)).isNotEmpty().allSatisfy(line -> assertThat(line)
                .contains(" shopUrl=https://Roaster.myshop.example/ baseUrl=https://roaster.myshop.example/admin/api "));

        // a shop URL the connector cannot use is refused; one that moves the API address is checked with the keys
        TestHost.Response refused = host.patch("/api/v1/integrations/" + id, Map.of("shopUrl", "https://roaster.example.org"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(errors(refused)).containsOnlyKeys("shopUrl");
        Files.delete(calls);
        TestHost.Response moved = host.patch("/api/v1/integrations/" + id, Map.of("shopUrl", "https://beans.myshop.example"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(Files.readAllLines(calls, StandardCharsets.UTF_8)).containsExactly(
                "validate shopUrl=https://beans.myshop.example baseUrl=https://beans.myshop.example/admin/api"
                        + " credentials=[accessToken, callbackUrl, warehouse]");
        // a rejected token at the new address changes nothing
        TestHost.Response rotatedBad = host.patch("/api/v1/integrations/" + id, Map.of("credentials",
                Map.of("accessToken", "tok_revoked02")));
        assertThat(errors(rotatedBad)).containsExactly(Map.entry("credentials.accessToken", "this token was revoked"));
        assertThat(api.integration(id).get("shopUrl").asText()).isEqualTo("https://beans.myshop.example");
        assertThat(api.integration(id).get("credentials").get("accessToken").asText()).isEqualTo("••••e5f6");
    }

    @Test
    void theBaseUrlOverrideWinsButTheShopUrlIsStillTheConnectorsToAccept() throws IOException {
        startWithPerShop(Map.of("SHOPLINK_PERSHOP_BASE_URL", "http://127.0.0.1:9/simulator"));
        TestHost.Response refused = host.post("/api/v1/integrations", form("Elsewhere", "https://roaster.example.com",
                Map.of("accessToken", TOKEN, "warehouse", "roaster.wh.example")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(errors(refused)).containsOnlyKeys("shopUrl");

        TestHost.Response created = host.post("/api/v1/integrations", form("Simulated", "https://roaster.myshop.example",
                Map.of("accessToken", TOKEN, "warehouse", "roaster.wh.example")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        api.syncAndWait(created.json().get("id").asLong(), "products");
        assertThat(Files.readAllLines(calls, StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(2).allSatisfy(line ->
                assertThat(line).contains(" shopUrl=https://roaster.myshop.example baseUrl=http://127.0.0.1:9/simulator "));
    }

    private static Map<String, Object> form(String name, String shopUrl, Map<String, String> credentials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", "pershop");
        body.put("name", name);
        body.put("customerType", "WHOLESALE");
        body.put("shopUrl", shopUrl);
        body.put("credentials", credentials);
        body.put("syncStartDate", START.toString());
        return body;
    }

    private static Map<String, String> errors(TestHost.Response r) {
        Map<String, String> out = new LinkedHashMap<>();
        r.json().path("errors").forEach(e -> out.put(e.get("field").asText(), e.get("message").asText()));
        return out;
    }

    private JsonNode connector(String id) {
        return byId(host.get("/api/v1/connectors").json().get("items"), id);
    }

    /** The bundled ShipStation archive's plugin.properties. */
    private static Properties bundledDescriptor() throws IOException {
        try (ZipFile zip = new ZipFile(TestArchives.bundledShipStation().toFile())) {
            Properties p = new Properties();
            p.load(zip.getInputStream(zip.getEntry("plugin.properties")));
            return p;
        }
    }
}

package dev.shoplink.host.plugins;

import static dev.shoplink.host.plugins.TestArchives.bundledShipStation;
import static dev.shoplink.host.plugins.TestArchives.byFile;
import static dev.shoplink.host.plugins.TestArchives.byId;
import static dev.shoplink.host.plugins.TestArchives.versionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.Shoplink;
import dev.shoplink.host.plugins.broken.ConfiguredConnector;
import dev.shoplink.host.plugins.broken.NotAConnector;
import dev.shoplink.host.plugins.broken.ThrowingConstructorPlugin;
import dev.shoplink.host.plugins.broken.ThrowingDescriptorConnector;
import dev.shoplink.host.plugins.broken.ThrowingStartPlugin;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.LogLines;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.TestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile plugin archives, each a real zip built at test time, dropped into the
 * plugins folder of a started host beside the bundled ShipStation archive. Every check reads the
 * state and reason over the admin API ({@code GET /api/v1/plugins}); the bundled archive stays
 * {@code STARTED} throughout.
 */
class BrokenPluginsTest {
    private static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    private static final String KEY = "key-7f3a-plugin-test";
    private static final String SECRET = "secret-91c4-plugin-test";

    @TempDir
    Path dir;

    private ShipStationStub shipStation;
    private TestHost host;
    private AdminCalls api;
    private Path plugins;

    @BeforeEach
    void startStub() {
        shipStation = new ShipStationStub();
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

    private void restart() {
        host.close();
        host = null;
        start(Map.of());
    }

    @Test
    void everyBrokenArchiveIsFailedWithASentenceAndTheOthersKeepServing() throws IOException {
        start(Map.of());
        Files.write(plugins.resolve("corrupt.zip"), "PK\u0003\u0004 this zip stops here".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(plugins.resolve("empty.zip"), new byte[0]);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(plugins.resolve("no-descriptor.zip")))) {
            zip.putNextEntry(new ZipEntry("classes/readme.txt"));
            zip.write("no plugin.properties, no manifest".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        TestArchives.connector("future", "1.0.0", "future").descriptor("plugin.requires", ">=2.0.0 & <3.0.0")
                .write(plugins.resolve("future-1.0.0.zip"));
        TestArchives.connector("missing-class", "1.0.0", "missing-class")
                .descriptor("plugin.class", "dev.shoplink.host.plugins.broken.NoSuchPlugin")
                .write(plugins.resolve("missing-class-1.0.0.zip"));
        TestArchives.connector("throwing-constructor", "1.0.0", "throwing-constructor")
                .descriptor("plugin.class", ThrowingConstructorPlugin.class.getName())
                .write(plugins.resolve("throwing-constructor-1.0.0.zip"));
        TestArchives.connector("throwing-start", "1.0.0", "throwing-start")
                .descriptor("plugin.class", ThrowingStartPlugin.class.getName())
                .write(plugins.resolve("throwing-start-1.0.0.zip"));
        TestArchives.plugin("throwing-descriptor", "1.0.0").extension(ThrowingDescriptorConnector.class)
                .write(plugins.resolve("throwing-descriptor-1.0.0.zip"));
        TestArchives.plugin("no-connector", "1.0.0").extension(NotAConnector.class)
                .write(plugins.resolve("no-connector-1.0.0.zip"));
        // names a connector the archive does not contain, but the host's own class path does
        TestArchives.connector("borrowed", "1.0.0", "borrowed").withoutClasses().write(plugins.resolve("borrowed-1.0.0.zip"));
        // one healthy newcomer, without a Plugin-Class (PF4J's own default), is started beside them
        TestArchives.connector("working", "1.0.0", "working").descriptor("plugin.class", null)
                .write(plugins.resolve("working-1.0.0.zip"));

        JsonNode reload = host.post("/api/v1/plugins/reload", "").json();
        assertThat(reload.get("started").asInt()).isEqualTo(1);
        JsonNode states = host.get("/api/v1/plugins").json().get("items");
        assertThat(states).hasSize(13); // the two bundled plugins (ShipStation, Shopify) and eleven test archives

        assertFailed(states, "corrupt", "the file is not a readable zip/jar archive");
        assertFailed(states, "empty", "the file is empty (0 bytes), so it is not a plugin archive");
        assertFailed(states, "no-descriptor", "no plugin descriptor: the archive has no plugin.properties and no Plugin-Id");
        assertFailed(states, "future", "requires plugin API >=2.0.0 & <3.0.0 (plugin.requires) but this host provides 1.1.0;"
                + " install a build of the plugin made for plugin API 1.x");
        assertFailed(states, "missing-class",
                "its plugin class dev.shoplink.host.plugins.broken.NoSuchPlugin (Plugin-Class / plugin.class) is not in the archive");
        assertFailed(states, "throwing-constructor", "the constructor of its plugin class "
                + ThrowingConstructorPlugin.class.getName() + " failed: the licence file is missing");
        assertFailed(states, "throwing-start", "its plugin class " + ThrowingStartPlugin.class.getName()
                + " failed to start: the connection pool could not be opened");
        assertFailed(states, "throwing-descriptor", "descriptor() of its connector class "
                + ThrowingDescriptorConnector.class.getName() + " failed: the descriptor table was not initialised");
        assertFailed(states, "no-connector", "it provides no ShopConnector extension");
        assertFailed(states, "borrowed", "its connector class " + ConfiguredConnector.class.getName()
                + " is not in the archive (it was found on the host's class path)");
        for (JsonNode item : states) {
            if (item.get("state").asText().equals("FAILED")) {
                assertThat(item.get("error").asText()).as(item.get("id").asText())
                        .doesNotContain("NullPointerException").doesNotContain("Exception:").contains(" ");
            }
        }

        assertThat(byId(states, "working").get("state").asText()).isEqualTo("STARTED");
        assertThat(byId(states, "working").get("error").isNull()).isTrue();
        assertThat(byId(states, "shipstation").get("state").asText()).isEqualTo("STARTED");
        assertThat(host.get("/api/v1/connectors").json().get("items").findValuesAsText("id"))
                .containsExactly("shipstation", "shopify", "working");

        // a rescan reads only new archives: the same states again
        assertThat(host.post("/api/v1/plugins/reload", "").json().get("started").asInt()).isZero();
        assertThat(host.get("/api/v1/plugins").json().get("items")).isEqualTo(states);
    }

    @Test
    void ofTwoArchivesOfOnePluginTheHigherVersionIsUsedWhateverTheirFileNames() {
        start(Map.of());
        // twin-a: the file name that sorts first has the lower version; twin-b: the other way round
        TestArchives.connector("twin-a", "1.0.0", "twin-a").write(plugins.resolve("a-twin-a-1.0.0.zip"));
        TestArchives.connector("twin-a", "2.0.0", "twin-a").write(plugins.resolve("b-twin-a-2.0.0.zip"));
        TestArchives.connector("twin-b", "2.0.0", "twin-b").write(plugins.resolve("a-twin-b-2.0.0.zip"));
        TestArchives.connector("twin-b", "1.0.0", "twin-b").write(plugins.resolve("b-twin-b-1.0.0.zip"));
        // the same version twice, nothing running: ambiguous, neither is started
        TestArchives.connector("twin-c", "1.0.0", "twin-c").write(plugins.resolve("a-twin-c.zip"));
        TestArchives.connector("twin-c", "1.0.0", "twin-c").write(plugins.resolve("b-twin-c.zip"));

        JsonNode reload = host.post("/api/v1/plugins/reload", "").json();
        assertThat(reload.get("started").asInt()).isEqualTo(2);
        JsonNode states = host.get("/api/v1/plugins").json().get("items");
        for (String twin : List.of("twin-a", "twin-b")) {
            assertThat(state(states, twin, "2.0.0")).isEqualTo("STARTED");
            assertThat(state(states, twin, "1.0.0")).isEqualTo("REPLACED");
            assertThat(error(states, twin, "1.0.0")).startsWith("replaced by version 2.0.0 of plugin '" + twin + "' (")
                    .contains("the highest version that starts is used");
        }
        for (String file : List.of("a-twin-c.zip", "b-twin-c.zip")) {
            JsonNode c = byFile(states, file);
            assertThat(c.get("state").asText()).isEqualTo("FAILED");
            assertThat(c.get("error").asText()).isEqualTo("plugin 'twin-c' version 1.0.0 is in 2 archives (a-twin-c.zip,"
                    + " b-twin-c.zip); which one to run is ambiguous, so none of them was started: remove all but one");
        }
        assertThat(connectorVersions()).containsExactly(Map.entry("shipstation", "shipstation"), Map.entry("shopify", "shopify"),
                Map.entry("twin-a", "2.0.0"), Map.entry("twin-b", "2.0.0"));

        // beside a running plugin: the same version fails, a lower one is replaced ...
        TestArchives.connector("twin-a", "2.0.0", "twin-a").write(plugins.resolve("0-twin-a-2.0.0-copy.zip"));
        TestArchives.connector("twin-a", "0.5.0", "twin-a").write(plugins.resolve("z-twin-a-0.5.0.zip"));
        assertThat(host.post("/api/v1/plugins/reload", "").json().get("started").asInt()).isZero();
        states = host.get("/api/v1/plugins").json().get("items");
        JsonNode copy = byFile(states, "0-twin-a-2.0.0-copy.zip");
        assertThat(copy.get("state").asText()).isEqualTo("FAILED");
        assertThat(copy.get("error").asText()).isEqualTo("plugin 'twin-a' version 2.0.0 is already running from"
                + " b-twin-a-2.0.0.zip; a second archive with the same plugin id and version is not loaded: remove one of the two");
        JsonNode older = byFile(states, "z-twin-a-0.5.0.zip");
        assertThat(older.get("state").asText()).isEqualTo("REPLACED");
        assertThat(older.get("error").asText())
                .isEqualTo("replaced by version 2.0.0 of plugin 'twin-a' (b-twin-a-2.0.0.zip), which is newer and running");
        assertThat(byFile(states, "b-twin-a-2.0.0.zip").get("state").asText()).isEqualTo("STARTED");

        // ... and a higher one replaces it at once, without a restart
        TestArchives.connector("twin-a", "3.0.0", "twin-a").write(plugins.resolve("0-twin-a-3.0.0.zip"));
        assertThat(host.post("/api/v1/plugins/reload", "").json().get("started").asInt()).isEqualTo(1);
        assertEveryOtherTwinAReplacedBy300();
        assertThat(connectorVersions()).containsEntry("twin-a", "3.0.0");

        // after a restart the same: the highest version runs, every other archive of twin-a says which one replaced it
        restart();
        states = assertEveryOtherTwinAReplacedBy300();
        assertThat(byId(states, "shipstation").get("state").asText()).isEqualTo("STARTED");
        assertThat(connectorVersions()).containsEntry("twin-a", "3.0.0").containsEntry("shipstation", "shipstation");
    }

    private JsonNode assertEveryOtherTwinAReplacedBy300() {
        JsonNode states = host.get("/api/v1/plugins").json().get("items");
        assertThat(byFile(states, "0-twin-a-3.0.0.zip").get("state").asText()).isEqualTo("STARTED");
        for (String file : List.of("a-twin-a-1.0.0.zip", "b-twin-a-2.0.0.zip", "0-twin-a-2.0.0-copy.zip", "z-twin-a-0.5.0.zip")) {
            assertThat(byFile(states, file).get("state").asText()).as(file).isEqualTo("REPLACED");
            assertThat(byFile(states, file).get("error").asText()).as(file)
                    .startsWith("replaced by version 3.0.0 of plugin 'twin-a' (0-twin-a-3.0.0.zip)");
        }
        return states;
    }

    @Test
    void anArchiveClaimingShipStationNeverTakesOverTheIntegrationOrSeesItsCredentials() throws IOException {
        start(Map.of());
        ShipStationStub.Account shop = shipStation.account().products(List.of(
                ShipStationStub.Product.of(901, "SKU-901", "Guji natural", ShipStationStub.pacificNow().minusDays(1))));
        long integration = api.createIntegration(shop, START);
        api.syncAndWait(integration, "products");

        Path seen = dir.resolve("impostor-calls.txt");
        String real = versionOf(bundledShipStation());
        // written aside, dated a minute back and moved in together, so that the reload's first look finds them all settled:
        // one scan (written straight into the folder, a slow machine could let the first ones settle a look earlier)
        Path staging = Files.createDirectories(dir.resolve("staging"));
        // a plugin of its own offering the connector id 'shipstation', whichever way its file name sorts
        TestArchives.connector("impostor", "1.0.0", "shipstation").config("record", seen.toString())
                .write(staging.resolve("0-impostor.zip"));
        TestArchives.connector("impostor-z", "1.0.0", "shipstation").config("record", seen.toString())
                .write(staging.resolve("zz-impostor.zip"));
        // archives with the plugin id 'shipstation' itself: older and the same version as the bundled one (a newer one
        // is an upgrade: the plugins folder is trusted code, see LivePluginsE2ETest)
        TestArchives.connector("shipstation", "0.1.0", "shipstation").config("record", seen.toString())
                .write(staging.resolve("0-shipstation-0.1.0.zip"));
        TestArchives.connector("shipstation", real, "shipstation").config("record", seen.toString())
                .write(staging.resolve("shipstation-copy.zip"));
        // two newcomers of one scan offering one free id: the plugin named like the connector keeps it ...
        TestArchives.connector("owned", "1.0.0", "owned").write(staging.resolve("z-owned.zip"));
        TestArchives.connector("squatter", "1.0.0", "owned").write(staging.resolve("a-squatter.zip"));
        // ... and without such a plugin neither gets it
        TestArchives.connector("left", "1.0.0", "contested").write(staging.resolve("left.zip"));
        TestArchives.connector("right", "1.0.0", "contested").write(staging.resolve("right.zip"));
        try (var staged = Files.list(staging)) {
            for (Path archive : staged.toList()) {
                Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
                Files.move(archive, plugins.resolve(archive.getFileName()));
            }
        }

        assertThat(host.post("/api/v1/plugins/reload", "").json().get("started").asInt()).isEqualTo(1);
        JsonNode states = host.get("/api/v1/plugins").json().get("items");
        String taken = "offers connector 'shipstation', which plugin 'shipstation' " + real + " already provides; a connector"
                + " id belongs to one plugin, so this plugin was not started and is never handed that connector's integrations";
        assertFailed(states, "impostor", taken);
        assertFailed(states, "impostor-z", taken);
        assertThat(byFile(states, "0-shipstation-0.1.0.zip").get("state").asText()).isEqualTo("REPLACED");
        assertThat(byFile(states, "shipstation-copy.zip").get("state").asText()).isEqualTo("FAILED");
        assertThat(byFile(states, "shipstation-copy.zip").get("error").asText())
                .startsWith("plugin 'shipstation' version " + real + " is already running from shipstation-");
        assertThat(state(states, "owned", "1.0.0")).isEqualTo("STARTED");
        assertFailed(states, "squatter", "offers connector 'owned', which plugin 'owned' offers too; the plugin whose id is"
                + " the connector id keeps it, so this plugin was not started");
        assertFailed(states, "left", "offers connector 'contested', which plugin 'right' offers too in the same scan; which"
                + " one should serve it is ambiguous, so none of them was started");
        assertFailed(states, "right", "offers connector 'contested', which plugin 'left' offers too in the same scan");
        assertThat(byFile(states, "shipstation-" + real + ".zip").get("state").asText()).isEqualTo("STARTED");
        assertThat(connectorVersions()).containsExactly(Map.entry("owned", "owned"), Map.entry("shipstation", "shipstation"),
                Map.entry("shopify", "shopify"));

        // the existing integration still syncs through the real plugin, and a new one is checked by it
        shop.products(List.of(
                ShipStationStub.Product.of(901, "SKU-901", "Guji natural", ShipStationStub.pacificNow().minusDays(1)),
                ShipStationStub.Product.of(902, "SKU-902", "Kenya AA", ShipStationStub.pacificNow().minusDays(1))));
        api.syncAndWait(integration, "all");
        assertThat(api.listing(integration, 902).get("name").asText()).isEqualTo("Kenya AA");
        api.createIntegration(shipStation.account(), START);
        assertThat(seen).as("no impostor was ever called").doesNotExist();
    }

    @Test
    void aHangingConnectorEndsItsSyncWithTheTimeoutWhileOtherSyncsRun() {
        start(Map.of("SHOPLINK_SYNC_MAX_ATTEMPTS", "2"));
        TestArchives.connector("sleepy", "1.0.0", "sleepy").config("name", "Sleepy").config("hang", "listings")
                .write(plugins.resolve("sleepy-1.0.0.zip"));
        TestArchives.connector("deaf", "1.0.0", "deaf").config("hang", "validate").write(plugins.resolve("deaf-1.0.0.zip"));
        assertThat(host.post("/api/v1/plugins/reload", "").json().get("started").asInt()).isEqualTo(2);
        ShipStationStub.Account shop = shipStation.account().products(List.of(
                ShipStationStub.Product.of(911, "SKU-911", "Sidamo", ShipStationStub.pacificNow().minusDays(1))));
        long other = api.createIntegration(shop, START);
        // the first calls into the ShipStation plugin load its classes: done before the time limit is cut for the test
        api.syncAndWait(other, "products");
        pluginHost().callTimeout(Duration.ofSeconds(2));

        long sleepy = api.createIntegration(form("sleepy", "Sleepy store")).get("id").asLong();
        long sleepySync = api.startSync(sleepy, "products");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.sync(sleepySync).get("state").asText().equals("RUNNING"));

        // while the sleepy connector hangs, ShipStation syncs and the API answers
        api.syncAndWait(other, "products");
        assertThat(host.anonymous("GET", "/health/ready").json().get("status").asText()).isEqualTo("UP");

        JsonNode done = api.awaitFinished(sleepySync);
        assertThat(done.get("state").asText()).isEqualTo("FAILED");
        assertThat(done.get("error").asText()).isEqualTo("Sleepy unavailable: the sleepy connector did not answer within 2 s"
                + " (gave up after 2 attempts)");
        assertThat(api.integration(sleepy).get("status").asText()).isEqualTo("ERROR");

        // the credential check of a connector that hangs answers 502 with the same reason
        TestHost.Response check = host.post("/api/v1/integrations", form("deaf", "Deaf store"));
        assertThat(check.status()).isEqualTo(502);
        assertThat(check.json().get("detail").asText()).contains("the deaf connector did not answer within 2 s");

        JsonNode states = host.get("/api/v1/plugins").json().get("items");
        assertThat(state(states, "sleepy", "1.0.0")).isEqualTo("STARTED");
        assertThat(byId(states, "shipstation").get("state").asText()).isEqualTo("STARTED");
    }

    @Test
    void aConnectorsOwnExceptionFailsTheSyncWithItsMessageButNoSecret() {
        start(Map.of());
        TestArchives.connector("leaky", "1.0.0", "leaky").config("name", "Leaky").config("fail", "listings")
                .write(plugins.resolve("leaky-1.0.0.zip"));
        TestArchives.connector("leaky-check", "1.0.0", "leaky-check").config("fail", "validate")
                .write(plugins.resolve("leaky-check-1.0.0.zip"));
        assertThat(host.post("/api/v1/plugins/reload", "").json().get("started").asInt()).isEqualTo(2);

        // every logger logs everything here, so a secret in any line at any level would show
        long leaky;
        JsonNode done;
        TestHost.Response check;
        List<ILoggingEvent> captured;
        try (LogLines log = LogLines.all(Level.ALL)) {
            leaky = api.createIntegration(form("leaky", "Leaky store")).get("id").asLong();
            done = api.awaitFinished(api.startSync(leaky, "products"));
            check = host.post("/api/v1/integrations", form("leaky-check", "Leaky check"));
            captured = log.events();
        }
        assertThat(captured).as("something was logged").isNotEmpty();
        for (var event : captured) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getMessage());
            }
            assertThat(text.toString()).as(event.getLoggerName()).doesNotContain(SECRET).doesNotContain(KEY);
        }

        assertThat(done.get("state").asText()).isEqualTo("FAILED");
        assertThat(done.get("error").asText())
                .isEqualTo("the leaky connector failed: the shop refused key *** with secret *** (listings)");
        JsonNode integration = api.integration(leaky);
        assertThat(integration.get("status").asText()).isEqualTo("ERROR");
        assertThat(integration.get("statusDetail").asText()).isEqualTo(done.get("error").asText());

        assertThat(check.status()).isEqualTo(502);
        assertThat(check.json().get("type").asText()).endsWith("/connector-failed");
        assertThat(check.json().get("detail").asText())
                .contains("the leaky-check connector failed: the shop refused key *** with secret *** (validate)");

        assertThat(check.body()).doesNotContain(KEY).doesNotContain(SECRET);
        assertThat(host.get("/api/v1/syncs/" + done.get("syncId").asLong()).body()).doesNotContain(KEY).doesNotContain(SECRET);
        // the form's API key is not a secret field (the view shows it), the secret is masked
        assertThat(host.get("/api/v1/integrations/" + leaky).body()).doesNotContain(SECRET);
        assertThat(byId(host.get("/api/v1/plugins").json().get("items"), "shipstation").get("state").asText())
                .isEqualTo("STARTED");
    }

    private Map<String, Object> form(String connector, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", connector);
        body.put("name", name);
        body.put("customerType", "RETAIL");
        body.put("shopUrl", "https://" + connector + ".example.com");
        body.put("credentials", Map.of("apiKey", KEY, "apiSecret", SECRET));
        body.put("syncStartDate", START.toString());
        return body;
    }

    /**
     * The running host's plugin host: the test cuts its call timeout only once the ShipStation plugin's classes
     * are loaded ({@code SHOPLINK_CONNECTOR_TIMEOUT_SECONDS} would cut those first, slow calls too).
     */
    private PluginHost pluginHost() {
        try {
            var field = Shoplink.class.getDeclaredField("plugins");
            field.setAccessible(true);
            return (PluginHost) field.get(host.app());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connector id → plugin id for the bundled one, plugin version for the others. */
    private Map<String, String> connectorVersions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode c : host.get("/api/v1/connectors").json().get("items")) {
            String id = c.get("id").asText();
            out.put(id, id.equals("shipstation") || id.equals("shopify") || id.equals("owned") ? c.get("pluginId").asText() : c.get("version").asText());
        }
        return out;
    }

    private static void assertFailed(JsonNode states, String id, String reason) {
        JsonNode item = byId(states, id);
        assertThat(item.get("state").asText()).as("%s", item).isEqualTo("FAILED");
        assertThat(item.get("error").asText()).as("%s", item).startsWith(reason);
    }

    private static String state(JsonNode states, String id, String version) {
        return byVersion(states, id, version).get("state").asText();
    }

    private static String error(JsonNode states, String id, String version) {
        return byVersion(states, id, version).get("error").asText();
    }

    private static JsonNode byVersion(JsonNode states, String id, String version) {
        for (JsonNode item : states) {
            if (item.get("id").asText().equals(id) && item.get("version").asText().equals(version)) {
                return item;
            }
        }
        throw new AssertionError("no plugin " + id + " " + version + " in " + states);
    }
}

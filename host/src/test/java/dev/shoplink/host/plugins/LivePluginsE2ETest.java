package dev.shoplink.host.plugins;

import static dev.shoplink.host.plugins.TestArchives.bundledShipStation;
import static dev.shoplink.host.plugins.TestArchives.byId;
import static dev.shoplink.host.plugins.TestArchives.versionOf;
import static dev.shoplink.host.plugins.TestArchives.withVersion;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.LogLines;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.TestHost;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connector archives added, upgraded and removed while the real host runs and watches its plugins
 * folder. The fallback scan runs only every 60 s, longer than any wait here, so whatever a test sees
 * happen within seconds is the watch service's doing. Archives are real zips: the
 * bundled ShipStation archive from the build (and a copy of it with a higher version) and test
 * archives from {@link TestArchives}. Everything is checked over the admin API.
 */
class LivePluginsE2ETest {
    private static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);

    @TempDir
    Path dir;

    private ShipStationStub shipStation;
    private TestHost host;
    private AdminCalls api;
    private Path plugins;
    private Path staging;

    @BeforeEach
    void start() throws IOException {
        shipStation = new ShipStationStub();
        Map<String, String> env = TestHost.env(dir, shipStation.baseUrl());
        env.put("SHOPLINK_PLUGIN_SCAN_SECONDS", "60");
        host = TestHost.start(dir, env, Clock.systemUTC(), true);
        api = new AdminCalls(host);
        plugins = host.app().config().pluginsDir();
        staging = Files.createDirectories(dir.resolve("staging"));
    }

    @AfterEach
    void stop() {
        host.close();
        shipStation.close();
    }

    @Test
    void archivesCopiedInAreListedWithinSeconds() throws Exception {
        // given 20 archives, each copied into the folder like an admin would (cp), timed until GET /plugins lists it started
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            Path archive = TestArchives.connector("drop-" + i, "1.0.0", "drop-" + i).write(staging.resolve("drop-" + i + ".zip"));
            long t0 = System.nanoTime();
            Files.copy(archive, plugins.resolve(archive.getFileName()));
            String file = archive.getFileName().toString();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> state(file).filter("STARTED"::equals).isPresent());
            millis.add((System.nanoTime() - t0) / 1_000_000);
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("drop-to-listed over %d drops: min %d ms, median %d ms, max %d ms (all: %s)%n", sorted.length,
                sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1], millis);

        // when
        JsonNode connectors = host.get("/api/v1/connectors").json();

        // then
        assertThatJson(connectors).inPath("$.items[*].id").isArray().contains("drop-1", "drop-20");
    }

    @Test
    void anArchiveStillBeingWrittenIsNeverLoaded() throws Exception {
        // given a copy that takes 3 s (15 chunks, 200 ms apart)
        byte[] bytes = Files.readAllBytes(TestArchives.connector("slow", "1.0.0", "slow").write(staging.resolve("slow.zip")));
        Path target = plugins.resolve("slow.zip");
        int chunk = bytes.length / 15 + 1;

        // when it is written, then it is not listed, let alone loaded, before its last byte
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int offset = 0; offset < bytes.length; offset += chunk) {
                out.write(bytes, offset, Math.min(chunk, bytes.length - offset));
                out.flush();
                long until = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < until) {
                    assertThat(state("slow.zip")).as("listed while still being written").isEmpty();
                    Thread.sleep(20);
                }
            }
        }

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> state("slow.zip").isPresent());
        assertThat(state("slow.zip")).contains("STARTED");
    }

    @Test
    void reloadLoadsAnArchiveWrittenJustNow() throws IOException {
        // given an archive written just now: the reload waits for the file to settle, then reads it
        TestArchives.connector("reloaded", "1.0.0", "reloaded").write(plugins.resolve("reloaded-1.0.0.zip"));

        // when
        JsonNode reload = reload();

        // then the folder watch may be the one that starts it (it shares the settle wait); the reload counts it all the same
        assertThatJson(reload).node("started").isEqualTo(1);
        assertThatJson(byFileName(reload)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"reloaded-1.0.0.zip": {"state": "STARTED", "version": "1.0.0"}}""");
    }

    @Test
    void reloadRefusesAnArchiveForAnotherPluginApiMajorNamingBothVersions() throws IOException {
        // given
        TestArchives.connector("next-api", "1.0.0", "next-api").descriptor("plugin.requires", ">=2.0.0 & <3.0.0")
                .write(plugins.resolve("next-api-1.0.0.zip"));

        // when
        JsonNode reload = reload();

        // then
        assertThatJson(byFileName(reload)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"next-api-1.0.0.zip": {"state": "FAILED", "error": "requires plugin API >=2.0.0 & <3.0.0 (plugin.requires) \
                but this host provides 1.1.0; install a build of the plugin made for plugin API 1.x"}}""");
    }

    @Test
    void aHigherVersionOfARunningPluginReplacesItAndTheOtherArchiveSaysWhy() throws IOException {
        // given
        TestArchives.connector("reloaded", "1.0.0", "reloaded").write(plugins.resolve("reloaded-1.0.0.zip"));
        reload();
        TestArchives.connector("reloaded", "1.1.0", "reloaded").write(plugins.resolve("reloaded-1.1.0.zip"));

        // when
        JsonNode upgraded = reload();

        // then
        Map<String, JsonNode> archives = byFileName(upgraded);
        assertThatJson(archives).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"reloaded-1.1.0.zip": {"state": "STARTED"}, "reloaded-1.0.0.zip": {"state": "REPLACED"}}""");
        assertThatJson(archives).inPath("$['reloaded-1.0.0.zip'].error").asString()
                .startsWith("replaced by version 1.1.0 of plugin 'reloaded' (reloaded-1.1.0.zip)");
        assertThatJson(connector("reloaded")).node("version").isEqualTo("1.1.0");
    }

    @Test
    void aNewerBuildCopiedOverTheRunningArchiveReplacesThePluginFromTheSameFile() throws IOException {
        // given
        TestArchives.connector("reloaded", "1.1.0", "reloaded").write(plugins.resolve("reloaded-1.1.0.zip"));
        reload();
        Path build = TestArchives.connector("reloaded", "1.2.0", "reloaded").write(staging.resolve("reloaded-build.zip"));

        // when
        Files.copy(build, plugins.resolve("reloaded-1.1.0.zip"), StandardCopyOption.REPLACE_EXISTING);
        JsonNode overwritten = reload();

        // then
        assertThatJson(byFileName(overwritten)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"reloaded-1.1.0.zip": {"state": "STARTED", "version": "1.2.0"}}""");
        assertThatJson(connector("reloaded")).node("version").isEqualTo("1.2.0");
    }

    @Test
    void upgradingTheShipStationArchiveDuringASyncFinishesTheSyncOnTheNewVersion() throws Exception {
        // given 12 product pages, each answered after 500 ms: the sync is mid-way when the archive is replaced (the
        // delay is set before the pages are served: it applies to the answers registered after it)
        int pages = 12;
        List<List<ShipStationStub.Product>> catalog = IntStream.rangeClosed(1, pages).mapToObj(p -> IntStream.rangeClosed(1, 5)
                .mapToObj(i -> ShipStationStub.Product.of(p * 100L + i, "SKU-" + p + "-" + i, "Coffee " + p + "." + i,
                        ShipStationStub.pacificNow().minusDays(1))).toList()).toList();
        @SuppressWarnings("unchecked")
        ShipStationStub.Account shop = shipStation.account().delayed(500).products(catalog.toArray(new List[0]));
        long integration = api.createIntegration(shop, START);
        Path old = bundledShipStation();
        String oldVersion = versionOf(old);
        Path newer = withVersion(old, "9.0.0", staging.resolve("shipstation-9.0.0.zip"));
        long sync = api.startSync(integration, "products");

        // when
        int pagesBefore;
        List<ILoggingEvent> logged;
        // the host logs how long it held the connector's calls: the pause is read from that line
        try (LogLines log = LogLines.of(RunningPlugins.class, Level.INFO)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> shop.requests("/products").size() >= 3);
            // "rm the old one, cp the new one": one upgrade
            Files.delete(plugins.resolve(old.getFileName()));
            Files.copy(newer, plugins.resolve("shipstation-9.0.0.zip"));
            await().atMost(Duration.ofSeconds(20)).until(() -> connector("shipstation").get("version").asText().equals("9.0.0"));
            pagesBefore = shop.requests("/products").size();
            logged = log.events();
        }
        JsonNode done = api.awaitFinished(sync);

        // then one pause, of the ShipStation connector, logged before the new version was served
        List<ILoggingEvent> pauses = logged.stream()
                .filter(e -> e.getMessage().startsWith("connectors {} were paused for {} ms")).toList();
        assertThat(pauses).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .startsWith("connectors [shipstation] were paused for ");
        long paused = ((Number) pauses.get(0).getArgumentArray()[1]).longValue();
        assertThatJson(done).node("state").isEqualTo("SUCCEEDED");
        System.out.printf("upgrade %s -> 9.0.0 during a sync: connector calls paused for %d ms, %d of %d pages fetched"
                + " before%n", oldVersion, paused, pagesBefore, pages);
        assertThat(pagesBefore).as("the upgrade happened mid-way").isLessThan(pages);
        // every page fetched exactly once: nothing lost, nothing fetched again after the swap
        for (int page = 1; page <= pages; page++) {
            assertThat(shop.requests("/products", page)).as("page " + page).hasSize(1);
        }
        assertThatJson(api.integration(integration)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"status": "CONNECTED", "counts": {"listingsNew": %d}}""".formatted(pages * 5));
        // the pages after the swap were fetched by the new version: its calls, counted by the host's guard
        Map<String, JsonNode> archives = byFileName(host.get("/api/v1/plugins").json());
        assertThatJson(archives).inPath("$['shipstation-9.0.0.zip'].state").isEqualTo("STARTED");
        assertThatJson(archives).inPath("$['shipstation-9.0.0.zip'].calls").asNumber()
                .isGreaterThanOrEqualTo(BigDecimal.valueOf(pages - pagesBefore));
        assertThat(archives.keySet()).noneMatch(f -> f.endsWith(old.getFileName().toString()));
        assertThat(host.app().plugins().plugins().stream().filter(p -> p.id().equals("shipstation"))).hasSize(1);
    }

    /** An integration and the shop behind it. */
    private record Integration(long id, ShipStationStub.Account shop) {
    }

    /** An integration with two listings synced, whose connector's archive is then removed; waits until it is missing. */
    private Integration ofARemovedConnector() throws IOException {
        ShipStationStub.Account shop = shipStation.account().products(List.of(
                ShipStationStub.Product.of(501, "SKU-501", "Yirgacheffe", ShipStationStub.pacificNow().minusDays(1)),
                ShipStationStub.Product.of(502, "SKU-502", "Huila", ShipStationStub.pacificNow().minusDays(1))));
        long integration = api.createIntegration(shop, START);
        api.syncAndWait(integration, "products");
        Path archive = shipStationArchive();
        Files.copy(archive, staging.resolve("shipstation-backup.zip"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.delete(archive);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.integration(integration).get("status").asText().equals("CONNECTOR_MISSING"));
        return new Integration(integration, shop);
    }

    private Path shipStationArchive() throws IOException {
        return plugins.resolve(bundledShipStation().getFileName());
    }

    @Test
    void integrationsOfARemovedConnectorAreMissingAndKeepTheirRows() throws IOException {
        // given
        long integration = ofARemovedConnector().id();

        // when
        JsonNode missing = api.integration(integration);

        // then
        assertThatJson(missing).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"status": "CONNECTOR_MISSING", "counts": {"listingsNew": 2}}""");
        assertThatJson(missing).node("statusDetail").asString()
                .startsWith("the 'shipstation' connector is missing: plugin 'shipstation' ")
                .contains("was removed from the plugins folder");
        assertThatJson(api.listings(integration, "")).isArray().hasSize(2);
        assertThatJson(host.get("/api/v1/connectors").json()).inPath("$.items[*].id").isArray().doesNotContain("shipstation");
        assertThatJson(host.get("/api/v1/integrations").json()).node("items[0].status").isEqualTo("CONNECTOR_MISSING");
    }

    @Test
    void integrationsOfARemovedConnectorRefuseSyncs() throws IOException {
        // given
        long integration = ofARemovedConnector().id();

        // when
        TestHost.Response refused = host.post("/api/v1/integrations/" + integration + "/sync", Map.of("scope", "products"));

        // then
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThatJson(refused.body()).node("type").asString().endsWith("connector-missing");
        assertThatJson(refused.body()).node("detail").asString().startsWith("the 'shipstation' connector is missing");
    }

    @Test
    void integrationsOfARemovedConnectorRecoverWhenItComesBackAndSyncAgain() throws IOException {
        // given
        Integration removed = ofARemovedConnector();
        long integration = removed.id();

        // when the archive is back in the folder
        Files.copy(staging.resolve("shipstation-backup.zip"), shipStationArchive());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.integration(integration).get("status").asText().equals("CONNECTED"));

        // then the integration is what it was, and syncs again
        assertThatJson(api.integration(integration)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"status": "CONNECTED", "statusDetail": null}""");
        removed.shop().products(List.of(
                ShipStationStub.Product.of(501, "SKU-501", "Yirgacheffe", ShipStationStub.pacificNow().minusDays(1)),
                ShipStationStub.Product.of(502, "SKU-502", "Huila", ShipStationStub.pacificNow().minusDays(1)),
                ShipStationStub.Product.of(503, "SKU-503", "Sidamo", ShipStationStub.pacificNow().minusDays(1))));
        assertThatJson(api.syncAndWait(integration, "products")).node("state").isEqualTo("SUCCEEDED");
        assertThatJson(api.integration(integration)).node("counts.listingsNew").isEqualTo(3);
    }

    private JsonNode reload() {
        return host.post("/api/v1/plugins/reload", "").json();
    }

    /** The items of a plugin list answer by the file name of their archive. */
    private static Map<String, JsonNode> byFileName(JsonNode answer) {
        Map<String, JsonNode> out = new TreeMap<>();
        answer.get("items").forEach(item -> out.put(Path.of(item.get("path").asText()).getFileName().toString(), item));
        return out;
    }

    /** The state GET /plugins shows for the archive with this file name, if it is listed. */
    private Optional<String> state(String file) {
        JsonNode items = host.get("/api/v1/plugins").json().get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(i -> Path.of(i.get("path").asText()).getFileName().toString().equals(file))
                .map(i -> i.get("state").asText()).findFirst();
    }

    private JsonNode connector(String id) {
        return byId(host.get("/api/v1/connectors").json().get("items"), id);
    }
}

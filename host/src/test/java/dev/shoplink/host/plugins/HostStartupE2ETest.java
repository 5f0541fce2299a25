package dev.shoplink.host.plugins;

import static dev.shoplink.host.testing.AdminCalls.keyedBy;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.Shoplink;
import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.ConfigLoader;
import dev.shoplink.host.testing.TestHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real host with the real plugin archive: start-up, plugin states, auth and error shapes. */
class HostStartupE2ETest {

    @TempDir
    Path dir;

    @Test
    void servesHealthWithoutATokenWithABrokenArchiveBeside() throws IOException {
        // given
        try (TestHost host = withABrokenArchiveBeside()) {
            // when
            TestHost.Response live = host.anonymous("GET", "/health/live");
            TestHost.Response ready = host.anonymous("GET", "/health/ready");

            // then
            assertThat(live.status()).isEqualTo(200);
            assertThatJson(ready.body()).node("status").isEqualTo("UP");
        }
    }

    @Test
    void listsTheBundledConnectorsWithTheirFormsWithABrokenArchiveBeside() throws IOException {
        // given
        try (TestHost host = withABrokenArchiveBeside()) {
            // when
            JsonNode connectors = host.get("/api/v1/connectors").json();

            // then the bundled ShipStation and Shopify connectors, ShipStation first
            assertThatJson(connectors).node("items").isArray().hasSize(2);
            assertThatJson(connectors).when(IGNORING_EXTRA_FIELDS).node("items[0]").isEqualTo("""
                    {"id": "shipstation", "pluginId": "shipstation",
                     "fields": [{"name": "apiKey", "required": true}, {"name": "apiSecret", "secret": true}]}""");
        }
    }

    @Test
    void listsABrokenArchiveBesideTheStartedPluginsAsFailed() throws IOException {
        // given
        try (TestHost host = withABrokenArchiveBeside()) {
            // when
            JsonNode states = host.get("/api/v1/plugins").json().get("items");

            // then
            assertThatJson(states).isArray().hasSize(3);
            assertThatJson(keyedBy("id", states)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"shipstation": {"state": "STARTED"}, "garbage": {"state": "FAILED"}}""");
            assertThatJson(keyedBy("id", states)).node("garbage.error").asString().contains("not a readable zip");
        }
    }

    @Test
    void refusesArchivesWithoutDescriptorOrForANewerApi() throws IOException {
        try (TestHost host = TestHost.start(dir, "http://127.0.0.1:9")) {
            // given
            Path plugins = host.app().config().pluginsDir();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(plugins.resolve("no-descriptor.jar")))) {
                zip.putNextEntry(new ZipEntry("readme.txt"));
                zip.write("nothing here".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            // a plain library jar: a manifest, but no plugin in it
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(plugins.resolve("library.jar")))) {
                zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
                zip.write("Manifest-Version: 1.0\nCreated-By: Maven JAR Plugin\n\n".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            copyWithDescriptor(realArchive(), plugins.resolve("future-1.0.0.zip"), "future", ">=2.0.0 & <3.0.0");

            // when
            JsonNode reload = host.post("/api/v1/plugins/reload", "").json();

            // then
            assertThatJson(reload).node("started").isEqualTo(0);
            Map<String, JsonNode> states = keyedBy("id", reload.get("items"));
            assertThatJson(states).node("future.state").isEqualTo("FAILED");
            assertThatJson(states).node("no-descriptor.error").asString().contains("no plugin descriptor");
            assertThatJson(states).node("library.error").asString().contains("no plugin descriptor").contains("Plugin-Id");
            assertThatJson(states).node("future.error").asString().contains("requires plugin API >=2.0.0")
                    .contains("provides " + dev.shoplink.api.PluginApi.VERSION);
        }
    }

    @Test
    void loadsAnArchiveDroppedInLiveButKeepsTheRunningPluginsConnector() throws IOException {
        try (TestHost host = TestHost.start(dir, "http://127.0.0.1:9")) {
            // given a compatible archive dropped in while the host runs, offering the connector id 'shipstation',
            // which the running plugin keeps (BrokenPluginsTest has more of these rules)
            copyWithDescriptor(realArchive(), host.app().config().pluginsDir().resolve("second-1.0.0.zip"), "second",
                    ">=1.0.0 & <2.0.0");

            // when it is loaded without a restart
            JsonNode after = host.post("/api/v1/plugins/reload", "").json();

            // then
            assertThatJson(after).node("started").isEqualTo(0);
            Map<String, JsonNode> states = keyedBy("id", after.get("items"));
            assertThatJson(states).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"second": {"state": "FAILED"}, "shipstation": {"state": "STARTED"}}""");
            assertThatJson(states).node("second.error").asString().contains("connector 'shipstation'")
                    .contains("plugin 'shipstation'");
            JsonNode connectors = host.get("/api/v1/connectors").json();
            assertThatJson(connectors).node("items").isArray().hasSize(2);
            assertThatJson(connectors).node("items[0].pluginId").isEqualTo("shipstation");
        }
    }

    @Test
    void answersAMissingTokenWithAProblem() {
        try (TestHost host = TestHost.start(dir, "http://127.0.0.1:9")) {
            // when
            TestHost.Response noToken = host.anonymous("GET", "/api/v1/connectors");

            // then
            assertThat(noToken.status()).isEqualTo(401);
            assertThat(noToken.contentType()).startsWith("application/problem+json");
            assertThatJson(noToken.body()).node("type").asString().endsWith("/unauthorized");
            assertNoStackTrace(noToken);
        }
    }

    @Test
    void answersAWrongTokenWithAProblem() {
        try (TestHost host = TestHost.start(dir, "http://127.0.0.1:9")) {
            // when
            TestHost.Response wrongToken = host.send(java.net.http.HttpRequest.newBuilder(host.uri("/api/v1/connectors"))
                    .header("Authorization", "Bearer nope").GET(), false);

            // then
            assertThat(wrongToken.status()).isEqualTo(401);
            assertThatJson(wrongToken.body()).node("detail").asString().contains("wrong");
            assertNoStackTrace(wrongToken);
        }
    }

    @Test
    void answersAnUnknownPathOrMethodWithAProblem() {
        try (TestHost host = TestHost.start(dir, "http://127.0.0.1:9")) {
            // when
            TestHost.Response unknown = host.get("/api/v1/nothing-here");
            TestHost.Response wrongMethod = host.delete("/api/v1/connectors");

            // then
            assertThat(unknown.status()).isEqualTo(404);
            assertThatJson(unknown.body()).node("status").isEqualTo(404);
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
            assertNoStackTrace(unknown);
            assertNoStackTrace(wrongMethod);
        }
    }

    @Test
    void aPortInUseStopsTheStartWithOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = TestHost.env(dir, "http://127.0.0.1:9");
            env.put("SHOPLINK_PORT", Integer.toString(taken.getLocalPort()));
            var config = new ConfigLoader(env, new Properties()).load();
            assertThatThrownBy(() -> Shoplink.start(config, Clock.systemUTC()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("cannot serve HTTP on port " + taken.getLocalPort());
        }
    }

    @Test
    void anUnwritableDataFolderStopsTheStartWithOneLine() throws IOException {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        Map<String, String> env = TestHost.env(dir, "http://127.0.0.1:9");
        env.put("SHOPLINK_DATA_DIR", file.resolve("data").toString());
        var config = new ConfigLoader(env, new Properties()).load();
        assertThatThrownBy(() -> Shoplink.start(config, Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("data folder");
    }

    @Test
    void generatesAnOwnerOnlyAdminTokenWhenNoneIsConfigured() throws IOException {
        Map<String, String> env = TestHost.env(dir, "http://127.0.0.1:9");
        env.remove("SHOPLINK_ADMIN_TOKEN");
        var config = new ConfigLoader(env, new Properties()).load();
        try (Shoplink app = Shoplink.start(config, Clock.systemUTC())) {
            Path tokenFile = config.dataDir().resolve("admin-token");
            assertThat(Files.readString(tokenFile).strip()).isEqualTo(app.adminToken()).hasSizeGreaterThan(30);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
                    .isEqualTo("rw-------");
        }
        // the same token again after a restart
        try (Shoplink again = Shoplink.start(config, Clock.systemUTC())) {
            assertThat(Files.readString(config.dataDir().resolve("admin-token")).strip()).isEqualTo(again.adminToken());
        }
    }

    /** A host started with the bundled plugins and, beside them, a file named like an archive that is none. */
    private TestHost withABrokenArchiveBeside() throws IOException {
        Map<String, String> env = TestHost.env(dir, "http://127.0.0.1:9");
        Path plugins = Path.of(env.get("SHOPLINK_PLUGINS_DIR"));
        Files.createDirectories(plugins);
        Files.writeString(plugins.resolve("garbage.zip"), "this is not a zip");
        return TestHost.start(dir, env, Clock.systemUTC(), true);
    }

    private static void assertNoStackTrace(TestHost.Response r) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static Path realArchive() throws IOException {
        try (var files = Files.list(TestHost.builtPlugins())) {
            return files.filter(f -> f.getFileName().toString().startsWith("shipstation-")).findFirst().orElseThrow();
        }
    }

    /** A copy of the real archive under another plugin id and API requirement. */
    private static void copyWithDescriptor(Path source, Path target, String id, String requires) throws IOException {
        try (ZipFile in = new ZipFile(source.toFile()); OutputStream os = Files.newOutputStream(target);
             ZipOutputStream out = new ZipOutputStream(os)) {
            List<? extends ZipEntry> entries = new ArrayList<>(in.stream().toList());
            for (ZipEntry e : entries) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("plugin.properties")) {
                    Properties p = new Properties();
                    p.load(in.getInputStream(e));
                    p.setProperty("plugin.id", id);
                    p.setProperty("plugin.requires", requires);
                    p.store(out, null);
                } else {
                    in.getInputStream(e).transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}

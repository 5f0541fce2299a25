package dev.shoplink.host.plugins;

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
    void servesHealthConnectorsAndPluginsWithABrokenArchiveBeside() throws IOException {
        Map<String, String> env = TestHost.env(dir, "http://127.0.0.1:9");
        Path plugins = Path.of(env.get("SHOPLINK_PLUGINS_DIR"));
        Files.createDirectories(plugins);
        Files.writeString(plugins.resolve("garbage.zip"), "this is not a zip");
        try (TestHost host = TestHost.start(dir, env, Clock.systemUTC(), true)) {
            assertThat(host.anonymous("GET", "/health/live").status()).isEqualTo(200);
            assertThat(host.anonymous("GET", "/health/ready").json().get("status").asText()).isEqualTo("UP");

            JsonNode connectors = host.get("/api/v1/connectors").json().get("items");
            assertThat(connectors).hasSize(2); // the bundled ShipStation and Shopify connectors
            JsonNode shipstation = connectors.get(0);
            assertThat(shipstation.get("id").asText()).isEqualTo("shipstation");
            assertThat(shipstation.get("pluginId").asText()).isEqualTo("shipstation");
            assertThat(shipstation.get("fields").findValuesAsText("name")).containsExactly("apiKey", "apiSecret");
            assertThat(shipstation.get("fields").get(1).get("secret").asBoolean()).isTrue();
            assertThat(shipstation.get("fields").get(0).get("required").asBoolean()).isTrue();

            JsonNode states = host.get("/api/v1/plugins").json().get("items");
            assertThat(states).hasSize(3);
            assertThat(find(states, "shipstation").get("state").asText()).isEqualTo("STARTED");
            JsonNode broken = find(states, "garbage");
            assertThat(broken.get("state").asText()).isEqualTo("FAILED");
            assertThat(broken.get("error").asText()).contains("not a readable zip");
        }
    }

    @Test
    void refusesPluginsWithoutDescriptorOrForANewerApiAndPicksUpNewArchivesLive() throws IOException {
        try (TestHost host = TestHost.start(dir, "http://127.0.0.1:9")) {
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

            JsonNode reload = host.post("/api/v1/plugins/reload", "").json();
            assertThat(reload.get("started").asInt()).isZero();
            JsonNode states = reload.get("items");
            assertThat(find(states, "no-descriptor").get("error").asText()).contains("no plugin descriptor");
            assertThat(find(states, "library").get("error").asText()).contains("no plugin descriptor").contains("Plugin-Id");
            JsonNode future = find(states, "future");
            assertThat(future.get("state").asText()).isEqualTo("FAILED");
            assertThat(future.get("error").asText()).contains("requires plugin API >=2.0.0").contains("provides " + dev.shoplink.api.PluginApi.VERSION);

            // a compatible archive dropped in while the host runs is loaded without a restart; this one offers the
            // connector id 'shipstation', which the running plugin keeps (BrokenPluginsTest has more of these rules)
            copyWithDescriptor(realArchive(), plugins.resolve("second-1.0.0.zip"), "second", ">=1.0.0 & <2.0.0");
            JsonNode after = host.post("/api/v1/plugins/reload", "").json();
            assertThat(after.get("started").asInt()).isZero();
            JsonNode second = find(after.get("items"), "second");
            assertThat(second.get("state").asText()).isEqualTo("FAILED");
            assertThat(second.get("error").asText()).contains("connector 'shipstation'").contains("plugin 'shipstation'");
            assertThat(find(after.get("items"), "shipstation").get("state").asText()).isEqualTo("STARTED");
            JsonNode connectors = host.get("/api/v1/connectors").json().get("items");
            assertThat(connectors).hasSize(2);
            assertThat(connectors.get(0).get("pluginId").asText()).isEqualTo("shipstation");
        }
    }

    @Test
    void everyErrorIsProblemJsonWithoutStackTraces() {
        try (TestHost host = TestHost.start(dir, "http://127.0.0.1:9")) {
            TestHost.Response noToken = host.anonymous("GET", "/api/v1/connectors");
            assertThat(noToken.status()).isEqualTo(401);
            assertThat(noToken.contentType()).startsWith("application/problem+json");
            assertThat(noToken.json().get("type").asText()).endsWith("/unauthorized");

            TestHost.Response wrongToken = host.send(java.net.http.HttpRequest.newBuilder(host.uri("/api/v1/connectors"))
                    .header("Authorization", "Bearer nope").GET(), false);
            assertThat(wrongToken.status()).isEqualTo(401);
            assertThat(wrongToken.json().get("detail").asText()).contains("wrong");

            TestHost.Response unknown = host.get("/api/v1/nothing-here");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("status").asInt()).isEqualTo(404);

            TestHost.Response wrongMethod = host.delete("/api/v1/connectors");
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.contentType()).startsWith("application/problem+json");

            for (TestHost.Response r : List.of(noToken, wrongToken, unknown, wrongMethod)) {
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
            }
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

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + items);
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

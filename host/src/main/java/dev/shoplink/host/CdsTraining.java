package dev.shoplink.host;

import dev.shoplink.host.config.ConfigLoader;
import dev.shoplink.host.config.HostConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The training run of the class-data sharing archive ({@code bin/shoplink --cds-training}, run once by the
 * distribution build with {@code -XX:ArchiveClassesAtExit}): starts the host twice on a scratch data folder
 * (fresh: schema migrated; then a restart: schema validated), with a scratch copy of the bundled plugins, on a
 * loopback port of its own, asks the admin API what a first look at the UI asks, stops, and deletes the scratch
 * folder. The JVM then writes every class it loaded into the archive. It needs no network and no shop.
 */
public final class CdsTraining {
    private static final List<String> CALLS = List.of("/health/ready", "/health/live", "/api/v1/system",
            "/api/v1/plugins", "/api/v1/connectors", "/api/v1/integrations", "/api/v1/orders?size=50",
            "/api/v1/products", "/api/v1/syncs", "/api/v1/catalog/units", "/", "/api/v1/does-not-exist");

    private CdsTraining() {
    }

    /** @param args the distribution's plugins folder (its archives are copied, never unpacked in place) */
    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "plugins");
        Path scratch = Files.createTempDirectory("shoplink-cds-training");
        try {
            Path pluginCopy = Files.createDirectories(scratch.resolve("plugins"));
            if (Files.isDirectory(plugins)) {
                try (Stream<Path> archives = Files.list(plugins)) {
                    for (Path a : archives.filter(Files::isRegularFile).toList()) {
                        Files.copy(a, pluginCopy.resolve(a.getFileName().toString()));
                    }
                }
            }
            String token = "cds-training-token-0123456789abcdef";
            Map<String, String> env = Map.of("SHOPLINK_DATA_DIR", scratch.resolve("data").toString(),
                    "SHOPLINK_PLUGINS_DIR", pluginCopy.toString(), "SHOPLINK_PORT", "0", "SHOPLINK_BIND", "127.0.0.1",
                    "SHOPLINK_ADMIN_TOKEN", token);
            HostConfig config = new ConfigLoader(env, new Properties()).load();
            for (int start = 0; start < 2; start++) {
                try (Shoplink host = Shoplink.start(config, Clock.systemUTC())) {
                    call(host.port(), token);
                }
            }
        } finally {
            delete(scratch);
        }
    }

    private static void call(int port, String token) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : CALLS) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
            try {
                client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException("training call " + path + " failed", e);
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.shoplink.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.shoplink.api.Connection;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real ShipStation archive loaded, used (an HTTP call answered with JSON, which its bundled
 * Jackson parses, and one refused) and unloaded 20 times by a plugin host: every plugin class
 * loader is collected afterwards, and the loaded-class count and the heap after GC stay flat.
 */
class PluginUnloadTest {
    private static final int CYCLES = 20;

    @TempDir
    Path dir;

    private HttpServer shop;

    @BeforeEach
    void startShop() throws IOException {
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/products", exchange -> {
            byte[] body = ("{\"products\":[{\"productId\":7,\"sku\":\"SKU-7\",\"name\":\"Gesha\",\"price\":21.5,\"active\":true,"
                    + "\"createDate\":\"2026-01-05T10:00:00.0000000\",\"modifyDate\":\"2026-01-05T10:00:00.0000000\"}],"
                    + "\"total\":1,\"page\":1,\"pages\":1}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        shop.createContext("/accounts/listtags", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        shop.start();
    }

    @AfterEach
    void stopShop() {
        shop.stop(0);
    }

    @Test
    void loadingAndUnloadingAnArchive20TimesFreesEveryPluginClassLoader() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path built = TestArchives.bundledShipStation();
        Path archive = plugins.resolve(built.getFileName());
        URI base = URI.create("http://127.0.0.1:" + shop.getAddress().getPort());
        Connection connection = new Connection(Map.of("apiKey", "k-unload", "apiSecret", "s-unload"), base, Clock.systemUTC(),
                Duration.ofSeconds(5));
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        List<Integer> classCounts = new ArrayList<>();
        List<Long> heapMb = new ArrayList<>();
        try (PluginHost host = new PluginHost(plugins, Duration.ofSeconds(10))) {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                Files.copy(built, archive, StandardCopyOption.COPY_ATTRIBUTES);
                host.scan();
                ShopConnector connector = host.connector("shipstation").orElseThrow().connector();
                Page<Listing> page = connector.listings(connection, ListingQuery.everything(), Cursor.start());
                assertThat(page.items()).extracting(Listing::sku).containsExactly("SKU-7");
                assertThat(catchThrowable(() -> connector.validate(connection))).isInstanceOf(InvalidCredentialsException.class);
                loaders.add(new WeakReference<>(host.classLoaderOf("shipstation").orElseThrow()));

                Files.delete(archive);
                host.scan();
                assertThat(host.connector("shipstation")).isEmpty();
                assertThat(host.missing("shipstation")).isPresent();
                assertThat(plugins.resolve(built.getFileName().toString().replace(".zip", ""))).doesNotExist();
                collectGarbage();
                classCounts.add(classes.getLoadedClassCount());
                heapMb.add(memory.getHeapMemoryUsage().getUsed() / (1024 * 1024));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (loaders.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
            collectGarbage();
        }
        System.out.printf("%d load/unload cycles of %s: loaded classes after GC per cycle %s; heap used after GC (MB) %s;"
                + " plugin class loaders still reachable: %d; threads: %s%n", CYCLES, built.getFileName(), classCounts, heapMb,
                loaders.stream().filter(r -> r.get() != null).count(),
                Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
        assertThat(loaders).as("plugin class loaders still reachable after GC").allMatch(r -> r.get() == null);
        // flat, not growing by a plugin's classes (Jackson alone is > 1,000) with every cycle
        assertThat(classCounts.get(CYCLES - 1)).isLessThan(classCounts.get(1) + 500);
        assertThat(heapMb.get(CYCLES - 1)).isLessThan(heapMb.get(1) + 64);
    }

    private static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }
}

package dev.shoplink.host.sync;

import static dev.shoplink.host.testing.ShipStationStub.pacificNow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.ShipStationStub.Product;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker really fetches ahead: while a run of slow pages is in progress, its fetch thread (PageFetcher's,
 * named after the run) exists, so page n+1 is asked for while page n is written. {@link SyncStagesTest} covers the
 * fetcher alone; this fails if the worker stopped calling it ahead of the write.
 */
class FetchAheadE2ETest {
    @TempDir
    Path dir;

    @Test
    void aRunOfSeveralPagesFetchesTheNextPageOnItsFetchThread() throws Exception {
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        try (ShipStationStub shipStation = new ShipStationStub(); TestHost host = TestHost.start(dir, shipStation.baseUrl())) {
            AdminCalls api = new AdminCalls(host);
            ShipStationStub.Account shop = shipStation.account().delayed(400).products(
                    List.of(Product.of(1, "FA-1", "Coffee 1", pacificNow().minusHours(2))),
                    List.of(Product.of(2, "FA-2", "Coffee 2", pacificNow().minusHours(2))),
                    List.of(Product.of(3, "FA-3", "Coffee 3", pacificNow().minusHours(2))),
                    List.of(Product.of(4, "FA-4", "Coffee 4", pacificNow().minusHours(2))));
            long integration = api.createIntegration(shop, start);

            long syncId = api.startSync(integration, "products");
            AtomicBoolean fetchThreadSeen = new AtomicBoolean();
            Thread watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted() && !fetchThreadSeen.get()) {
                    fetchThreadSeen.set(Thread.getAllStackTraces().keySet().stream()
                            .anyMatch(t -> t.getName().equals("sync-fetch-" + syncId)));
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.start();
            JsonNode run = api.awaitFinished(syncId);
            watcher.interrupt();
            watcher.join();

            assertThat(run.get("state").asText()).as("%s", run).isEqualTo("SUCCEEDED");
            assertThat(run.get("progress").get("items").asInt()).isEqualTo(4);
            assertThat(fetchThreadSeen).as("a fetch thread of run %d while its pages were read", syncId).isTrue();
            for (int page = 1; page <= 4; page++) {
                assertThat(shop.requests("/products", page)).as("page %d asked once", page).hasSize(1);
            }
        }
    }
}

package dev.shoplink.host.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.MemoryShop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
        try (HostWithShop<MemoryShop> running = HostWithShop.memory(dir)) {
            AdminCalls api = running.api();
            Instant created = Instant.now().minus(Duration.ofHours(2));
            MemoryShop.Account shop = running.shop().account().pageSize(1).delayed(400).listings(
                    MemoryShop.listing("1", "FA-1", "Coffee 1", created), MemoryShop.listing("2", "FA-2", "Coffee 2", created),
                    MemoryShop.listing("3", "FA-3", "Coffee 3", created), MemoryShop.listing("4", "FA-4", "Coffee 4", created));
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
            assertThat(shop.requests(MemoryShop.Call.LISTINGS)).extracting(MemoryShop.Request::cursor)
                    .as("each page asked for once").containsExactly("", "o:1", "o:2", "o:3");
        }
    }
}

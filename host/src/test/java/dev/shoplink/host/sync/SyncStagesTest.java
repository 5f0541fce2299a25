package dev.shoplink.host.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shoplink.api.Address;
import dev.shoplink.api.Customer;
import dev.shoplink.api.Listing;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.Page;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The sync's stages alone: the fetch stage's page ahead, the map stage's import rules and listing lookups. */
class SyncStagesTest {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    static ShopOrder order(String id, Instant placed, Instant modified, OrderState state, String... listings) {
        List<OrderLine> lines = new ArrayList<>();
        for (String l : listings) {
            lines.add(new OrderLine(id + "-" + l, l, "SKU-" + l, "Coffee", 1, new BigDecimal("9.50")));
        }
        return new ShopOrder(id, "#" + id, placed, modified, "awaiting_shipment", state,
                new Customer("Ada", "ada@example.com", new Address("1 Road", "Town", "CA", "90000", "US", "")), lines);
    }

    @Test
    void importRulesKeepTheLatestVersionOfAnOrderAndDropOrdersOnHoldOrPlacedBeforeTheStart() {
        Instant placed = START.plusSeconds(3600);
        List<ShopOrder> page = List.of(
                order("1", placed, placed.plusSeconds(10), OrderState.PROCESSING, "L1"),
                order("2", placed, placed, OrderState.ON_HOLD, "L2"),
                order("3", START.minusSeconds(1), placed, OrderState.PROCESSING, "L3"),
                order("1", placed, placed.plusSeconds(5), OrderState.PROCESSING, "L9"),
                order("4", placed, placed, OrderState.PROCESSING, "L1", "", "L4"));

        OrderImportRules.Mapped mapped = OrderImportRules.map(page, START);

        assertThat(mapped.keep()).extracting(ShopOrder::externalId).containsExactly("1", "4");
        assertThat(mapped.keep().get(0).modifiedAt()).isEqualTo(placed.plusSeconds(10));
        assertThat(mapped.referencedListings()).containsExactly("L1", "L4");
    }

    @Test
    void listingLookupsAskTheStoreOnceAndTheShopOnlyForListingsTheStoreLacks() {
        ReferencedListings lookups = new ReferencedListings();
        List<List<String>> asked = new ArrayList<>();
        List<String> fetched = new ArrayList<>();
        Listing old = new Listing("L3", "SKU-3", "Old coffee", "", "", Optional.empty(), true, START.minusSeconds(99),
                START.minusSeconds(99));

        Optional<List<String>> toOffer = lookups.resolve(new LinkedHashSet<>(List.of("L1", "L2", "L3", "L4")),
                ids -> {
                    asked.add(List.copyOf(ids));
                    return Map.of("L1", true, "L2", false);
                },
                id -> {
                    fetched.add(id);
                    return id.equals("L3") ? Optional.of(old) : Optional.empty();
                },
                listing -> true);

        assertThat(toOffer).contains(List.of("L2"));
        assertThat(asked).containsExactly(List.of("L1", "L2", "L3", "L4"));
        assertThat(fetched).containsExactly("L3", "L4");

        // the page committed: the next page asks neither the store nor the shop about these again
        lookups.settle(Set.of("L1", "L2", "L3"));
        asked.clear();
        fetched.clear();
        assertThat(lookups.resolve(new LinkedHashSet<>(List.of("L1", "L2", "L3", "L4", "L5")),
                ids -> {
                    asked.add(List.copyOf(ids));
                    return Map.of();
                }, id -> {
                    fetched.add(id);
                    return Optional.empty();
                }, listing -> true)).contains(List.of());
        assertThat(asked).containsExactly(List.of("L5")); // L4 is unknown to the shop: settled on the first page
        assertThat(fetched).containsExactly("L5");
    }

    @Test
    void aListingLookupOfAStoppedRunStopsAtOnce() {
        ReferencedListings lookups = new ReferencedListings();
        AtomicInteger shopCalls = new AtomicInteger();
        Listing a = new Listing("A", "S", "N", "", "", Optional.empty(), true, START, START);
        assertThat(lookups.resolve(new LinkedHashSet<>(List.of("A", "B")), ids -> Map.of(), id -> {
            shopCalls.incrementAndGet();
            return Optional.of(a);
        }, listing -> false)).isEmpty();
        assertThat(shopCalls).hasValue(1);
    }

    @Test
    void aPageFetchedAheadIsUsedForExactlyItsRequestAndFetchedMeanwhile() throws Exception {
        try (PageFetcher fetcher = new PageFetcher("test-fetch")) {
            CountDownLatch fetchedAhead = new CountDownLatch(1);
            CountDownLatch pageOneWritten = new CountDownLatch(1);
            AtomicReference<Thread> fetchThread = new AtomicReference<>();
            AtomicBoolean answeredAfterWrite = new AtomicBoolean();
            fetcher.fetchAhead("page 2", () -> {
                fetchThread.set(Thread.currentThread());
                fetchedAhead.countDown();
                try {
                    // the shop answers only once "page 1" is written: a fetch made on the caller's thread never gets here
                    answeredAfterWrite.set(pageOneWritten.await(5, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Page.last(List.of("b"));
            });
            // the fetch runs while "page 1" is written on this thread
            assertThat(fetchedAhead.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(fetchThread.get()).isNotSameAs(Thread.currentThread());
            pageOneWritten.countDown();
            AtomicInteger direct = new AtomicInteger();
            Page<String> two = fetcher.take("page 2", () -> {
                direct.incrementAndGet();
                return Page.last(List.of("other"));
            });
            assertThat(two.items()).containsExactly("b");
            assertThat(direct).hasValue(0);
            assertThat(answeredAfterWrite).isTrue();

            // another request than the one fetched ahead: fetched now, the page ahead dropped
            fetcher.fetchAhead("page 3", () -> Page.last(List.of("c")));
            Page<String> resumed = fetcher.take("page 2 again", () -> Page.last(List.of("b2")));
            assertThat(resumed.items()).containsExactly("b2");
            assertThat(fetcher.take("page 3", () -> Page.last(List.of("c-now"))).items()).containsExactly("c-now");
        }
    }

    @Test
    void aFailureOfTheFetchAheadIsThrownWhenThePageIsTaken() {
        try (PageFetcher fetcher = new PageFetcher("test-fetch")) {
            fetcher.fetchAhead("page 2", () -> {
                throw new RateLimitedException("slow down", Duration.ofSeconds(3));
            });
            assertThatThrownBy(() -> fetcher.take("page 2", () -> Page.last(List.of())))
                    .isInstanceOf(RateLimitedException.class)
                    .satisfies(e -> assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        }
    }
}

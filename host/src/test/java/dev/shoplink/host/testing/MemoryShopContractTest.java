package dev.shoplink.host.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shoplink.api.Connection;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import dev.shoplink.host.testing.MemoryShop.Call;
import dev.shoplink.testkit.ShopConnectorContract;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory test connector must behave like a real connector before host tests may rely on it: the
 * connector-testkit's contract suite, every situation arranged, plus what the host tests script (faults on one page,
 * a key cursor that an order modified during the read does not shift).
 */
public class MemoryShopContractTest extends ShopConnectorContract {
    private static final Instant ORIGIN = Instant.parse("2024-03-01T08:00:00Z");

    protected final MemoryShop shop = new MemoryShop();
    protected MemoryShop.Account account;

    @BeforeEach
    protected void newAccount() {
        account = shop.account().pageSize(pageSize());
    }

    @AfterEach
    protected void closeShop() {
        shop.close();
    }

    @Override
    protected ShopConnector connector() {
        return shop.connector();
    }

    @Override
    protected Connection goodConnection() {
        return connection(account.apiKey());
    }

    @Override
    protected Connection badCredentialsConnection() {
        return connection("mem-nobody-owns-this-key");
    }

    private static Connection connection(String key) {
        return new Connection(Map.of(MemoryShop.API_KEY, key), URI.create("http://memory.invalid/"), Clock.systemUTC(),
                Duration.ofSeconds(5), "https://memory.example");
    }

    @Override
    protected int pageSize() {
        return 7;
    }

    @Override
    protected void givenListings(int count, int unnamed) {
        account.listings(IntStream.range(0, count)
                .mapToObj(i -> MemoryShop.listing("L" + i, "SKU-" + i, i < unnamed ? (i % 2 == 0 ? null : "") : "Coffee " + i))
                .toArray(Listing[]::new));
    }

    @Override
    protected void givenOrders(int count) {
        account.orders(orders(count, i -> ORIGIN.plusSeconds(60L * i)));
    }

    private static ShopOrder[] orders(int count, java.util.function.IntFunction<Instant> modified) {
        return IntStream.range(0, count)
                .mapToObj(i -> MemoryShop.changed(MemoryShop.order("O" + i, "R-" + i, ORIGIN.plusSeconds(60L * i),
                                MemoryShop.line("O" + i + "-1", "", "SKU-" + i, 1 + i % 3, "12.50")),
                        "awaiting_shipment", dev.shoplink.api.OrderState.PROCESSING, modified.apply(i)))
                .toArray(ShopOrder[]::new);
    }

    @Override
    protected void givenUnavailable() {
        account.failAlways(() -> new ShopUnavailableException("memory shop: 503 Service Unavailable"));
    }

    @Override
    protected void givenRateLimited() {
        account.failAlways(() -> new RateLimitedException("memory shop: too many requests", Duration.ofSeconds(30)));
    }

    @Override
    protected void givenAccessDenied() {
        account.denyAccess();
    }

    @Override
    protected void givenMalformedAnswers() {
        account.failAlways(() -> new MalformedResponseException("memory shop: cut-off JSON at offset 17"));
    }

    @Override
    protected void givenShopDown() {
        account.failAlways(() -> new ShopUnavailableException("memory shop: connection reset"));
    }

    @Override
    protected void givenOrdersModifiedAround(Instant bound, int before, int after) {
        account.orders(orders(before + after, i -> i < before ? bound.minusSeconds(3600L * (i + 1))
                : bound.plusSeconds(3600L * (i - before + 1))));
    }

    @Override
    protected void givenOrdersSellingListings(int count) {
        givenListings(count, 0);
        account.orders(IntStream.range(0, count)
                .mapToObj(i -> MemoryShop.order("O" + i, "R-" + i, ORIGIN.plusSeconds(i),
                        MemoryShop.line("O" + i + "-1", "L" + i, "SKU-" + i, 2, "9.00"),
                        MemoryShop.line("O" + i + "-2", "", "SHIPPING", 1, "4.00")))
                .toArray(ShopOrder[]::new));
    }

    // what the host tests script beyond the contract

    @Test
    public void aFaultOnOnePageHitsThatPageOnlyAndOnlyAsOftenAsScripted() {
        givenOrders(2 * pageSize());
        account.rateLimitedOnce(Call.ORDERS, 2, Duration.ofSeconds(4));
        OrderQuery query = OrderQuery.placedSince(ORIGIN);

        Page<ShopOrder> first = connector().orders(goodConnection(), query, Cursor.start());
        Cursor second = first.next().orElseThrow();
        assertThatThrownBy(() -> connector().orders(goodConnection(), query, second))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).hasSeconds(4));
        assertThat(connector().orders(goodConnection(), query, second).items()).hasSize(pageSize());
        assertThat(account.requests(Call.ORDERS)).extracting(MemoryShop.Request::cursor)
                .containsExactly("", second.value(), second.value());
    }

    @Test
    public void anOrderModifiedDuringAnIncrementalReadIsNotSkipped() {
        givenOrders(2 * pageSize());
        OrderQuery query = OrderQuery.modifiedSince(ORIGIN, ORIGIN);
        Page<ShopOrder> first = connector().orders(goodConnection(), query, Cursor.start());
        // an order of the first page changes while the host reads: it moves to the end, nothing shifts
        ShopOrder moved = first.items().get(0);
        account.put(MemoryShop.changed(moved, "shipped", dev.shoplink.api.OrderState.CLOSED, ORIGIN.plusSeconds(86_400)));

        List<String> rest = new ArrayList<>();
        Cursor cursor = first.next().orElseThrow();
        while (true) {
            Page<ShopOrder> page = connector().orders(goodConnection(), query, cursor);
            page.items().forEach(o -> rest.add(o.externalId()));
            if (page.next().isEmpty()) {
                break;
            }
            cursor = page.next().get();
        }
        assertThat(rest).hasSize(pageSize() + 1).endsWith(moved.externalId());
    }

    @Test
    public void listingQueriesHonourCreatedSinceAndInactive() {
        account.listings(MemoryShop.listing("A", "SKU-A", "Old"),
                new Listing("B", "SKU-B", "Hidden", "", "", java.util.Optional.empty(), false,
                        Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")));

        assertThat(connector().listings(goodConnection(), new ListingQuery(Instant.parse("2024-06-01T00:00:00Z"), true),
                Cursor.start()).items()).extracting(Listing::externalId).containsExactly("B");
        assertThat(connector().listings(goodConnection(), new ListingQuery(Instant.EPOCH, false), Cursor.start()).items())
                .extracting(Listing::externalId).containsExactly("A");
    }
}

package dev.shoplink.testkit;

import dev.shoplink.api.Address;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Customer;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the contract against the simplest correct connector, a shop held in memory, so that a
 * change to the suite that no connector could pass fails here first.
 */
class InMemoryShopConnectorContractTest extends ShopConnectorContract {
    private static final String TOKEN = "right-token-123";
    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");

    private final InMemoryShop shop = new InMemoryShop();
    private final InMemoryConnector connector = new InMemoryConnector(shop);

    @BeforeEach
    void emptyShop() {
        shop.listings = List.of();
        shop.orders = List.of();
        shop.up = true;
    }

    @Override
    protected ShopConnector connector() {
        return connector;
    }

    @Override
    protected Connection goodConnection() {
        return connection(TOKEN);
    }

    @Override
    protected Connection badCredentialsConnection() {
        return connection("wrong-token-456");
    }

    @Override
    protected int pageSize() {
        return InMemoryConnector.PAGE_SIZE;
    }

    @Override
    protected void givenListings(int count, int unnamed) {
        shop.listings = IntStream.range(0, count)
                .mapToObj(i -> new Listing("L" + i, "SKU-" + i, i < unnamed ? (i % 2 == 0 ? null : "") : "Coffee " + i,
                        "", "", Optional.of(new BigDecimal("9.50")), true, CREATED, CREATED))
                .toList();
    }

    @Override
    protected void givenOrders(int count) {
        shop.orders = IntStream.range(0, count)
                .mapToObj(i -> new ShopOrder("O" + i, "#" + i, CREATED, CREATED, "paid", OrderState.PROCESSING,
                        new Customer("Ada", "ada@example.com", Address.unknown()),
                        List.of(new OrderLine("O" + i + "-1", "L1", "SKU-1", "Coffee", 1, new BigDecimal("9.50")))))
                .toList();
    }

    @Override
    protected void givenUnavailable() {
        shop.up = false;
    }

    private static Connection connection(String token) {
        return new Connection(Map.of("accessToken", token), URI.create("memory://shop"),
                Clock.fixed(CREATED, ZoneOffset.UTC), Duration.ofSeconds(1));
    }

    private static final class InMemoryShop {
        volatile List<Listing> listings = List.of();
        volatile List<ShopOrder> orders = List.of();
        volatile boolean up = true;
    }

    /** Pages by offset; the cursor is the offset of the next page. */
    private static final class InMemoryConnector implements ShopConnector {
        static final int PAGE_SIZE = 4;

        private final InMemoryShop shop;

        InMemoryConnector(InMemoryShop shop) {
            this.shop = shop;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("in-memory", "In memory",
                    List.of(new CredentialField("accessToken", "Access token", true, true)), URI.create("https://shop.example"));
        }

        @Override
        public void validate(Connection connection) {
            check(connection);
        }

        @Override
        public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
            check(connection);
            return page(shop.listings, cursor);
        }

        @Override
        public Optional<Listing> listing(Connection connection, String externalId) {
            check(connection);
            return shop.listings.stream().filter(l -> l.externalId().equals(externalId)).findFirst();
        }

        @Override
        public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
            check(connection);
            return page(shop.orders, cursor);
        }

        private void check(Connection connection) {
            if (!shop.up) {
                throw new ShopUnavailableException("the shop answered 503");
            }
            if (!connection.credential("accessToken").equals(TOKEN)) {
                throw new InvalidCredentialsException("the shop rejected the access token");
            }
        }

        private static <T> Page<T> page(List<T> all, Cursor cursor) {
            int from = cursor.isStart() ? 0 : Integer.parseInt(cursor.value());
            int to = Math.min(all.size(), from + PAGE_SIZE);
            Optional<Cursor> next = to < all.size() ? Optional.of(Cursor.of(Integer.toString(to))) : Optional.empty();
            return new Page<>(all.subList(from, to), next, OptionalLong.of(all.size()), OptionalInt.empty());
        }
    }
}

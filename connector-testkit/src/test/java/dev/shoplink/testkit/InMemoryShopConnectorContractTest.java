package dev.shoplink.testkit;

import dev.shoplink.api.Address;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Customer;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.Page;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
        shop.state = State.UP;
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
        shop.orders = IntStream.range(0, count).mapToObj(i -> order("O" + i, CREATED)).toList();
    }

    @Override
    protected void givenUnavailable() {
        shop.state = State.FAILING;
    }

    @Override
    protected void givenRateLimited() {
        shop.state = State.RATE_LIMITED;
    }

    @Override
    protected void givenAccessDenied() {
        shop.state = State.DENIED;
    }

    @Override
    protected void givenMalformedAnswers() {
        shop.state = State.MALFORMED;
    }

    @Override
    protected void givenShopDown() {
        shop.state = State.DOWN;
    }

    @Override
    protected void givenOrdersModifiedAround(Instant bound, int before, int after) {
        List<ShopOrder> orders = new ArrayList<>();
        for (int i = 0; i < before + after; i++) {
            orders.add(order("M" + i, i < before ? bound.minus(Duration.ofDays(1 + i)) : bound.plus(Duration.ofHours(1 + i))));
        }
        shop.orders = List.copyOf(orders);
    }

    @Override
    protected void givenOrdersSellingListings(int count) {
        givenListings(3, 0);
        givenOrders(count);
    }

    private static ShopOrder order(String id, Instant modified) {
        Instant placed = modified.isBefore(CREATED) ? modified : CREATED;
        return new ShopOrder(id, "#" + id, placed, modified, "paid", OrderState.PROCESSING,
                new Customer("Ada", "ada@example.com", Address.unknown()),
                List.of(new OrderLine(id + "-1", "L1", "SKU-1", "Coffee", 1, new BigDecimal("9.50")),
                        new OrderLine(id + "-2", "", "", "Gift wrap", 1, new BigDecimal("2.00"))));
    }

    private static Connection connection(String token) {
        return new Connection(Map.of("accessToken", token), URI.create("memory://shop"),
                Clock.fixed(CREATED, ZoneOffset.UTC), Duration.ofSeconds(1));
    }

    private enum State { UP, FAILING, DOWN, RATE_LIMITED, DENIED, MALFORMED }

    private static final class InMemoryShop {
        volatile List<Listing> listings = List.of();
        volatile List<ShopOrder> orders = List.of();
        volatile State state = State.UP;
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
            List<ShopOrder> matching = shop.orders.stream()
                    .filter(o -> !o.placedAt().isBefore(query.placedSince()))
                    .filter(o -> query.modifiedSince().map(since -> !o.modifiedAt().isBefore(since)).orElse(true))
                    .toList();
            return page(matching, cursor);
        }

        private void check(Connection connection) {
            switch (shop.state) {
                case FAILING -> throw new ShopUnavailableException("the shop answered 503");
                case DOWN -> throw new ShopUnavailableException("the shop refused the connection");
                default -> {
                }
            }
            if (!connection.credential("accessToken").equals(TOKEN)) {
                throw new InvalidCredentialsException("the shop rejected the access token");
            }
            switch (shop.state) {
                case RATE_LIMITED -> throw new RateLimitedException("the shop answered 429", Duration.ofSeconds(2));
                case DENIED -> throw new ApiAccessDeniedException("the shop's plan has no API access");
                case MALFORMED -> throw new MalformedResponseException("the shop's answer is cut off");
                default -> {
                }
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

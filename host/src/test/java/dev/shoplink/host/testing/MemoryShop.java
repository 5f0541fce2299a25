package dev.shoplink.host.testing;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The host tests' own shop: listings and orders held in memory and served by an in-process connector, {@link #ID}
 * ({@code memory}), that the host is given through {@code PluginHost.serveInProcess} (no archive, no HTTP). Like a
 * real shop it serves several accounts told apart by their credentials ({@code apiKey}); a key no account owns is
 * rejected. Tests script what the shop does next: a used-up rate limit, an outage, denied API access, rejected keys,
 * unreadable answers, a bug in the connector, a slow shop.
 *
 * <p>The connector pages like a careful real one: listings and first-sync orders (sorted by placement time) by
 * offset, incremental order reads (sorted by modification time) by a key cursor that an order modified during the
 * read cannot shift. {@code MemoryShopContractTest} runs the connector through the connector-testkit's contract suite,
 * directly and behind the host's guard.
 */
public final class MemoryShop implements AutoCloseable {
    /** The connector id. */
    public static final String ID = "memory";
    /** The one credential field. */
    public static final String API_KEY = "apiKey";
    /** Listings or orders per page unless an account says otherwise. */
    public static final int PAGE_SIZE = 100;
    private static final Instant CREATED = Instant.parse("2024-01-02T03:04:05Z");
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    /** What a connector call was. */
    public enum Call { VALIDATE, LISTINGS, LISTING, ORDERS }

    /** One call the connector answered (or failed), as the shop saw it. */
    public record Request(Call call, String cursor, Object query) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Connector connector = new Connector();
    private final AtomicInteger inDelay = new AtomicInteger();
    private final AtomicInteger peakInDelay = new AtomicInteger();

    /** The connector to serve to the host, or to test directly. */
    public ShopConnector connector() {
        return connector;
    }

    /** A new account with its own key: no listings, no orders yet. */
    public Account account() {
        Account account = new Account("mem-" + ACCOUNTS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8));
        accounts.put(account.apiKey(), account);
        return account;
    }

    @Override
    public void close() {
        accounts.clear();
    }

    /**
     * The most calls of delayed accounts (see {@link Account#delayed}) this shop was answering at one moment, over
     * all accounts: how many syncs the host ran at once.
     */
    public int peakConcurrentCalls() {
        return peakInDelay.get();
    }

    /** A listing created at a fixed instant, priced 14.50, active. */
    public static Listing listing(String externalId, String sku, String name) {
        return listing(externalId, sku, name, CREATED);
    }

    /** A listing created at {@code created} and last changed five minutes later, priced 14.50, active. */
    public static Listing listing(String externalId, String sku, String name, Instant created) {
        return new Listing(externalId, sku, name, "", "", Optional.of(new BigDecimal("14.50")), true, created,
                created.plusSeconds(300));
    }

    /** The same listing no longer offered by the shop, an hour later. */
    public static Listing inactive(Listing l) {
        return new Listing(l.externalId(), l.sku(), l.name(), l.variantTitle(), l.parentProductId(), l.price(), false,
                l.createdAt(), l.modifiedAt().plusSeconds(3600));
    }

    /** The same listing at another price, an hour later. */
    public static Listing priced(Listing l, String price) {
        return new Listing(l.externalId(), l.sku(), l.name(), l.variantTitle(), l.parentProductId(),
                Optional.of(new BigDecimal(price)), l.active(), l.createdAt(), l.modifiedAt().plusSeconds(3600));
    }

    /** An order waiting to be shipped to Grace Hopper, placed at {@code placedAt} and last changed a minute later. */
    public static ShopOrder order(String externalId, String orderNumber, Instant placedAt, OrderLine... lines) {
        return new ShopOrder(externalId, orderNumber, placedAt, placedAt.plusSeconds(60), "awaiting_shipment",
                OrderState.PROCESSING, new Customer("Grace Hopper", "grace@example.com",
                        new Address("1 Oxford St", "Cambridge", "MA", "02138", "US", "555-555-0100")), List.of(lines));
    }

    /** A line selling {@code quantity} of a listing (its id may be empty: a line the shop links to no listing). */
    public static OrderLine line(String externalId, String listingExternalId, String sku, int quantity, String unitPrice) {
        return new OrderLine(externalId, listingExternalId, sku, "Coffee " + sku, quantity, new BigDecimal(unitPrice));
    }

    /** The same order in another state, last changed at {@code modifiedAt}. */
    public static ShopOrder changed(ShopOrder order, String status, OrderState state, Instant modifiedAt) {
        return new ShopOrder(order.externalId(), order.orderNumber(), order.placedAt(), modifiedAt, status, state,
                order.customer(), order.lines());
    }

    /** The same order for another customer. */
    public static ShopOrder customer(ShopOrder order, String name, String email) {
        return new ShopOrder(order.externalId(), order.orderNumber(), order.placedAt(), order.modifiedAt(), order.status(),
                order.state(), new Customer(name, email, order.customer().address()), order.lines());
    }

    /** One account of the shop: its data, the faults it plays next and the calls it saw. */
    public final class Account implements TestShopAccount {
        private final String apiKey;
        private final Map<String, Listing> listings = new LinkedHashMap<>();
        private final Map<String, ShopOrder> orders = new LinkedHashMap<>();
        private final Map<String, Listing> unlisted = new LinkedHashMap<>();
        private final Deque<Fault> faults = new ArrayDeque<>();
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private volatile Supplier<RuntimeException> always;
        private volatile int pageSize = PAGE_SIZE;
        private volatile long delayMillis;

        private Account(String apiKey) {
            this.apiKey = apiKey;
        }

        public String apiKey() {
            return apiKey;
        }

        @Override
        public String connectorId() {
            return ID;
        }

        @Override
        public Map<String, String> credentials() {
            return Map.of(API_KEY, apiKey);
        }

        /** The listings from now on, replacing what the shop held, in the shop's order. */
        public synchronized Account listings(Listing... all) {
            listings.clear();
            return put(all);
        }

        /** Adds or replaces these listings (by external id). */
        public synchronized Account put(Listing... changed) {
            for (Listing l : changed) {
                listings.put(l.externalId(), l);
            }
            return this;
        }

        /**
         * Listings the shop finds by id ({@link ShopConnector#listing}) but no longer shows in its list pages: an old
         * product an order still names.
         */
        public synchronized Account unlisted(Listing... old) {
            for (Listing l : old) {
                unlisted.put(l.externalId(), l);
            }
            return this;
        }

        /** The orders from now on, replacing what the shop held. */
        public synchronized Account orders(ShopOrder... all) {
            orders.clear();
            return put(all);
        }

        /** Adds or replaces these orders (by external id). */
        public synchronized Account put(ShopOrder... changed) {
            for (ShopOrder o : changed) {
                orders.put(o.externalId(), o);
            }
            return this;
        }

        /** Pages of this many items from now on. */
        public Account pageSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("page size " + size);
            }
            this.pageSize = size;
            return this;
        }

        /** Every call waits this long before it answers, so that a sync stays busy on each page for a while. */
        public Account delayed(long millis) {
            this.delayMillis = millis;
            return this;
        }

        /**
         * The next {@code times} calls of that kind asking for page {@code page} (1 is the first page; 0: any page) fail
         * with what {@code failure} makes; later ones are answered.
         */
        public synchronized Account failOnPage(Call call, int page, int times, Supplier<? extends RuntimeException> failure) {
            faults.add(new Fault(call, page, new AtomicInteger(times), failure));
            return this;
        }

        /** The next call of that kind on that page (0: any) meets a used-up rate limit asking to wait {@code wait}. */
        public Account rateLimitedOnce(Call call, int page, Duration wait) {
            return failOnPage(call, page, 1, () -> new RateLimitedException("memory shop: too many requests", wait));
        }

        /** The next {@code times} calls of that kind on that page (0: any) hit a bug of the connector's own. */
        public Account connectorBug(Call call, int page, int times) {
            return failOnPage(call, page, times, () -> new IllegalStateException("memory connector bug: index 3 out of bounds"));
        }

        /** The key was regenerated: every call with it is rejected from now on. */
        public Account rejectCredentials() {
            always = () -> new InvalidCredentialsException("memory shop: the API key was not accepted");
            return this;
        }

        /** The account lost API access: every call is denied from now on. */
        public Account denyAccess() {
            always = () -> new ApiAccessDeniedException("memory shop: this plan has no API access");
            return this;
        }

        /** Every call fails from now on with what {@code failure} makes (e.g. a shop that stays down). */
        public Account failAlways(Supplier<? extends RuntimeException> failure) {
            always = failure::get;
            return this;
        }

        /** The calls of one kind this account saw, oldest first. */
        public List<Request> requests(Call call) {
            return requests.stream().filter(r -> r.call() == call).toList();
        }

        /** Records the call, waits the delay, then fails as scripted or lets it through. */
        private void enter(Call call, Cursor cursor, Object query) {
            requests.add(new Request(call, cursor == null ? "" : cursor.value(), query));
            if (delayMillis > 0) {
                peakInDelay.accumulateAndGet(inDelay.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ShopUnavailableException("memory shop: interrupted");
                } finally {
                    inDelay.decrementAndGet();
                }
            }
            Supplier<RuntimeException> now = always;
            if (now != null) {
                throw now.get();
            }
            int page = cursor == null ? 0 : pageNumber(cursor);
            Fault due = null;
            synchronized (this) {
                for (Fault f : faults) {
                    if (f.call() == call && (f.page() == 0 || f.page() == page) && f.left().get() > 0) {
                        due = f;
                        break;
                    }
                }
                if (due != null && due.left().decrementAndGet() == 0) {
                    faults.remove(due);
                }
            }
            if (due != null) {
                throw due.failure().get();
            }
        }

        /** The 1-based page an offset cursor asks for; key cursors count as page 2 and after (0: not known). */
        private int pageNumber(Cursor cursor) {
            if (cursor.isStart()) {
                return 1;
            }
            if (cursor.value().startsWith(OFFSET)) {
                return 1 + Integer.parseInt(cursor.value().substring(OFFSET.length())) / pageSize;
            }
            return 0;
        }

        private synchronized List<Listing> listingsNow() {
            return new ArrayList<>(listings.values());
        }

        private synchronized List<ShopOrder> ordersNow() {
            return new ArrayList<>(orders.values());
        }

        private synchronized Optional<Listing> listingNow(String externalId) {
            return Optional.ofNullable(listings.getOrDefault(externalId, unlisted.get(externalId)));
        }
    }

    /** A failure scripted for the next calls of one kind (and page). */
    private record Fault(Call call, int page, AtomicInteger left, Supplier<? extends RuntimeException> failure) {
    }

    /** Offset cursors: {@code o:<items before this page>}. */
    private static final String OFFSET = "o:";
    /** Key cursors of incremental reads: {@code k:<modifiedAt>|<external id>} of the last order read. */
    private static final String KEY = "k:";

    /** The connector: looks the account up by its key, then reads its data like a shop's API would. */
    private final class Connector implements ShopConnector {
        private final ConnectorDescriptor descriptor = new ConnectorDescriptor(ID, "Memory shop (tests)",
                List.of(CredentialField.secret(API_KEY, "API key", "Any key an account of the memory shop owns.")),
                URI.create("http://memory.invalid/"));

        @Override
        public ConnectorDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void validate(Connection connection) {
            account(connection).enter(Call.VALIDATE, null, null);
        }

        @Override
        public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
            Account account = account(connection);
            account.enter(Call.LISTINGS, cursor, query);
            List<Listing> matching = account.listingsNow().stream()
                    .filter(l -> !l.createdAt().isBefore(query.createdSince()))
                    .filter(l -> query.includeInactive() || l.active())
                    .toList();
            return byOffset(matching, cursor, account.pageSize);
        }

        @Override
        public Optional<Listing> listing(Connection connection, String externalId) {
            Account account = account(connection);
            account.enter(Call.LISTING, null, externalId);
            return account.listingNow(externalId);
        }

        @Override
        public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
            Account account = account(connection);
            account.enter(Call.ORDERS, cursor, query);
            List<ShopOrder> placed = account.ordersNow().stream()
                    .filter(o -> !o.placedAt().isBefore(query.placedSince()))
                    .toList();
            if (query.modifiedSince().isEmpty()) {
                return byOffset(placed.stream()
                        .sorted(Comparator.comparing(ShopOrder::placedAt).thenComparing(ShopOrder::externalId)).toList(),
                        cursor, account.pageSize);
            }
            Instant since = query.modifiedSince().get();
            List<ShopOrder> changed = placed.stream()
                    .filter(o -> !o.modifiedAt().isBefore(since))
                    .sorted(Comparator.comparing(ShopOrder::modifiedAt).thenComparing(ShopOrder::externalId))
                    .toList();
            return byKey(changed, cursor, account.pageSize);
        }

        private Account account(Connection connection) {
            Account account = accounts.get(connection.credential(API_KEY));
            if (account == null) {
                throw new InvalidCredentialsException("memory shop: the API key was not accepted");
            }
            return account;
        }
    }

    private static <T> Page<T> byOffset(List<T> all, Cursor cursor, int size) {
        int from = 0;
        if (!cursor.isStart()) {
            if (!cursor.value().startsWith(OFFSET)) {
                throw new MalformedResponseException("memory shop: not a cursor of this read: " + cursor.value());
            }
            from = Integer.parseInt(cursor.value().substring(OFFSET.length()));
        }
        int to = Math.min(all.size(), from + size);
        List<T> items = from >= all.size() ? List.of() : all.subList(from, to);
        Optional<Cursor> next = to < all.size() ? Optional.of(Cursor.of(OFFSET + to)) : Optional.empty();
        return new Page<>(items, next, OptionalLong.of(all.size()), OptionalInt.of((all.size() + size - 1) / size));
    }

    private static Page<ShopOrder> byKey(List<ShopOrder> sorted, Cursor cursor, int size) {
        List<ShopOrder> after = sorted;
        if (!cursor.isStart()) {
            if (!cursor.value().startsWith(KEY)) {
                throw new MalformedResponseException("memory shop: not a cursor of this read: " + cursor.value());
            }
            String[] key = cursor.value().substring(KEY.length()).split("\\|", 2);
            Instant modified = Instant.parse(key[0]);
            String id = key[1];
            after = sorted.stream().filter(o -> o.modifiedAt().isAfter(modified)
                    || o.modifiedAt().equals(modified) && o.externalId().compareTo(id) > 0).toList();
        }
        List<ShopOrder> items = after.subList(0, Math.min(size, after.size()));
        Optional<Cursor> next = after.size() > size
                ? Optional.of(Cursor.of(KEY + items.get(items.size() - 1).modifiedAt() + "|" + items.get(items.size() - 1).externalId()))
                : Optional.empty();
        return new Page<>(items, next, OptionalLong.empty(), OptionalInt.empty());
    }
}

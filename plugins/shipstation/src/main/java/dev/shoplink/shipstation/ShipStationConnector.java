package dev.shoplink.shipstation;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The ShipStation V1 ("classic") API as a Shoplink connector: Basic auth from the API key and
 * secret, products as listings (ShipStation lists every variant as its own product), orders with
 * their product lines, and ShipStation's US-Pacific timestamps converted to instants.
 *
 * <p>Paging: the cursor is ShipStation's page number (the start cursor is page 1), 500 items a
 * page, sorted ascending by creation date (products) or order / modification date (orders) so
 * that pages stay stable while the host walks them.
 *
 * <p>Rate limit: ShipStation allows 40 requests a minute per API key and announces the window in
 * {@code X-Rate-Limit-*} headers. A 429 becomes {@link dev.shoplink.api.RateLimitedException}
 * with {@code Retry-After}, else {@code X-Rate-Limit-Reset}, else 60 s. The connector also paces
 * ahead: once a response reports {@code X-Rate-Limit-Remaining: 0}, every call for the same API
 * key and base URL made before {@code X-Rate-Limit-Reset} seconds have passed (by
 * {@link Connection#clock()}) throws {@code RateLimitedException} with the remaining wait
 * <em>without sending a request</em>; the host waits and repeats the call. That pacing state is
 * the only state the connector keeps; it is shared by all instances in the plugin because PF4J
 * may create a new extension instance per lookup.
 */
@Extension
public final class ShipStationConnector implements ShopConnector {
    /** ShipStation's largest page. */
    static final int PAGE_SIZE = 500;

    static final URI DEFAULT_BASE_URL = URI.create("https://ssapi.shipstation.com");

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            "shipstation",
            "ShipStation",
            List.of(
                    new CredentialField(ShipStationClient.API_KEY, "API key", true, true),
                    new CredentialField(ShipStationClient.API_SECRET, "API secret", true, true)),
            DEFAULT_BASE_URL);

    private final ShipStationClient client;

    /** The instance PF4J creates. */
    public ShipStationConnector() {
        this(ShipStationClient.shared());
    }

    ShipStationConnector(ShipStationClient client) {
        this.client = client;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** {@code GET /accounts/listtags}: a small answer, and it needs valid credentials. */
    @Override
    public void validate(Connection connection) {
        String path = "/accounts/listtags";
        byte[] body = client.get(connection, path, Map.of());
        PayloadReader.requireJson(body, "GET " + path);
    }

    @Override
    public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
        int page = pageNumber(cursor);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("page", Integer.toString(page));
        params.put("pageSize", Integer.toString(PAGE_SIZE));
        params.put("sortBy", "CreateDate");
        params.put("sortDir", "ASC");
        params.put("showInactive", Boolean.toString(query.includeInactive()));
        if (query.createdSince().isAfter(Instant.EPOCH)) {
            params.put("startDate", PacificTime.formatForQuery(query.createdSince()));
        }
        String path = "/products";
        String endpoint = endpoint(path, params);
        Payloads.ProductList list = PayloadReader.productList(client.get(connection, path, params), endpoint);

        List<Listing> listings = new ArrayList<>(list.products().size());
        for (Payloads.Product product : list.products()) {
            if (product != null) {
                listings.add(product.toListing(endpoint));
            }
        }
        return page(listings, page, list.total(), list.pages());
    }

    @Override
    public Optional<Listing> listing(Connection connection, String externalId) {
        if (!externalId.matches("\\d{1,18}")) {
            // ShipStation's product ids are numbers; anything else cannot exist there
            return Optional.empty();
        }
        String path = "/products/" + externalId;
        String endpoint = "GET " + path;
        return client.getUnlessNotFound(connection, path, Map.of())
                .map(body -> PayloadReader.product(body, endpoint).toListing(endpoint));
    }

    /**
     * Orders placed at or after {@code placedSince} ({@code orderDateStart}, sorted by order date, paged
     * by page number), and when the query has {@code modifiedSince}, modified since then
     * ({@code modifyDateStart}, sorted by modification date, paged by key: see {@link ModifiedCursor}).
     *
     * <p>ShipStation's {@code orderDateStart} means "greater than": the query asks from one second before
     * the bound, so that an order placed exactly at midnight of the start date is not lost; the host drops
     * what lies before the bound.
     */
    @Override
    public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
        Optional<ModifiedCursor> keyset = query.modifiedSince().map(since -> ModifiedCursor.of(cursor, since));
        int page = keyset.map(ModifiedCursor::page).orElseGet(() -> pageNumber(cursor));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("page", Integer.toString(page));
        params.put("pageSize", Integer.toString(PAGE_SIZE));
        params.put("sortBy", keyset.isPresent() ? "ModifyDate" : "OrderDate");
        params.put("sortDir", "ASC");
        if (query.placedSince().isAfter(Instant.EPOCH)) {
            params.put("orderDateStart", PacificTime.formatForQuery(query.placedSince().minusSeconds(1)));
        }
        keyset.ifPresent(k -> params.put("modifyDateStart", PacificTime.formatForQuery(k.since())));
        String path = "/orders";
        String endpoint = endpoint(path, params);
        Payloads.OrderList list = PayloadReader.orderList(client.get(connection, path, params), endpoint);

        List<ShopOrder> orders = new ArrayList<>(list.orders().size());
        for (Payloads.Order order : list.orders()) {
            if (order != null) {
                orders.add(order.toShopOrder(endpoint));
            }
        }
        if (keyset.isPresent()) {
            return keyset.get().next(orders, list.total(), list.pages());
        }
        return page(orders, page, list.total(), list.pages());
    }

    /**
     * Where an incremental read stands: reading {@code modifyDateStart=since}, page {@code page}, after
     * {@code read} pages, having seen every order modified before {@code boundary} and those at
     * {@code boundary} named in {@code boundaryIds}.
     *
     * <p>Page numbers over a {@code ModifyDate} sort are not stable: an order modified while the host
     * reads moves to the end and every later order moves up one place, so the order at a page boundary
     * would be skipped (and, modified before this run's watermark, never read again). So the next page
     * starts a new query from the last modification time seen, minus a second (query values are whole
     * seconds; the bound's inclusivity is not documented), and drops what the previous pages already
     * returned: a page of a fresh query holds every order modified before its last one. The read goes on
     * by page number instead when a whole page lies in the second the query starts at, when the ids at
     * the boundary instant would not fit the cursor, when the shop answers with orders modified before the
     * query's start (it ignores the filter: restarting would re-read the list from its beginning), and for
     * a bare page-number cursor stored by an earlier version.
     */
    record ModifiedCursor(Instant since, int page, int read, Instant boundary, Set<String> boundaryIds, boolean byPage) {
        private static final String PREFIX = "modified:";
        /** The most characters of ids remembered at the boundary instant (the cursor column holds 2,000). */
        private static final int MAX_BOUNDARY_CHARS = 1_500;

        static ModifiedCursor of(Cursor cursor, Instant since) {
            if (cursor.isStart()) {
                return new ModifiedCursor(since, 1, 0, Instant.MIN, Set.of(), false);
            }
            String value = cursor.value();
            try {
                if (value.matches("\\d{1,9}")) {
                    // a page-number cursor stored before this format: go on by page number
                    int page = Integer.parseInt(value);
                    return new ModifiedCursor(since, page, page - 1, Instant.MIN, Set.of(), true);
                }
                String[] parts = value.startsWith(PREFIX) ? value.substring(PREFIX.length()).split(":", -1) : new String[0];
                if (parts.length == 6) {
                    Set<String> ids = parts[4].isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(parts[4].split(",")));
                    return new ModifiedCursor(Instant.ofEpochSecond(Long.parseLong(parts[0])), Integer.parseInt(parts[1]),
                            Integer.parseInt(parts[2]), instant(parts[3]), ids, parts[5].equals("page"));
                }
            } catch (NumberFormatException | java.time.DateTimeException | ArithmeticException e) {
                // reported below
            }
            throw new IllegalArgumentException("not a ShipStation incremental order cursor: " + value);
        }

        Page<ShopOrder> next(List<ShopOrder> raw, Long total, Integer pages) {
            List<ShopOrder> fresh = raw.stream().filter(o -> o.modifiedAt().isAfter(boundary)
                    || (o.modifiedAt().equals(boundary) && !boundaryIds.contains(o.externalId()))).toList();
            boolean more = !raw.isEmpty() && (pages != null ? page < pages : raw.size() >= PAGE_SIZE);
            Optional<Cursor> next = Optional.empty();
            if (more) {
                // the boundary never moves back: what lies before it was returned already
                Instant rawLast = raw.stream().map(ShopOrder::modifiedAt).max(Instant::compareTo).orElseThrow();
                Instant last = rawLast.isAfter(boundary) ? rawLast : boundary;
                Set<String> atLast = new LinkedHashSet<>(last.equals(boundary) ? boundaryIds : Set.of());
                raw.stream().filter(o -> o.modifiedAt().equals(last)).forEach(o -> atLast.add(o.externalId()));
                boolean idsFit = String.join(",", atLast).length() <= MAX_BOUNDARY_CHARS;
                // a shop that answers with orders modified before the query's start ignores the filter: restarting
                // would read the list from its beginning again and again, so go on by page number from here on
                boolean filterIgnored = raw.stream().anyMatch(o -> o.modifiedAt().getEpochSecond() < since.getEpochSecond());
                boolean stayByPage = byPage || filterIgnored;
                Instant restart = last.minusSeconds(1);
                ModifiedCursor following = !stayByPage && idsFit && restart.getEpochSecond() > since.getEpochSecond()
                        ? new ModifiedCursor(restart, 1, read + 1, last, atLast, false)
                        : new ModifiedCursor(since, page + 1, read + 1, last, idsFit ? atLast : Set.of(), stayByPage);
                next = Optional.of(following.cursor());
            }
            // the pages still to come of the current query, after those already read
            OptionalInt totalPages = pages == null ? OptionalInt.empty() : OptionalInt.of(read + pages - page + 1);
            return new Page<>(fresh, next, total == null ? OptionalLong.empty() : OptionalLong.of(total), totalPages);
        }

        Cursor cursor() {
            return Cursor.of(PREFIX + since.getEpochSecond() + ":" + page + ":" + read + ":" + boundary.getEpochSecond() + "."
                    + boundary.getNano() + ":" + String.join(",", boundaryIds) + ":" + (byPage ? "page" : "key"));
        }

        /** {@code seconds.nanoseconds} since the epoch, as {@link #cursor} writes it. */
        private static Instant instant(String text) {
            int dot = text.lastIndexOf('.');
            if (dot < 0) {
                throw new NumberFormatException(text);
            }
            return Instant.ofEpochSecond(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
        }
    }

    /**
     * The next page follows unless this one is empty or ShipStation says it was the last; without
     * a page count, a full page is taken to mean there may be more.
     */
    private static <T> Page<T> page(List<T> items, int page, Long total, Integer pages) {
        boolean more = !items.isEmpty() && (pages != null ? page < pages : items.size() >= PAGE_SIZE);
        return new Page<>(
                items,
                more ? Optional.of(Cursor.of(Integer.toString(page + 1))) : Optional.empty(),
                total == null ? OptionalLong.empty() : OptionalLong.of(total),
                pages == null ? OptionalInt.empty() : OptionalInt.of(pages));
    }

    private static int pageNumber(Cursor cursor) {
        if (cursor.isStart()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(cursor.value());
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a ShipStation page cursor: " + cursor.value());
    }

    private static String endpoint(String path, Map<String, String> params) {
        return "GET " + path + "?" + ShipStationClient.encode(params);
    }
}

package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * All orders, held as pre-serialized JSON plus the keys that {@code GET /orders} filters and sorts on.
 *
 * <p>Readers work on an immutable {@link Snapshot}; a mutation builds a new snapshot and swaps it in,
 * so a page is always served from one consistent state without locking readers.
 */
final class OrderBook {

    private static final ObjectMapper TREE = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    enum SortBy { ORDER_DATE, MODIFY_DATE, CREATE_DATE }

    /**
     * A parsed {@code GET /orders} query. Date bounds are Pacific local millis; absent bounds are
     * {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE} so the filter loop needs no null checks.
     *
     * @param status ordinal of {@link OrderStatus}, or -1 for all
     * @param sortBy null keeps orderId order
     */
    record Query(long orderDateStart, long orderDateEnd, long createDateStart, long createDateEnd,
            long modifyDateStart, long modifyDateEnd, int status, long storeId, SortBy sortBy,
            boolean descending, QueryParams.Paging paging) {

        static Query parse(QueryParams params, int pageSizeCap) {
            String status = params.text("orderStatus");
            String sortBy = params.text("sortBy");
            SortBy sort = null;
            if (sortBy != null) {
                sort = switch (sortBy.toLowerCase()) {
                    case "orderdate" -> SortBy.ORDER_DATE;
                    case "modifydate" -> SortBy.MODIFY_DATE;
                    case "createdate" -> SortBy.CREATE_DATE;
                    default -> throw new BadRequestException(
                            "sortBy must be OrderDate, ModifyDate or CreateDate: " + sortBy);
                };
            }
            String storeId = params.text("storeId");
            long store;
            try {
                store = storeId == null ? -1 : Long.parseLong(storeId);
            } catch (NumberFormatException e) {
                throw new BadRequestException("storeId must be a number: " + storeId);
            }
            return new Query(
                    params.date("orderDateStart", Long.MIN_VALUE),
                    params.date("orderDateEnd", Long.MAX_VALUE),
                    params.date("createDateStart", Long.MIN_VALUE),
                    params.date("createDateEnd", Long.MAX_VALUE),
                    params.date("modifyDateStart", Long.MIN_VALUE),
                    params.date("modifyDateEnd", Long.MAX_VALUE),
                    status == null ? -1 : OrderStatus.fromWire(status).ordinal(),
                    store,
                    sort,
                    params.descending(),
                    params.paging(pageSizeCap));
        }
    }

    /**
     * Arrays indexed by order position (orderId - FIRST_ORDER_ID); {@code by*} are sort permutations. The
     * ShipStation keys are Pacific local millis; the Shopify keys ({@code created}, {@code updated},
     * {@code cancelled}: -1 for none) are epoch seconds, Shopify's precision, of the same moments.
     */
    record Snapshot(byte[][] json, long[] orderDate, long[] createDate, long[] modifyDate, byte[] status,
            int[] byOrderDate, int[] byCreateDate, int[] byModifyDate,
            long[] created, long[] updated, long[] cancelled, int[] byCreated, int[] byUpdated) {

        int size() {
            return json.length;
        }
    }

    private volatile Snapshot snapshot;
    private final SplittableRandom mutationRandom;
    private final List<Product> products;

    /**
     * @param seed the shop's seed: mutations draw from a stream derived from it, so a test that mutates
     *     the same shop twice sees the same orders change
     * @param products the catalog mutations pick added lines from
     */
    OrderBook(long seed, List<Product> products, byte[][] json, long[] orderDate, long[] createDate,
            long[] modifyDate, byte[] status, long[] placedAtMillis, long[] modifiedAtMillis) {
        this.mutationRandom = ShopGenerator.random(seed, 0x5EED_00FFL, 0);
        this.products = List.copyOf(products);
        int n = json.length;
        long[] created = new long[n];
        long[] updated = new long[n];
        long[] cancelled = new long[n];
        for (int i = 0; i < n; i++) {
            created[i] = Math.floorDiv(placedAtMillis[i], 1000L);
            updated[i] = Math.floorDiv(modifiedAtMillis[i], 1000L);
            // mutations never cancel an order: when it was cancelled is fixed at generation
            cancelled[i] = status[i] == OrderStatus.CANCELLED.ordinal() ? updated[i] : -1;
        }
        this.snapshot = new Snapshot(json, orderDate, createDate, modifyDate, status,
                sortedBy(orderDate), sortedBy(createDate), sortedBy(modifyDate),
                created, updated, cancelled, sortedBy(created), sortedBy(updated));
    }

    /** The current state, for a reader that needs several orders from one consistent state (the Shopify view). */
    Snapshot snapshot() {
        return snapshot;
    }

    int size() {
        return snapshot.json().length;
    }

    /** Positions ordered by key, ties broken by position — i.e. by orderId — so paging is stable. */
    private static int[] sortedBy(long[] key) {
        Integer[] positions = new Integer[key.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        Arrays.sort(positions, Comparator.<Integer>comparingLong(i -> key[i]).thenComparingInt(i -> i));
        return Arrays.stream(positions).mapToInt(Integer::intValue).toArray();
    }

    byte[] find(long orderId) {
        Snapshot s = snapshot;
        long position = orderId - ShopGenerator.FIRST_ORDER_ID;
        return position < 0 || position >= s.json().length ? null : s.json()[(int) position];
    }

    Page query(Query q) {
        Snapshot s = snapshot;
        int n = s.json().length;
        int[] order = q.sortBy() == null ? null : switch (q.sortBy()) {
            case ORDER_DATE -> s.byOrderDate();
            case MODIFY_DATE -> s.byModifyDate();
            case CREATE_DATE -> s.byCreateDate();
        };
        boolean storeMatches = q.storeId() < 0 || q.storeId() == ShopGenerator.STORE_ID;
        long skip = q.paging().firstMatch();
        int pageSize = q.paging().pageSize();
        List<byte[]> items = new ArrayList<>(Math.min(pageSize, 512));
        int total = 0;
        if (storeMatches) {
            long[] orderDate = s.orderDate();
            long[] createDate = s.createDate();
            long[] modifyDate = s.modifyDate();
            byte[] status = s.status();
            for (int k = 0; k < n; k++) {
                int step = q.descending() ? n - 1 - k : k;
                int i = order == null ? step : order[step];
                if (orderDate[i] > q.orderDateStart() && orderDate[i] <= q.orderDateEnd()
                        && createDate[i] > q.createDateStart() && createDate[i] < q.createDateEnd()
                        && modifyDate[i] > q.modifyDateStart() && modifyDate[i] < q.modifyDateEnd()
                        && (q.status() < 0 || status[i] == q.status())) {
                    if (total >= skip && items.size() < pageSize) {
                        items.add(s.json()[i]);
                    }
                    total++;
                }
            }
        }
        return new Page(items, total, q.paging().page(), q.paging().pages(total));
    }

    /**
     * Changes {@code count} distinct orders "now": each gets {@code modifyDate = at}, moves along its
     * status path (awaiting_payment → awaiting_shipment → shipped, on_hold → awaiting_shipment) and an
     * open order sometimes gains a line. Which orders and what changes follow the shop's seed.
     */
    synchronized MutationBatch mutate(int count, Instant at) {
        Snapshot s = snapshot;
        int n = s.json().length;
        int k = Math.max(0, Math.min(count, n));
        SplittableRandom rng = mutationRandom;
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        int[] chosen = Arrays.copyOf(pool, k);
        Arrays.sort(chosen);

        long local = PacificTime.localMillis(at);
        byte[][] json = s.json().clone();
        long[] modifyDate = s.modifyDate().clone();
        long[] updated = s.updated().clone();
        byte[] status = s.status().clone();
        List<Long> ids = new ArrayList<>(k);
        for (int position : chosen) {
            try {
                ObjectNode order = (ObjectNode) TREE.readTree(json[position]);
                OrderStatus next = change(order, position, local, rng);
                json[position] = TREE.writeValueAsBytes(order);
                status[position] = (byte) next.ordinal();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            modifyDate[position] = local;
            updated[position] = at.getEpochSecond();
            ids.add(ShopGenerator.FIRST_ORDER_ID + position);
        }
        snapshot = new Snapshot(json, s.orderDate(), s.createDate(), modifyDate, status,
                s.byOrderDate(), s.byCreateDate(), sortedBy(modifyDate),
                s.created(), updated, s.cancelled(), s.byCreated(), sortedBy(updated));
        return new MutationBatch(at, PacificTime.orderStamp(local), List.copyOf(ids));
    }

    private OrderStatus change(ObjectNode order, int position, long local, SplittableRandom rng)
            throws IOException {
        OrderStatus current = OrderStatus.fromWire(order.get("orderStatus").asText());
        boolean open = current == OrderStatus.AWAITING_PAYMENT || current == OrderStatus.AWAITING_SHIPMENT
                || current == OrderStatus.ON_HOLD || current == OrderStatus.PENDING_FULFILLMENT;
        ArrayNode items = (ArrayNode) order.get("items");
        int productLines = 0;
        for (JsonNode item : items) {
            productLines += item.path("adjustment").asBoolean() ? 0 : 1;
        }
        if (open && productLines < ShopGenerator.MAX_PRODUCT_LINES && !products.isEmpty() && rng.nextInt(10) < 3) {
            Product product = products.get(rng.nextInt(products.size()));
            Order.Item added = OrderGenerator.item(position, items.size(), product, 1 + rng.nextInt(2),
                    OrderGenerator.lineItemKey(rng), local);
            items.add(TREE.readTree(ShipStationJson.bytes(json -> ShipStationOrderJson.item(json, added))));
            BigDecimal lineTotal = ShipStationJson.money(added.unitPriceCents() * added.quantity());
            order.put("orderTotal", ShipStationJson.decimal(order.get("orderTotal").decimalValue().add(lineTotal)));
            ObjectNode weight = (ObjectNode) order.get("weight");
            weight.put("value", ShipStationJson.decimal(weight.get("value").decimalValue()
                    .add(ShipStationJson.money(added.weightHundredthsOz() * added.quantity()))));
            if (current != OrderStatus.AWAITING_PAYMENT) {
                order.put("amountPaid", order.get("orderTotal").decimalValue());
            }
        }
        OrderStatus next = switch (current) {
            case AWAITING_PAYMENT, ON_HOLD -> OrderStatus.AWAITING_SHIPMENT;
            case AWAITING_SHIPMENT, PENDING_FULFILLMENT ->
                    rng.nextBoolean() ? OrderStatus.SHIPPED : current;
            default -> current;
        };
        String stamp = PacificTime.orderStamp(local);
        if (current == OrderStatus.AWAITING_PAYMENT) {
            order.put("paymentDate", stamp);
            order.put("amountPaid", order.get("orderTotal").decimalValue());
        }
        if (current == OrderStatus.ON_HOLD) {
            order.putNull("holdUntilDate");
            order.putNull("internalNotes");
        }
        if (next == OrderStatus.SHIPPED && current != OrderStatus.SHIPPED) {
            order.put("shipDate", PacificTime.dateStamp(local));
            order.put("carrierCode", "stamps_com");
            order.put("serviceCode", "usps_priority_mail");
            order.put("packageCode", "package");
        }
        if (next == current && (current == OrderStatus.SHIPPED || current == OrderStatus.CANCELLED)) {
            order.put("internalNotes", "Customer asked about this order");
        }
        order.put("orderStatus", next.wireName());
        order.put("modifyDate", stamp);
        return next;
    }
}

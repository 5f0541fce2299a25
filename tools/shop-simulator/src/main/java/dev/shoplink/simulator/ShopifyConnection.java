package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Shopify's connections: a page forward ({@code first} ≤ {@value #MAX_PAGE_SIZE}, {@code after}) with keyset
 * cursors (Base64 of the last sort value and id, as Shopify's), answered as {@code edges { cursor node }},
 * {@code nodes} and {@code pageInfo}.
 */
final class ShopifyConnection {
    static final int MAX_PAGE_SIZE = 250;
    /** The argument that marks a connection read whole by a bulk operation, beyond {@link #MAX_PAGE_SIZE}. */
    static final String BULK_ARG = "__bulk";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ShopifyConnection() {
    }

    /** An item with its sort value and id: the keyset position a cursor names. */
    record Keyed<T>(T item, long value, long id) {
        static final Comparator<Keyed<?>> ORDER = Comparator.<Keyed<?>>comparingLong(Keyed::value)
                .thenComparingLong(Keyed::id);

        String cursor() {
            return Base64.getEncoder().encodeToString(("{\"last_id\":" + id + ",\"last_value\":\"" + value + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One page of a connection and whether items lie before and after it. */
    private record Page<T>(List<Keyed<T>> items, boolean hasPrevious, boolean hasNext) {
        String cursor(int index) {
            return items.isEmpty() ? null : items.get(index).cursor();
        }
    }

    /**
     * A page of {@code items} (already in the connection's order: ascending by value and id, or descending when
     * {@code reverse}) after the {@code after} cursor.
     */
    static <T> JsonNode page(GraphQl.Field f, String type, Iterator<Keyed<T>> items, boolean reverse,
            Function<T, GraphQlObject> node) {
        Page<T> page = read(f, items, reverse);
        return new GraphQlObject(type + "Connection")
                .put("edges", e -> {
                    ArrayNode edges = NODES.arrayNode();
                    for (Keyed<T> item : page.items()) {
                        edges.add(new GraphQlObject(type + "Edge").put("cursor", item.cursor())
                                .put("node", n -> node.apply(item.item()).project(n)).project(e));
                    }
                    return edges;
                })
                .put("nodes", n -> {
                    ArrayNode nodes = NODES.arrayNode();
                    for (Keyed<T> item : page.items()) {
                        nodes.add(node.apply(item.item()).project(n));
                    }
                    return nodes;
                })
                .put("pageInfo", p -> new GraphQlObject("PageInfo")
                        .put("hasNextPage", page.hasNext())
                        .put("hasPreviousPage", page.hasPrevious())
                        .put("startCursor", page.cursor(0))
                        .put("endCursor", page.cursor(page.items().size() - 1))
                        .project(p))
                .project(f);
    }

    private static <T> Page<T> read(GraphQl.Field f, Iterator<Keyed<T>> items, boolean reverse) {
        int first = first(f);
        Keyed<?> after = f.arg("after").isTextual() ? decodeCursor(f.arg("after").asText()) : null;
        List<Keyed<T>> page = new ArrayList<>();
        boolean skipped = false;
        boolean more = false;
        while (items.hasNext()) {
            Keyed<T> item = items.next();
            if (after != null) {
                int c = Keyed.ORDER.compare(item, after);
                if (reverse ? c >= 0 : c <= 0) {
                    skipped = true;
                    continue;
                }
            }
            if (page.size() == first) {
                more = true;
                break;
            }
            page.add(item);
        }
        return new Page<>(page, skipped, more);
    }

    /** The page size a connection asks for; a bulk operation reads it whole. */
    private static int first(GraphQl.Field f) {
        if (!f.arg("last").isNull() || !f.arg("before").isNull()) {
            throw new GraphQl.Error("The simulator pages forward only (first and after), not with last or before", "UNSUPPORTED");
        }
        JsonNode firstArg = f.arg("first");
        if (!firstArg.canConvertToInt()) {
            throw new GraphQl.Error("you must provide one of first or last", "BAD_REQUEST");
        }
        int first = f.args().containsKey(BULK_ARG) ? Integer.MAX_VALUE : firstArg.asInt();
        if (first < 0 || (first > MAX_PAGE_SIZE && !f.args().containsKey(BULK_ARG))) {
            throw new GraphQl.Error("The 'first' argument of '" + f.name() + "' must be between 0 and " + MAX_PAGE_SIZE
                    + "; got " + first, "BAD_REQUEST");
        }
        return first;
    }

    private static Keyed<?> decodeCursor(String cursor) {
        try {
            JsonNode key = ShopifyApi.MAPPER.readTree(Base64.getDecoder().decode(cursor));
            if (key != null && key.path("last_id").canConvertToLong() && key.path("last_value").isTextual()) {
                return new Keyed<>(null, Long.parseLong(key.get("last_value").asText()), key.get("last_id").asLong());
            }
        } catch (IOException | IllegalArgumentException e) {
            // answered below
        }
        throw new GraphQl.Error("Invalid cursor for current pagination: " + cursor, "BAD_REQUEST");
    }

    static GraphQl.Error invalidSortKey(GraphQl.Field f, String value, String type, String supported) {
        return new GraphQl.Error("Argument 'sortKey' on Field '" + f.name() + "' has an invalid value (" + value
                + "). Expected type '" + type + "' (the simulator supports " + supported + ").", "argumentLiteralsIncompatible");
    }
}

package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.simulator.GraphQl.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Shopify's documented query cost: scalars and enums 0, an object 1, a connection (a field with {@code first} or
 * {@code last}) 2 plus {@code first} times the cost of one node (the node itself 1 plus what it selects);
 * {@code edges}, {@code node}, {@code nodes}, {@code pageInfo} and {@code cursor} are the connection's own and cost
 * nothing. {@link #actual} applies the same formula to what was returned.
 */
final class ShopifyQueryCost {
    private static final List<String> CONNECTION_PARTS = List.of("edges", "node", "nodes", "pageInfo", "cursor");

    private ShopifyQueryCost() {
    }

    /** What Shopify reserves for the selections before running them. */
    static int requested(List<Field> selections) {
        int cost = 0;
        for (Field f : selections) {
            if (f.selections().isEmpty() || CONNECTION_PARTS.contains(f.name())) {
                continue;
            }
            if (f.isConnection()) {
                int first = Math.max(f.arg("first").asInt(0), f.arg("last").asInt(0));
                cost += 2 + first * (1 + requested(f.nodeSelections()));
            } else {
                cost += 1 + requested(f.selections());
            }
        }
        return cost;
    }

    /** The same formula over what the answer holds: connections count the nodes returned. */
    static int actual(List<Field> selections, JsonNode object) {
        int cost = 0;
        for (Field f : selections) {
            if (f.selections().isEmpty() || CONNECTION_PARTS.contains(f.name())) {
                continue;
            }
            JsonNode value = object == null ? null : object.get(f.key());
            if (value == null || value.isNull()) {
                cost += 1;
            } else if (f.isConnection()) {
                cost += 2;
                for (JsonNode node : connectionNodes(f, value)) {
                    cost += 1 + actual(f.nodeSelections(), node);
                }
            } else if (value.isArray()) {
                cost += 1;
                for (JsonNode element : value) {
                    cost += actual(f.selections(), element);
                }
            } else {
                cost += 1 + actual(f.selections(), value);
            }
        }
        return cost;
    }

    private static List<JsonNode> connectionNodes(Field connection, JsonNode value) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Field part : connection.selections()) {
            JsonNode items = value.get(part.key());
            if (items == null || !items.isArray()) {
                continue;
            }
            if (part.name().equals("nodes")) {
                items.forEach(nodes::add);
                return nodes;
            }
            if (part.name().equals("edges")) {
                for (Field e : part.selections()) {
                    if (e.name().equals("node")) {
                        items.forEach(edge -> nodes.add(edge.get(e.key())));
                    }
                }
                return nodes;
            }
        }
        return nodes;
    }
}

package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One object of the simulated Shopify schema: its fields as values, or as resolvers for fields with
 * arguments or selections. {@link #project} answers only what a query selects, so a resolver runs only
 * when its field is asked for; an unknown field is an {@code undefinedField} error.
 */
final class GraphQlObject {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String type;
    private final Map<String, Function<GraphQl.Field, JsonNode>> fields = new LinkedHashMap<>();

    GraphQlObject(String type) {
        this.type = type;
    }

    GraphQlObject put(String name, String value) {
        JsonNode node = value == null ? NullNode.getInstance() : NODES.textNode(value);
        fields.put(name, f -> node);
        return this;
    }

    GraphQlObject put(String name, long value) {
        fields.put(name, f -> NODES.numberNode(value));
        return this;
    }

    GraphQlObject put(String name, boolean value) {
        fields.put(name, f -> NODES.booleanNode(value));
        return this;
    }

    GraphQlObject put(String name, Function<GraphQl.Field, JsonNode> resolver) {
        fields.put(name, resolver);
        return this;
    }

    JsonNode project(GraphQl.Field field) {
        return project(field.selections());
    }

    ObjectNode project(List<GraphQl.Field> selections) {
        ObjectNode out = NODES.objectNode();
        for (GraphQl.Field s : selections) {
            if (s.name().equals("__typename")) {
                out.put(s.key(), type);
                continue;
            }
            Function<GraphQl.Field, JsonNode> resolver = fields.get(s.name());
            if (resolver == null) {
                throw new GraphQl.Error("Field '" + s.name() + "' doesn't exist on type '" + type + "'", "undefinedField");
            }
            out.set(s.key(), resolver.apply(s));
        }
        return out;
    }
}

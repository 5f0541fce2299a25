package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplink.simulator.ShopifyConnection.Keyed;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The GraphQL side of Shopify's bulk operations: the {@code bulkOperationRunQuery} mutation (checking the query
 * as Shopify does and starting it on {@link ShopifyBulk}), the {@code BulkOperation} object, and the JSONL
 * export of a bulk query's top-level connection.
 */
final class ShopifyBulkQueries {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ShopifyBulk bulk;
    /** Runs a bulk query over a request whose sink receives its lines (the query root's execution). */
    private final BiConsumer<GraphQl.Operation, ShopifyRequest> execute;

    ShopifyBulkQueries(ShopifyBulk bulk, BiConsumer<GraphQl.Operation, ShopifyRequest> execute) {
        this.bulk = bulk;
        this.execute = execute;
    }

    /**
     * {@code bulkOperationRunQuery(query:, groupObjects:)}: checks the query (one top-level connection,
     * {@code products} or {@code orders}; nested connections one level deep), then starts the operation over
     * the order-book state of this request. Too many running operations is a {@code userErrors} entry, as
     * Shopify answers it.
     */
    JsonNode runQuery(GraphQl.Field f, ShopifyRequest request) {
        JsonNode queryArg = f.arg("query");
        if (!queryArg.isTextual()) {
            throw new GraphQl.Error("Field 'bulkOperationRunQuery' is missing required arguments: query", "missingRequiredArguments");
        }
        List<ObjectNode> userErrors = new ArrayList<>();
        ShopifyBulk.Operation started = null;
        GraphQl.Operation parsed = null;
        try {
            parsed = GraphQl.parse(queryArg.asText(), null, null);
            String problem = problem(parsed);
            if (problem != null) {
                userErrors.add(userError(problem, "INVALID"));
            }
        } catch (GraphQl.Error e) {
            userErrors.add(userError("Invalid bulk query: " + e.getMessage(), "INVALID"));
        }
        if (userErrors.isEmpty()) {
            ObjectNode refused = refusal(request.version);
            if (refused != null) {
                userErrors.add(refused);
            } else {
                started = start(queryArg.asText(), parsed, f.arg("groupObjects").asBoolean(false), request);
            }
        }
        return payload(f, started, userErrors, request);
    }

    /** The user error of a shop already running as many operations as the API version allows, or null. */
    private ObjectNode refusal(String version) {
        boolean concurrent = version.equals("unstable") || version.compareTo("2026-01") >= 0;
        long running = bulk.running();
        if (concurrent && running >= ShopifyBulk.CONCURRENT_SINCE_2026_01) {
            return userError("Bulk operations limit reached. Please try again later.", "LIMIT_REACHED");
        }
        if (!concurrent && running > 0) {
            return userError("A bulk query operation for this app and shop is already in progress: "
                    + bulk.latest().gid() + ".", "OPERATION_IN_PROGRESS");
        }
        return null;
    }

    private ShopifyBulk.Operation start(String query, GraphQl.Operation parsed, boolean groupObjects,
            ShopifyRequest request) {
        ShopifyRequest job = new ShopifyRequest(request.orders, request.version, request.origin);
        job.groupObjects = groupObjects;
        return bulk.start(query, sink -> {
            job.sink = sink;
            execute.accept(parsed, job);
        });
    }

    private JsonNode payload(GraphQl.Field f, ShopifyBulk.Operation op, List<ObjectNode> userErrors,
            ShopifyRequest request) {
        return new GraphQlObject("BulkOperationRunQueryPayload")
                .put("bulkOperation", b -> op == null ? NullNode.getInstance() : operation(op, request).project(b))
                .put("userErrors", u -> {
                    ArrayNode errors = NODES.arrayNode();
                    for (ObjectNode e : userErrors) {
                        errors.add(new GraphQlObject("BulkOperationUserError").put("field", g -> NODES.arrayNode().add("query"))
                                .put("message", e.get("message").asText()).put("code", e.get("code").asText()).project(u));
                    }
                    return errors;
                })
                .project(f);
    }

    private static ObjectNode userError(String message, String code) {
        return NODES.objectNode().put("message", message).put("code", code);
    }

    /** Why Shopify would refuse this bulk query, or null. */
    private static String problem(GraphQl.Operation inner) {
        if (inner.mutation()) {
            return "Bulk queries cannot contain mutations.";
        }
        if (inner.selections().size() != 1) {
            return "Bulk queries must contain exactly one top-level field.";
        }
        GraphQl.Field root = inner.selections().get(0);
        if (!root.name().equals("products") && !root.name().equals("orders")) {
            return "The simulator runs bulk queries over products or orders, not '" + root.name() + "'.";
        }
        if (root.nodeSelections().isEmpty()) {
            return "Bulk queries must contain at least one connection.";
        }
        for (GraphQl.Field child : root.nodeSelections()) {
            if (isConnection(child)) {
                for (GraphQl.Field grandChild : child.nodeSelections()) {
                    if (isConnection(grandChild)) {
                        return "Bulk queries cannot contain connections with a nesting depth greater than 2.";
                    }
                }
            }
        }
        return null;
    }

    /** In a bulk query connections need no {@code first}: a field selecting {@code edges} or {@code nodes} is one. */
    private static boolean isConnection(GraphQl.Field f) {
        return f.selections().stream().anyMatch(s -> s.name().equals("edges") || s.name().equals("nodes"));
    }

    /** The {@code BulkOperation} object of {@code op}. */
    GraphQlObject operation(ShopifyBulk.Operation op, ShopifyRequest request) {
        return new GraphQlObject("BulkOperation")
                .put("id", op.gid())
                .put("type", "QUERY")
                .put("status", op.status)
                .put("errorCode", op.errorCode)
                .put("createdAt", op.createdAt.toString())
                .put("completedAt", op.completedAt == null ? null : op.completedAt.toString())
                .put("objectCount", Long.toString(op.objectCount.get()))
                .put("rootObjectCount", Long.toString(op.rootObjectCount.get()))
                .put("fileSize", op.status.equals("COMPLETED") && op.file != null ? Long.toString(op.fileSize) : null)
                .put("url", bulk.url(op, request.origin))
                .put("partialDataUrl", (String) null)
                .put("query", op.query);
    }

    /**
     * A bulk operation's top-level connection: every item as a JSONL line of its own selections, and the nodes of
     * its nested connections as lines with {@code __parentId}. With {@code groupObjects: true} a parent's nodes
     * follow it directly; without, they follow the <em>next</em> parent (Shopify only promises "after the
     * parent"), so a reader that needs grouping has to ask for it.
     */
    static <T> JsonNode write(GraphQl.Field f, ShopifyRequest request, Iterator<Keyed<T>> items, String type,
            Function<T, GraphQlObject> node) {
        List<GraphQl.Field> own = new ArrayList<>();
        List<GraphQl.Field> nested = new ArrayList<>();
        for (GraphQl.Field s : f.nodeSelections()) {
            (isConnection(s) ? nested : own).add(s);
        }
        List<JsonNode> deferred = new ArrayList<>();
        while (items.hasNext()) {
            Keyed<T> item = items.next();
            GraphQlObject obj = node.apply(item.item());
            request.sink.write(obj.project(own), true);
            flush(request, deferred);
            children(obj, nested, "gid://shopify/" + type + "/" + item.id(), deferred);
            if (request.groupObjects) {
                flush(request, deferred);
            }
        }
        flush(request, deferred);
        return NullNode.getInstance();
    }

    /** Adds the nodes of {@code parent}'s nested connections, each read whole and marked with its parent. */
    private static void children(GraphQlObject parent, List<GraphQl.Field> nested, String parentId, List<JsonNode> to) {
        for (GraphQl.Field c : nested) {
            Map<String, JsonNode> args = new LinkedHashMap<>(c.args());
            args.put("first", NODES.numberNode(Integer.MAX_VALUE));
            args.put(ShopifyConnection.BULK_ARG, NODES.booleanNode(true));
            GraphQl.Field whole = new GraphQl.Field(null, c.name(), args,
                    List.of(new GraphQl.Field(null, "nodes", Map.of(), c.nodeSelections())));
            for (JsonNode child : parent.project(List.of(whole)).path(c.name()).path("nodes")) {
                ((ObjectNode) child).put("__parentId", parentId);
                to.add(child);
            }
        }
    }

    private static void flush(ShopifyRequest request, List<JsonNode> deferred) {
        for (JsonNode child : deferred) {
            request.sink.write(child, false);
        }
        deferred.clear();
    }
}

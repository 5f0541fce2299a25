package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Just enough GraphQL for the Shopify view: one query operation (named or anonymous, picked by
 * {@code operationName} when the document has several) with variable definitions, fields with
 * aliases and arguments (variables or literals: numbers, strings, booleans, null, enum names), and
 * nested selection sets, and mutation operations (whose root fields {@link ShopifyQueryRoot} resolves:
 * {@code bulkOperationRunQuery}). Fragments, directives and subscriptions are refused with an error, as a
 * server that does not know them would. Variables are bound while parsing ({@link GraphQlParser} over a
 * {@link GraphQlLexer}), so each {@link Field} carries its argument values. What a query costs is
 * {@link ShopifyQueryCost}'s.
 */
final class GraphQl {

    /** A GraphQL error answered with HTTP 200 in the {@code errors} array. */
    static final class Error extends RuntimeException {
        private final String code;

        Error(String message, String code) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** One selected field. {@code args} hold bound values ({@link NullNode} for null). */
    record Field(String alias, String name, Map<String, JsonNode> args, List<Field> selections) {

        /** The key the field's value has in the answer. */
        String key() {
            return alias != null ? alias : name;
        }

        JsonNode arg(String argument) {
            JsonNode value = args.get(argument);
            return value == null ? NullNode.getInstance() : value;
        }

        boolean isConnection() {
            return args.containsKey("first") || args.containsKey("last");
        }

        /** The selections of one node of this connection: under {@code nodes}, or {@code edges { node }}. */
        List<Field> nodeSelections() {
            List<Field> node = new ArrayList<>();
            for (Field f : selections) {
                if (f.name.equals("nodes")) {
                    node.addAll(f.selections);
                } else if (f.name.equals("edges")) {
                    for (Field e : f.selections) {
                        if (e.name.equals("node")) {
                            node.addAll(e.selections);
                        }
                    }
                }
            }
            return node;
        }
    }

    /** A parsed operation: its name (may be null), the root selections, and whether it is a mutation. */
    record Operation(String name, List<Field> selections, boolean mutation) {
    }

    /** Where an operation of the document starts and its name (null when anonymous). */
    private record Start(int position, String name) {
    }

    private GraphQl() {
    }

    /** Parses {@code document} and picks the operation to run, binding {@code variables}. */
    static Operation parse(String document, String operationName, JsonNode variables) {
        if (document == null || document.isBlank()) {
            throw new Error("No query string was present", "MISSING_QUERY");
        }
        List<Start> starts = starts(new GraphQlLexer(document));
        if (starts.isEmpty()) {
            throw new Error("No operations in the document", "MISSING_QUERY");
        }
        Start chosen = starts.get(0);
        if (operationName != null && !operationName.isEmpty()) {
            chosen = starts.stream().filter(s -> operationName.equals(s.name())).findFirst()
                    .orElseThrow(() -> new Error("No operation named \"" + operationName + "\"", "OPERATION_NOT_FOUND"));
        } else if (starts.size() > 1) {
            throw new Error("An operation name is required", "OPERATION_NAME_REQUIRED");
        }
        GraphQlLexer lex = new GraphQlLexer(document);
        lex.seek(chosen.position());
        return new GraphQlParser(lex, variables).operation(chosen.name());
    }

    /** A first pass over the document: where each operation starts and its name. */
    private static List<Start> starts(GraphQlLexer scan) {
        List<Start> starts = new ArrayList<>();
        while (true) {
            scan.skipIgnored();
            if (scan.atEnd()) {
                return starts;
            }
            int start = scan.position();
            String name = null;
            if (scan.peek() != '{') {
                String keyword = scan.name();
                if (keyword.equals("subscription")) {
                    throw new Error("The simulator serves queries only, not " + keyword + "s", "UNSUPPORTED");
                }
                if (keyword.equals("fragment")) {
                    throw new Error("The simulator does not support fragments", "UNSUPPORTED");
                }
                if (!keyword.equals("query") && !keyword.equals("mutation")) {
                    throw scan.syntax("unexpected '" + keyword + "'");
                }
                scan.skipIgnored();
                if (scan.atNameStart()) {
                    name = scan.name();
                }
            }
            starts.add(new Start(start, name));
            scan.skipBalancedToEndOfOperation();
        }
    }
}

package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough GraphQL for the Shopify view: one query operation (named or anonymous, picked by
 * {@code operationName} when the document has several) with variable definitions, fields with
 * aliases and arguments (variables or literals: numbers, strings, booleans, null, enum names), and
 * nested selection sets, and mutation operations (whose root fields {@link ShopifyQueryRoot} resolves:
 * {@code bulkOperationRunQuery}). Fragments, directives and subscriptions are refused with an error, as a
 * server that does not know them would. Variables are bound while parsing, so each {@link Field} carries
 * its argument values.
 *
 * <p>{@link #requestedCost} is Shopify's documented formula: scalars and enums 0, an object 1, a
 * connection (a field with {@code first} or {@code last}) 2 plus {@code first} times the cost of one
 * node (the node itself 1 plus what it selects); {@code edges}, {@code node}, {@code nodes},
 * {@code pageInfo} and {@code cursor} are the connection's own and cost nothing. {@link #actualCost}
 * applies the same formula to what was returned.
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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final JsonNode variables;
    private final Map<String, JsonNode> defaults = new HashMap<>();
    private int at;

    private GraphQl(String text, JsonNode variables) {
        this.text = text;
        this.variables = variables == null || variables.isNull() ? NODES.objectNode() : variables;
    }

    /** Parses {@code document} and picks the operation to run, binding {@code variables}. */
    static Operation parse(String document, String operationName, JsonNode variables) {
        if (document == null || document.isBlank()) {
            throw new Error("No query string was present", "MISSING_QUERY");
        }
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        GraphQl scan = new GraphQl(document, variables);
        // first pass: where each operation starts and its name
        while (true) {
            scan.skipIgnored();
            if (scan.at >= scan.text.length()) {
                break;
            }
            int start = scan.at;
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
                if (Character.isLetter(scan.peek()) || scan.peek() == '_') {
                    name = scan.name();
                }
            }
            starts.add(start);
            names.add(name);
            scan.skipBalancedToEndOfOperation();
        }
        if (starts.isEmpty()) {
            throw new Error("No operations in the document", "MISSING_QUERY");
        }
        int chosen = 0;
        if (operationName != null && !operationName.isEmpty()) {
            chosen = names.indexOf(operationName);
            if (chosen < 0) {
                throw new Error("No operation named \"" + operationName + "\"", "OPERATION_NOT_FOUND");
            }
        } else if (starts.size() > 1) {
            throw new Error("An operation name is required", "OPERATION_NAME_REQUIRED");
        }
        GraphQl parser = new GraphQl(document, variables);
        parser.at = starts.get(chosen);
        return parser.operation(names.get(chosen));
    }

    private Operation operation(String name) {
        skipIgnored();
        boolean mutation = false;
        if (peek() != '{') {
            mutation = name().equals("mutation");
            skipIgnored();
            if (Character.isLetter(peek()) || peek() == '_') {
                name();
                skipIgnored();
            }
            if (peek() == '(') {
                variableDefinitions();
            }
            skipIgnored();
            if (peek() == '@') {
                throw new Error("The simulator does not support directives", "UNSUPPORTED");
            }
        }
        return new Operation(name, selectionSet(), mutation);
    }

    private void variableDefinitions() {
        expect('(');
        while (true) {
            skipIgnored();
            if (peek() == ')') {
                at++;
                return;
            }
            expect('$');
            String variable = name();
            skipIgnored();
            expect(':');
            type();
            skipIgnored();
            if (peek() == '=') {
                at++;
                defaults.put(variable, value());
            }
        }
    }

    private void type() {
        skipIgnored();
        if (peek() == '[') {
            at++;
            type();
            skipIgnored();
            expect(']');
        } else {
            name();
        }
        skipIgnored();
        if (peek() == '!') {
            at++;
        }
    }

    private List<Field> selectionSet() {
        skipIgnored();
        expect('{');
        List<Field> fields = new ArrayList<>();
        while (true) {
            skipIgnored();
            char c = peek();
            if (c == '}') {
                at++;
                if (fields.isEmpty()) {
                    throw syntax("an empty selection set");
                }
                return fields;
            }
            if (c == '.') {
                throw new Error("The simulator does not support fragments", "UNSUPPORTED");
            }
            String first = name();
            String alias = null;
            String name = first;
            skipIgnored();
            if (peek() == ':') {
                at++;
                skipIgnored();
                alias = first;
                name = name();
                skipIgnored();
            }
            Map<String, JsonNode> args = new LinkedHashMap<>();
            if (peek() == '(') {
                at++;
                while (true) {
                    skipIgnored();
                    if (peek() == ')') {
                        at++;
                        break;
                    }
                    String argument = name();
                    skipIgnored();
                    expect(':');
                    args.put(argument, value());
                }
                skipIgnored();
            }
            if (peek() == '@') {
                throw new Error("The simulator does not support directives", "UNSUPPORTED");
            }
            List<Field> selections = peek() == '{' ? selectionSet() : List.of();
            fields.add(new Field(alias, name, args, selections));
        }
    }

    private JsonNode value() {
        skipIgnored();
        char c = peek();
        if (c == '$') {
            at++;
            String variable = name();
            JsonNode bound = variables.get(variable);
            if (bound == null) {
                bound = defaults.getOrDefault(variable, NullNode.getInstance());
            }
            return bound;
        }
        if (c == '"') {
            return NODES.textNode(string());
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = at;
            at++;
            while (at < text.length() && (Character.isDigit(peek()) || ".eE+-".indexOf(peek()) >= 0)) {
                at++;
            }
            String number = text.substring(start, at);
            try {
                return number.contains(".") || number.contains("e") || number.contains("E")
                        ? NODES.numberNode(Double.parseDouble(number)) : NODES.numberNode(Long.parseLong(number));
            } catch (NumberFormatException e) {
                throw syntax("'" + number + "' is not a number");
            }
        }
        if (c == '[' || c == '{') {
            throw new Error("The simulator does not support list or object literals; pass them as variables", "UNSUPPORTED");
        }
        String word = name();
        return switch (word) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            case "null" -> NullNode.getInstance();
            default -> NODES.textNode(word); // an enum value
        };
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && at < text.length()) {
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw syntax("a broken \\u escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw syntax("an unterminated string");
    }

    private String name() {
        skipIgnored();
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            throw syntax(at < text.length() ? "unexpected '" + text.charAt(at) + "'" : "unexpected end of document");
        }
        return text.substring(start, at);
    }

    private void expect(char c) {
        skipIgnored();
        if (peek() != c) {
            throw syntax(at < text.length() ? "unexpected '" + text.charAt(at) + "', expecting '" + c + "'"
                    : "unexpected end of document, expecting '" + c + "'");
        }
        at++;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    /** Whitespace, commas and comments are insignificant in GraphQL. */
    private void skipIgnored() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '#') {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
                at++;
            } else {
                return;
            }
        }
    }

    /** Skips to just after the operation's outermost selection set (strings respected). */
    private void skipBalancedToEndOfOperation() {
        int depth = 0;
        boolean seenBrace = false;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                string();
                continue;
            }
            if (c == '#') {
                skipIgnored();
                continue;
            }
            at++;
            if (c == '{') {
                depth++;
                seenBrace = true;
            } else if (c == '}') {
                depth--;
                if (depth < 0) {
                    throw syntax("unexpected '}'");
                }
                if (depth == 0 && seenBrace) {
                    return;
                }
            }
        }
        throw syntax("unexpected end of document");
    }

    private Error syntax(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Error("syntax error, " + what + " at line " + line + ", column " + column, "SYNTAX_ERROR");
    }

    // ---------------------------------------------------------------- cost

    private static final List<String> CONNECTION_PARTS = List.of("edges", "node", "nodes", "pageInfo", "cursor");

    /** What Shopify reserves for the selections before running them. */
    static int requestedCost(List<Field> selections) {
        int cost = 0;
        for (Field f : selections) {
            if (f.selections().isEmpty() || CONNECTION_PARTS.contains(f.name())) {
                continue;
            }
            if (f.isConnection()) {
                int first = Math.max(f.arg("first").asInt(0), f.arg("last").asInt(0));
                cost += 2 + first * (1 + requestedCost(f.nodeSelections()));
            } else {
                cost += 1 + requestedCost(f.selections());
            }
        }
        return cost;
    }

    /** The same formula over what the answer holds: connections count the nodes returned. */
    static int actualCost(List<Field> selections, JsonNode object) {
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
                    cost += 1 + actualCost(f.nodeSelections(), node);
                }
            } else if (value.isArray()) {
                cost += 1;
                for (JsonNode element : value) {
                    cost += actualCost(f.selections(), element);
                }
            } else {
                cost += 1 + actualCost(f.selections(), value);
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

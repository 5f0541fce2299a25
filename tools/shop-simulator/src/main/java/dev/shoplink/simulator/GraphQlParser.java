package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.shoplink.simulator.GraphQl.Field;
import dev.shoplink.simulator.GraphQl.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one operation of a GraphQL document into {@link Field}s, binding variables (or their defaults) as it reads
 * arguments. Fragments, directives and list or object literals are refused as {@code UNSUPPORTED}.
 */
final class GraphQlParser {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GraphQlLexer lex;
    private final JsonNode variables;
    private final Map<String, JsonNode> defaults = new HashMap<>();

    GraphQlParser(GraphQlLexer lex, JsonNode variables) {
        this.lex = lex;
        this.variables = variables == null || variables.isNull() ? NODES.objectNode() : variables;
    }

    /** The operation that starts where the lexer stands. */
    Operation operation(String name) {
        lex.skipIgnored();
        boolean mutation = false;
        if (lex.peek() != '{') {
            mutation = lex.name().equals("mutation");
            lex.skipIgnored();
            if (lex.atNameStart()) {
                lex.name();
                lex.skipIgnored();
            }
            if (lex.peek() == '(') {
                variableDefinitions();
            }
            lex.skipIgnored();
            refuseDirective();
        }
        return new Operation(name, selectionSet(), mutation);
    }

    private void variableDefinitions() {
        lex.expect('(');
        while (true) {
            lex.skipIgnored();
            if (lex.peek() == ')') {
                lex.skip();
                return;
            }
            lex.expect('$');
            String variable = lex.name();
            lex.skipIgnored();
            lex.expect(':');
            type();
            lex.skipIgnored();
            if (lex.peek() == '=') {
                lex.skip();
                defaults.put(variable, value());
            }
        }
    }

    private void type() {
        lex.skipIgnored();
        if (lex.peek() == '[') {
            lex.skip();
            type();
            lex.skipIgnored();
            lex.expect(']');
        } else {
            lex.name();
        }
        lex.skipIgnored();
        if (lex.peek() == '!') {
            lex.skip();
        }
    }

    private List<Field> selectionSet() {
        lex.skipIgnored();
        lex.expect('{');
        List<Field> fields = new ArrayList<>();
        while (true) {
            lex.skipIgnored();
            char c = lex.peek();
            if (c == '}') {
                lex.skip();
                if (fields.isEmpty()) {
                    throw lex.syntax("an empty selection set");
                }
                return fields;
            }
            if (c == '.') {
                throw new GraphQl.Error("The simulator does not support fragments", "UNSUPPORTED");
            }
            fields.add(field());
        }
    }

    /** {@code alias: name(arguments) { selections }}, alias, arguments and selections optional. */
    private Field field() {
        String first = lex.name();
        String alias = null;
        String name = first;
        lex.skipIgnored();
        if (lex.peek() == ':') {
            lex.skip();
            lex.skipIgnored();
            alias = first;
            name = lex.name();
            lex.skipIgnored();
        }
        Map<String, JsonNode> args = new LinkedHashMap<>();
        if (lex.peek() == '(') {
            lex.skip();
            arguments(args);
            lex.skipIgnored();
        }
        refuseDirective();
        List<Field> selections = lex.peek() == '{' ? selectionSet() : List.of();
        return new Field(alias, name, args, selections);
    }

    private void arguments(Map<String, JsonNode> args) {
        while (true) {
            lex.skipIgnored();
            if (lex.peek() == ')') {
                lex.skip();
                return;
            }
            String argument = lex.name();
            lex.skipIgnored();
            lex.expect(':');
            args.put(argument, value());
        }
    }

    private void refuseDirective() {
        if (lex.peek() == '@') {
            throw new GraphQl.Error("The simulator does not support directives", "UNSUPPORTED");
        }
    }

    private JsonNode value() {
        lex.skipIgnored();
        char c = lex.peek();
        if (c == '$') {
            lex.skip();
            String variable = lex.name();
            JsonNode bound = variables.get(variable);
            if (bound == null) {
                bound = defaults.getOrDefault(variable, NullNode.getInstance());
            }
            return bound;
        }
        if (c == '"') {
            return NODES.textNode(lex.string());
        }
        if (c == '-' || Character.isDigit(c)) {
            String number = lex.number();
            try {
                return number.contains(".") || number.contains("e") || number.contains("E")
                        ? NODES.numberNode(Double.parseDouble(number)) : NODES.numberNode(Long.parseLong(number));
            } catch (NumberFormatException e) {
                throw lex.syntax("'" + number + "' is not a number");
            }
        }
        if (c == '[' || c == '{') {
            throw new GraphQl.Error("The simulator does not support list or object literals; pass them as variables", "UNSUPPORTED");
        }
        String word = lex.name();
        return switch (word) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            case "null" -> NullNode.getInstance();
            default -> NODES.textNode(word); // an enum value
        };
    }
}

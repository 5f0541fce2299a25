package dev.shoplink.host.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.shoplink.host.domain.FieldError;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A request field as a 422 names it ({@code mappings[0].product.name}), from wherever it was found wrong: the
 * parser's position, a Jackson reference path, a Bean Validation property path. And the order a form lists them in:
 * the order the request record declares its fields, array elements by index.
 */
final class FieldPaths {
    private FieldPaths() {
    }

    /** The field the parser stands on (or, at the start of an object or array, the field holding it). */
    static String of(JsonParser p) {
        JsonStreamContext c = p.getParsingContext();
        if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
            c = c.getParent();
        }
        List<String> parts = new ArrayList<>();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        return trimDot(String.join("", parts));
    }

    static String of(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (var r : references) {
            out.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return trimDot(out.toString());
    }

    static String of(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                out.append('.').append(node.getName());
            }
        }
        return trimDot(out.toString());
    }

    private static String trimDot(String path) {
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** The errors in the order the record declares its fields (array elements by index), as a form lists them. */
    static List<FieldError> sorted(Class<?> type, List<FieldError> errors) {
        return errors.stream()
                .map(e -> new Positioned(position(type, e.field()), e)) // once per error, not per comparison
                .sorted(Comparator.comparing(Positioned::key, FieldPaths::compare))
                .map(Positioned::error)
                .toList();
    }

    private record Positioned(List<Integer> key, FieldError error) {
    }

    private static List<Integer> position(Class<?> root, String field) {
        List<Integer> key = new ArrayList<>();
        Type current = root;
        for (String segment : field.split("(?=\\[)|\\.")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith("[")) {
                key.add(Integer.parseInt(segment.substring(1, segment.length() - 1)));
                current = element(current);
                continue;
            }
            Class<?> raw = raw(current);
            RecordComponent[] components = raw != null && raw.isRecord() ? raw.getRecordComponents() : new RecordComponent[0];
            int index = components.length;
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(segment)) {
                    index = i;
                    current = unwrapOptional(components[i].getGenericType());
                }
            }
            key.add(index);
        }
        return key;
    }

    private static Type unwrapOptional(Type type) {
        return raw(type) == Optional.class ? element(type) : type;
    }

    private static Type element(Type type) {
        return type instanceof ParameterizedType p ? unwrapOptional(p.getActualTypeArguments()[0]) : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}

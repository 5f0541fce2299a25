package dev.shoplink.host.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.domain.FieldError;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a JSON request body field by field and collects every problem, so that one 422 names
 * all invalid fields at once. Malformed JSON or a body that is not an object is a 400.
 * Unknown fields are ignored (clients may send more than this version knows).
 */
public final class JsonBody {
    /** Objects and arrays nested deeper than this are refused (400). No request of the API needs more than 4. */
    public static final int MAX_DEPTH = 64;
    /** Numbers longer than this (digits, sign, point, exponent) are refused (400). */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Field names longer than this are refused (400). */
    public static final int MAX_NAME_LENGTH = 1000;

    // "{...} }" or "{...}xyz" is malformed, not an object with garbage to ignore
    private static final ObjectMapper PARSER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonBody(JsonNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** The request's body (UTF-8, see {@link RequestBodies#utf8}) as a JSON object. */
    public static JsonBody parse(Context ctx) {
        return parse(RequestBodies.utf8(ctx.bodyAsBytes()));
    }

    static JsonBody parse(String text) {
        if (text.isBlank()) {
            throw ApiException.badRequest("the request needs a JSON object body");
        }
        JsonNode root;
        try {
            root = PARSER.readTree(text);
        } catch (StreamConstraintsException e) {
            // carries no location: say which limit, in numbers
            throw ApiException.badRequest(limitExceeded(e));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage()
                    + (where == null || where.getLineNr() < 1 ? ""
                            : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return new JsonBody(root, "", new ArrayList<>());
    }

    private static String limitExceeded(StreamConstraintsException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("nesting depth")) {
            return "the JSON is nested deeper than " + MAX_DEPTH + " levels";
        }
        if (m.contains("number")) {
            return "a number in the body is longer than " + MAX_NUMBER_LENGTH + " characters";
        }
        if (m.contains("name")) {
            return "a field name in the body is longer than " + MAX_NAME_LENGTH + " characters";
        }
        return "the body exceeds a limit of this host: " + e.getOriginalMessage();
    }

    /** The body of a nested object, sharing this body's error list. */
    public JsonBody nested(String field, JsonNode value) {
        return new JsonBody(value, path(field), errors);
    }

    public JsonNode node() {
        return node;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public String path(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(path(field), message));
    }

    /** A string; absent or blank is an error when required. Surrounding white space is removed. */
    public Optional<String> string(String field, boolean required, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                reject(field, "is required");
            }
            return Optional.empty();
        }
        if (!v.isTextual()) {
            reject(field, "must be a string");
            return Optional.empty();
        }
        String s = v.asText().strip();
        if (s.isEmpty()) {
            if (required) {
                reject(field, "must not be empty");
            }
            return Optional.empty();
        }
        if (s.length() > maxLength) {
            reject(field, "must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /**
     * An optional string that, when sent, must say something: for fields a PATCH may change but
     * never clear (a name, a URL, a key). Absent or null is "leave it as it is".
     */
    public Optional<String> nonBlank(String field, int maxLength) {
        JsonNode v = node.get(field);
        if (v != null && v.isTextual() && v.asText().isBlank()) {
            reject(field, "must not be empty");
            return Optional.empty();
        }
        return string(field, false, maxLength);
    }

    private Optional<String> token(String field, boolean required, int maxLength) {
        return required ? string(field, true, maxLength) : nonBlank(field, maxLength);
    }

    public Optional<LocalDate> date(String field, boolean required) {
        return token(field, required, 40).flatMap(s -> {
            try {
                return Optional.of(LocalDate.parse(s));
            } catch (DateTimeParseException e) {
                reject(field, "must be a real calendar date as YYYY-MM-DD, got '" + s + "'");
                return Optional.empty();
            }
        });
    }

    public <E extends Enum<E>> Optional<E> enumValue(String field, boolean required, Class<E> type) {
        return token(field, required, 100).flatMap(s -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(s)) {
                    return Optional.of(constant);
                }
            }
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name());
            }
            reject(field, "must be one of " + String.join(", ", allowed) + ", got '" + s + "'");
            return Optional.empty();
        });
    }

    public Optional<Long> id(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                reject(field, "is required");
            }
            return Optional.empty();
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1) {
            reject(field, "must be a positive whole number");
            return Optional.empty();
        }
        return Optional.of(v.asLong());
    }

    public Optional<Boolean> bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            reject(field, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(v.asBoolean());
    }

    public Optional<JsonBody> object(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                reject(field, "is required");
            }
            return Optional.empty();
        }
        if (!v.isObject()) {
            reject(field, "must be an object");
            return Optional.empty();
        }
        return Optional.of(nested(field, v));
    }

    /** Each element of an array field read by {@code reader} with its index in the path. */
    public <T> List<T> array(String field, boolean required, Function<JsonBody, Optional<T>> reader) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                reject(field, "is required");
            }
            return List.of();
        }
        if (!v.isArray()) {
            reject(field, "must be an array");
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode element = v.get(i);
            String elementPath = path(field) + "[" + i + "]";
            if (!element.isObject()) {
                errors.add(new FieldError(elementPath, "must be an object"));
                continue;
            }
            reader.apply(new JsonBody(element, elementPath, errors)).ifPresent(out::add);
        }
        return out;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws the collected errors as one 422. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}

package dev.shoplink.host.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.shoplink.host.domain.FieldError;
import io.javalin.http.Context;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Reads a request body into a request record and checks it with Jakarta Bean Validation, so that one 422 names
 * every invalid field at once ({@code credentials}, {@code mappings[2].unit}, …) in the order the record declares
 * them.
 *
 * <ul>
 *   <li>Malformed JSON, a body that is no object, or one past the parser's limits: 400 ({@link #parse}).</li>
 *   <li>Unknown fields are ignored (clients may send more than this version knows).</li>
 *   <li>Wrong types are field errors, not a failed request: a {@code String} component takes only a JSON string
 *       (stripped of surrounding white space), a {@code Boolean} only true/false, a {@code LocalDate} a real
 *       {@code YYYY-MM-DD}, an enum one of its constants (any case), a record or {@code ObjectNode} an object, a
 *       {@code List} an array. A {@code Long} that is no whole number reads as 0: every {@code Long} of a request
 *       is an id and carries {@code @Positive} with its own message, which then names the field.</li>
 *   <li>The constraints on the record (messages as literal text, {@code {max}} interpolated without Jakarta EL) add
 *       the rest; a field with a type error gets no constraint error on top.</li>
 *   <li>PATCH: an {@code Optional} component is {@code null} when the field was left out, {@code Optional.empty()}
 *       when it was sent as null, else the value: that is what tells "leave it" from "clear it".</li>
 * </ul>
 */
public final class RequestBinder {
    /** Objects and arrays nested deeper than this are refused (400). No request of the API needs more than 4. */
    public static final int MAX_DEPTH = 64;
    /** Numbers longer than this (digits, sign, point, exponent) are refused (400). */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Field names longer than this are refused (400). */
    public static final int MAX_NAME_LENGTH = 1000;
    /** Dates and enum constants are short: a longer value is refused before it is interpreted. */
    static final int MAX_DATE_LENGTH = 40;
    static final int MAX_ENUM_LENGTH = 100;

    /** The words of the request records' constraints, one wording for every 422 ({@code {max}} is interpolated). */
    public static final String REQUIRED = "is required";
    public static final String EMPTY = "must not be empty";
    public static final String TOO_LONG = "must be at most {max} characters";

    private static final String ERRORS = RequestBinder.class.getName() + ".errors";

    // "{...} }" or "{...}xyz" is malformed, not an object with garbage to ignore
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new Jdk8Module().configureReadAbsentAsNull(true)) // PATCH: left out is null, sent as null empty
            .registerModule(strictValues())
            .addHandler(new WrongShape());

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private RequestBinder() {
    }

    /** The body read into {@code type} and checked: what it holds, and every field error found. */
    public static <T extends Record> Binding<T> read(Context ctx, Class<T> type) {
        return read(parse(ctx), type);
    }

    /** The body read into {@code type}; any field error is a 422 naming them all. */
    public static <T extends Record> T bind(Context ctx, Class<T> type) {
        return read(ctx, type).orThrow();
    }

    static <T extends Record> Binding<T> read(JsonNode body, Class<T> type) {
        List<FieldError> errors = new ArrayList<>();
        T value;
        try {
            value = MAPPER.readerFor(type).withAttribute(ERRORS, errors).readValue(MAPPER.treeAsTokens(body));
        } catch (MismatchedInputException e) {
            // a shape the handlers below do not cover: still the one field it names, not a 500
            errors.add(new FieldError(path(e.getPath()), "has the wrong type"));
            return new Binding<>(type, null, errors);
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
        List<String> typeErrors = errors.stream().map(FieldError::field).toList();
        for (ConstraintViolation<T> v : VALIDATOR.validate(value)) {
            String field = path(v.getPropertyPath());
            FieldError error = new FieldError(field, v.getMessage());
            if (!typeErrors.contains(field) && !errors.contains(error)) {
                errors.add(error);
            }
        }
        return new Binding<>(type, value, errors);
    }

    /** The request's body (UTF-8, see {@link RequestBodies#utf8}) as a JSON object; anything else is a 400. */
    public static JsonNode parse(Context ctx) {
        return parse(RequestBodies.utf8(ctx.bodyAsBytes()));
    }

    static JsonNode parse(String text) {
        if (text.isBlank()) {
            throw ApiException.badRequest("the request needs a JSON object body");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
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
        return root;
    }

    private static String limitExceeded(StreamConstraintsException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
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

    /**
     * A bound request and its field errors. A route may add findings of its own that no annotation can say
     * (a message naming the configured units, a rule across fields); {@link #orThrow} answers them all in one 422.
     */
    public static final class Binding<T> {
        private final Class<T> type;
        private final T value;
        private final List<FieldError> errors;

        Binding(Class<T> type, T value, List<FieldError> errors) {
            this.type = type;
            this.value = value;
            this.errors = new ArrayList<>(errors);
        }

        /** The record; fields with a type error are null in it. Null only when the body could not be bound at all. */
        public T value() {
            return value;
        }

        /** Every field error, the route's own among them, in the order the record declares the fields. */
        public List<FieldError> errors() {
            return sorted(type, errors);
        }

        /** Whether a field, or anything inside it, already has an error. */
        public boolean hasError(String field) {
            return errors.stream().anyMatch(e -> e.field().equals(field) || e.field().startsWith(field + ".")
                    || e.field().startsWith(field + "["));
        }

        public void reject(String field, String message) {
            errors.add(new FieldError(field, message));
        }

        /** The record, or the 422 naming every field error. */
        public T orThrow() {
            if (!errors.isEmpty()) {
                throw ApiException.validation(errors());
            }
            return value;
        }
    }

    // ---- strict scalar values -------------------------------------------------------------------------------------

    private static SimpleModule strictValues() {
        SimpleModule module = new SimpleModule("shoplink-strict-values");
        module.addDeserializer(String.class, new StdScalarDeserializer<>(String.class) {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return p.currentToken() == JsonToken.VALUE_STRING ? p.getText().strip() : wrong(p, ctxt, "must be a string");
            }
        });
        module.addDeserializer(Boolean.class, new StdScalarDeserializer<>(Boolean.class) {
            @Override
            public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return p.currentToken().isBoolean() ? p.getBooleanValue() : wrong(p, ctxt, "must be true or false");
            }
        });
        module.addDeserializer(Long.class, new StdScalarDeserializer<>(Long.class) {
            @Override
            public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                boolean whole = p.currentToken() == JsonToken.VALUE_NUMBER_INT
                        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
                p.skipChildren();
                return whole ? p.getLongValue() : 0L; // refused by the component's @Positive, in its words
            }
        });
        module.addDeserializer(LocalDate.class, new StdScalarDeserializer<>(LocalDate.class) {
            @Override
            public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String s = token(p, ctxt, MAX_DATE_LENGTH);
                if (s == null) {
                    return null;
                }
                try {
                    return LocalDate.parse(s);
                } catch (DateTimeParseException e) {
                    return wrong(p, ctxt, "must be a real calendar date as YYYY-MM-DD, got '" + s + "'");
                }
            }
        });
        module.setDeserializerModifier(new com.fasterxml.jackson.databind.deser.BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(com.fasterxml.jackson.databind.DeserializationConfig config,
                    JavaType type, com.fasterxml.jackson.databind.BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return enumOf(type.getRawClass());
            }
        });
        return module;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JsonDeserializer<?> enumOf(Class<?> raw) {
        Class<? extends Enum> type = (Class<? extends Enum>) raw;
        return new StdScalarDeserializer<Enum>(Enum.class) {
            @Override
            public Enum deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String s = token(p, ctxt, MAX_ENUM_LENGTH);
                if (s == null) {
                    return null;
                }
                for (Enum constant : type.getEnumConstants()) {
                    if (constant.name().equalsIgnoreCase(s)) {
                        return constant;
                    }
                }
                String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
                return wrong(p, ctxt, "must be one of " + allowed + ", got '" + s + "'");
            }
        };
    }

    /**
     * A short text value that must say something (a date, a constant): blank, too long or no string is an error of
     * the field (recorded with its path, the value read as null); JSON null never gets here and is null.
     */
    private static String token(JsonParser p, DeserializationContext ctxt, int maxLength) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return wrong(p, ctxt, "must be a string");
        }
        String s = p.getText().strip();
        if (s.isEmpty()) {
            return wrong(p, ctxt, EMPTY);
        }
        if (s.length() > maxLength) {
            return wrong(p, ctxt, "must be at most " + maxLength + " characters");
        }
        return s;
    }

    private static <T> T wrong(JsonParser p, DeserializationContext ctxt, String message) throws IOException {
        errors(ctxt).add(new FieldError(path(p), message));
        p.skipChildren();
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<FieldError> errors(DeserializationContext ctxt) {
        return (List<FieldError>) ctxt.getAttribute(ERRORS);
    }

    /** An object or array where the other, or a scalar, was expected: an error of that field, the rest read on. */
    private static final class WrongShape extends DeserializationProblemHandler {
        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                String failureMsg) throws IOException {
            return wrong(p, ctxt, shape(targetType.getRawClass()));
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                ValueInstantiator valueInsta, JsonParser p, String msg) throws IOException {
            return wrong(p, ctxt, shape(instClass));
        }

        private static String shape(Class<?> type) {
            return Collection.class.isAssignableFrom(type) || type.isArray() ? "must be an array" : "must be an object";
        }
    }

    // ---- field paths and their order ------------------------------------------------------------------------------

    /** {@code mappings[0].product.name} for where the parser stands. */
    private static String path(JsonParser p) {
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

    private static String path(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (var r : references) {
            out.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return trimDot(out.toString());
    }

    private static String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                out.append('.').append(node.getName());
            }
        }
        return trimDot(out.toString());
    }

    private static String trimDot(String path) {
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** The errors in the order the record declares its fields (array elements by index), as a form lists them. */
    private static List<FieldError> sorted(Class<?> type, List<FieldError> errors) {
        return errors.stream()
                .map(e -> new Positioned(position(type, e.field()), e)) // once per error, not per comparison
                .sorted(Comparator.comparing(Positioned::key, RequestBinder::compare))
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

package dev.shoplink.host.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.shoplink.host.domain.FieldError;
import io.javalin.http.Context;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Reads a request body into a request record and checks it with Jakarta Bean Validation, so that one 422 names
 * every invalid field at once ({@code credentials}, {@code mappings[2].unit}, …) in the order the record declares
 * them ({@link FieldPaths}).
 *
 * <ul>
 *   <li>Malformed JSON, a body that is no object, or one past the parser's limits: 400 ({@link #parse}).</li>
 *   <li>Unknown fields are ignored (clients may send more than this version knows).</li>
 *   <li>Wrong types are field errors, not a failed request: a {@code String} component takes only a JSON string
 *       (stripped of surrounding white space), a {@code Boolean} only true/false, a {@code LocalDate} a real
 *       {@code YYYY-MM-DD}, an enum one of its constants (any case), a record or {@code ObjectNode} an object, a
 *       {@code List} an array. A {@code Long} that is no whole number reads as 0: every {@code Long} of a request
 *       is an id and carries {@code @Positive} with its own message, which then names the field
 *       ({@link StrictValues}).</li>
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

    /** The words of the request records' constraints, one wording for every 422 ({@code {max}} is interpolated). */
    public static final String REQUIRED = "is required";
    public static final String EMPTY = "must not be empty";
    public static final String TOO_LONG = "must be at most {max} characters";

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
            .registerModule(StrictValues.module())
            .addHandler(new StrictValues.WrongShape());

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
            value = MAPPER.readerFor(type).withAttribute(StrictValues.ERRORS, errors).readValue(MAPPER.treeAsTokens(body));
        } catch (MismatchedInputException e) {
            // a shape StrictValues does not cover: still the one field it names, not a 500
            errors.add(new FieldError(FieldPaths.of(e.getPath()), "has the wrong type"));
            return new Binding<>(type, null, errors);
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
        List<String> typeErrors = errors.stream().map(FieldError::field).toList();
        for (ConstraintViolation<T> v : VALIDATOR.validate(value)) {
            String field = FieldPaths.of(v.getPropertyPath());
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
            return FieldPaths.sorted(type, errors);
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
}

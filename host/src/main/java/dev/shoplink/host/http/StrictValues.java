package dev.shoplink.host.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.shoplink.host.domain.FieldError;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How {@link RequestBinder} reads a request's values: strictly, and a value of the wrong type is an error of its
 * field (recorded with its path, the value read as null) rather than a failed request, so the rest is read on and
 * one 422 names every field. A {@code String} takes only a JSON string (stripped), a {@code Boolean} only
 * true/false, a {@code LocalDate} a real {@code YYYY-MM-DD}, an enum one of its constants (any case), a record an
 * object, a {@code List} an array; a {@code Long} that is no whole number reads as 0 (every {@code Long} of a
 * request is an id whose {@code @Positive} then names the field).
 */
final class StrictValues {
    /** The reader attribute holding the list the field errors found while reading are added to. */
    static final String ERRORS = StrictValues.class.getName() + ".errors";
    /** Dates and enum constants are short: a longer value is refused before it is interpreted. */
    static final int MAX_DATE_LENGTH = 40;
    static final int MAX_ENUM_LENGTH = 100;

    private StrictValues() {
    }

    /** The strict readers of strings, booleans, ids, dates and enums. */
    static SimpleModule module() {
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
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
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
            return wrong(p, ctxt, RequestBinder.EMPTY);
        }
        if (s.length() > maxLength) {
            return wrong(p, ctxt, "must be at most " + maxLength + " characters");
        }
        return s;
    }

    private static <T> T wrong(JsonParser p, DeserializationContext ctxt, String message) throws IOException {
        errors(ctxt).add(new FieldError(FieldPaths.of(p), message));
        p.skipChildren();
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<FieldError> errors(DeserializationContext ctxt) {
        return (List<FieldError>) ctxt.getAttribute(ERRORS);
    }

    /** An object or array where the other, or a scalar, was expected: an error of that field, the rest read on. */
    static final class WrongShape extends DeserializationProblemHandler {
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
}

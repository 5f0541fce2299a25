package dev.shoplink.host.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.CredentialKind;
import dev.shoplink.host.domain.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the {@code credentials} object of a setup or change against the connector's form, field by
 * field, before anything is sent to the shop (plugin API 1.1: {@link CredentialField#kind()},
 * {@link CredentialField#pattern()}). Every problem of the object is reported, each on its own
 * field ({@code credentials.<name>}).
 *
 * <ul>
 *   <li>A field that is not part of the form is refused, naming the form's fields.</li>
 *   <li>A required field without a stored value must be sent: absent, null or blank is "is required".
 *       A field with a stored value may be left out (it stays), but not sent blank ("must not be
 *       empty": a change never clears a credential). An optional field sent blank is left out.</li>
 *   <li>Values are stripped of surrounding white space and at most {@value #MAX_LENGTH} characters.</li>
 *   <li>{@code URL}: an absolute http or https URL with a host. {@code DOMAIN}: a host name (letters,
 *       digits, '-' and dots, no scheme, path or port), stored in lower case.</li>
 *   <li>A pattern must match the whole value (after the kind's normalisation); the message shows
 *       the field's hint ("must look like roaster.myshopify.com").</li>
 * </ul>
 */
public final class CredentialFields {
    /** The longest credential value accepted. */
    public static final int MAX_LENGTH = 2000;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private CredentialFields() {
    }

    /**
     * The values to store and the problems found.
     *
     * @param values the stored values with the sent ones applied (normalised), by field name
     * @param errors one per refused field, named {@code credentials.<name>}; empty when all is well
     */
    public record Checked(Map<String, String> values, List<FieldError> errors) {
        public Checked {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Checks a request's {@code credentials} object.
     *
     * @param sent the JSON object as sent (its other types are refused per field)
     * @param descriptor the connector's descriptor, whose fields are the form
     * @param stored the values stored so far (empty on creation); a field stored may be left out
     */
    public static Checked check(JsonNode sent, ConnectorDescriptor descriptor, Map<String, String> stored) {
        Map<String, String> out = new LinkedHashMap<>(stored);
        List<FieldError> errors = new ArrayList<>();
        List<CredentialField> form = descriptor.credentialFields();
        Set<String> names = form.stream().map(CredentialField::name).collect(Collectors.toSet());
        sent.fieldNames().forEachRemaining(key -> {
            if (!names.contains(key)) {
                errors.add(error(key, "is not a field of the " + descriptor.name() + " connector (its fields: "
                        + form.stream().map(CredentialField::name).collect(Collectors.joining(", ")) + ")"));
            }
        });
        for (CredentialField field : form) {
            boolean isStored = stored.containsKey(field.name());
            JsonNode node = sent.get(field.name());
            if (node != null && !node.isNull() && !node.isTextual()) {
                errors.add(error(field.name(), "must be a string"));
                continue;
            }
            String raw = node == null || node.isNull() ? null : node.asText().strip();
            if (raw == null || raw.isEmpty()) {
                if (field.required() && !isStored) {
                    errors.add(error(field.name(), "is required"));
                } else if (raw != null && isStored) {
                    errors.add(error(field.name(), "must not be empty"));
                }
                continue;
            }
            Value value = value(field, raw);
            if (value.problem().isPresent()) {
                errors.add(error(field.name(), value.problem().get()));
            } else {
                out.put(field.name(), value.value());
            }
        }
        return new Checked(out, errors);
    }

    /**
     * One non-blank value of a field: the value to store, or why it is refused.
     *
     * @param value the normalised value (a {@code DOMAIN} in lower case); meaningful only without a problem
     * @param problem the message for the field's error
     */
    public record Value(String value, Optional<String> problem) {
        static Value ok(String value) {
            return new Value(value, Optional.empty());
        }

        static Value refused(String value, String problem) {
            return new Value(value, Optional.of(problem));
        }
    }

    /** Checks one value (already stripped, not blank) against the field's kind, length and pattern. */
    public static Value value(CredentialField field, String raw) {
        if (raw.length() > MAX_LENGTH) {
            return Value.refused(raw, "must be at most " + MAX_LENGTH + " characters");
        }
        String value = raw;
        if (field.kind() == CredentialKind.URL) {
            Optional<String> problem = urlProblem(raw, field.hint());
            if (problem.isPresent()) {
                return Value.refused(raw, problem.get());
            }
        } else if (field.kind() == CredentialKind.DOMAIN) {
            value = raw.toLowerCase(Locale.ROOT);
            Optional<String> problem = domainProblem(value, field.hint());
            if (problem.isPresent()) {
                return Value.refused(raw, problem.get());
            }
        }
        if (!field.pattern().isEmpty() && !Pattern.compile(field.pattern()).matcher(value).matches()) {
            return Value.refused(raw, field.hint().isEmpty()
                    ? "does not have the expected form (it must match " + field.pattern() + ")"
                    : "must look like " + field.hint());
        }
        return Value.ok(value);
    }

    private static Optional<String> urlProblem(String raw, String hint) {
        String wanted = "must be an absolute http(s) URL such as " + (hint.isEmpty() ? "https://shop.example.com" : hint);
        try {
            URI uri = new URI(raw);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return Optional.of(wanted);
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(wanted);
        }
    }

    /** A host name: dot-separated labels of letters, digits and inner hyphens, 253 characters at most. */
    private static Optional<String> domainProblem(String value, String hint) {
        String example = hint.isEmpty() ? "shop.example.com" : hint;
        if (value.contains("://")) {
            return Optional.of("must be a host name such as " + example + ", without " + value.substring(0, value.indexOf("://") + 3));
        }
        if (value.contains("/")) {
            return Optional.of("must be a host name such as " + example + ", without a path");
        }
        if (value.contains(":")) {
            return Optional.of("must be a host name such as " + example + ", without a port");
        }
        boolean valid = value.length() <= 253 && !value.startsWith(".") && !value.endsWith(".")
                && java.util.Arrays.stream(value.split("\\.", -1)).allMatch(l -> LABEL.matcher(l).matches());
        return valid ? Optional.empty() : Optional.of("must be a host name such as " + example
                + " (letters, digits, '-' and dots)");
    }

    private static FieldError error(String name, String message) {
        return new FieldError("credentials." + name, message);
    }
}

package dev.shoplink.api;

import java.util.Objects;

/**
 * One field of a connector's credential form.
 *
 * <p>Since plugin API 1.1 a field describes itself: its {@link CredentialKind}, a regular
 * expression its value must match (empty: none), a short hint shown inside the input and a help
 * text shown under it. The host checks kind, {@code required} and pattern field by field before
 * it calls the shop, and answers a setup that fails them with a 422 naming the field. Fields
 * built with the 1.0 constructor get kind {@code SECRET} or {@code TEXT}, no pattern and no texts.
 *
 * @param name the key in {@link Connection#credentials()}, e.g. {@code apiKey}
 * @param label what the form shows, e.g. {@code API key}
 * @param required whether the host rejects a setup without it
 * @param secret whether the host must encrypt it at rest and mask it in every response
 * @param kind what the value is (1.1)
 * @param pattern a Java regular expression the whole value must match, or empty (1.1)
 * @param hint a short example or placeholder, or empty (1.1)
 * @param help one or two sentences on where to find the value, or empty (1.1)
 */
public record CredentialField(String name, String label, boolean required, boolean secret, CredentialKind kind,
                              String pattern, String hint, String help) {
    public CredentialField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        pattern = pattern == null ? "" : pattern;
        hint = hint == null ? "" : hint;
        help = help == null ? "" : help;
        if (kind == CredentialKind.SECRET && !secret) {
            throw new IllegalArgumentException("a SECRET field must be secret: " + name);
        }
        if (!pattern.isEmpty()) {
            java.util.regex.Pattern.compile(pattern); // fails here, in the connector's own tests, not in the host
        }
    }

    /** The plugin API 1.0 form: kind {@code SECRET} when secret, else {@code TEXT}; no pattern, hint or help. */
    public CredentialField(String name, String label, boolean required, boolean secret) {
        this(name, label, required, secret, secret ? CredentialKind.SECRET : CredentialKind.TEXT, "", "", "");
    }

    /** A required secret (key, token). */
    public static CredentialField secret(String name, String label, String help) {
        return new CredentialField(name, label, true, true, CredentialKind.SECRET, "", "", help);
    }

    /** The same field with a pattern its value must match and the hint shown in the empty input. */
    public CredentialField withPattern(String regex, String newHint) {
        return new CredentialField(name, label, required, secret, kind, regex, newHint, help);
    }
}

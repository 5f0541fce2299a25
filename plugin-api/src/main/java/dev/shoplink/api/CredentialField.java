package dev.shoplink.api;

import java.util.Objects;

/**
 * One field of a connector's credential form.
 *
 * @param name the key in {@link Connection#credentials()}, e.g. {@code apiKey}
 * @param label what the form shows, e.g. {@code API key}
 * @param required whether the host rejects a setup without it
 * @param secret whether the host must encrypt it at rest and mask it in every response
 */
public record CredentialField(String name, String label, boolean required, boolean secret) {
    public CredentialField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
    }
}

package dev.shoplink.api;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Describes a connector to the host and the admin UI.
 *
 * @param id stable lower-case id, e.g. {@code shipstation}; also names the
 *     {@code SHOPLINK_<ID>_BASE_URL} override
 * @param name display name, e.g. {@code ShipStation}
 * @param credentialFields the credential form, in display order
 * @param defaultBaseUrl the shop's public API address, used unless the host overrides it
 */
public record ConnectorDescriptor(String id, String name, List<CredentialField> credentialFields, URI defaultBaseUrl) {
    public ConnectorDescriptor {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("connector id must be lower-case letters, digits and '-': " + id);
        }
        Objects.requireNonNull(name, "name");
        credentialFields = List.copyOf(credentialFields);
        Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
    }
}

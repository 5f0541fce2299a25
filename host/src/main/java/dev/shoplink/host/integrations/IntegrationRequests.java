package dev.shoplink.host.integrations;

import static dev.shoplink.host.http.RequestBinder.EMPTY;
import static dev.shoplink.host.http.RequestBinder.REQUIRED;
import static dev.shoplink.host.http.RequestBinder.TOO_LONG;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * The setup form and its change as {@link dev.shoplink.host.http.RequestBinder} reads them. The credentials stay
 * JSON: their fields are the connector's form, checked by the service ({@link CredentialFields}).
 */
final class IntegrationRequests {
    static final int CONNECTOR = 64;
    static final int NAME = 200;
    static final int SHOP_URL = 2000;

    private IntegrationRequests() {
    }

    /** {@code POST /integrations} and a switch's new shop: every field required. */
    record IntegrationBody(
            @NotNull(message = REQUIRED) @Size(min = 1, message = EMPTY) @Size(max = CONNECTOR, message = TOO_LONG)
            String connector,
            @NotNull(message = REQUIRED) @Size(min = 1, message = EMPTY) @Size(max = NAME, message = TOO_LONG) String name,
            @NotNull(message = REQUIRED) CustomerType customerType,
            @NotNull(message = REQUIRED) @Size(min = 1, message = EMPTY) @Size(max = SHOP_URL, message = TOO_LONG)
            String shopUrl,
            @NotNull(message = REQUIRED) ObjectNode credentials,
            @NotNull(message = REQUIRED) LocalDate syncStartDate) {
        static final IntegrationBody NOTHING = new IntegrationBody(null, null, null, null, null, null);
    }

    /** {@code PATCH /integrations/{id}}: left out or null is "as it is"; a text sent blank is refused (none can be cleared). */
    record IntegrationChangeBody(
            @Size(min = 1, message = EMPTY) @Size(max = NAME, message = TOO_LONG) String name,
            CustomerType customerType,
            @Size(min = 1, message = EMPTY) @Size(max = SHOP_URL, message = TOO_LONG) String shopUrl,
            LocalDate syncStartDate,
            ObjectNode credentials) {
        static final IntegrationChangeBody NOTHING = new IntegrationChangeBody(null, null, null, null, null);
    }
}

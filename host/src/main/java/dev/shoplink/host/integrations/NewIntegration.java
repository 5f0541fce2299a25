package dev.shoplink.host.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.domain.FieldError;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The setup form of a new integration ({@code POST /integrations}, and a switch's new shop) as the route read it.
 * A field the route refused for its shape (missing, wrong type, too long, not a date, not an http(s) URL, not a
 * customer type) is empty here and named in {@code refused}: the service adds what it finds (unknown connector,
 * credential fields, names and shops taken, the start date's range, the connector's word on the URL) and refuses
 * them all in one {@link dev.shoplink.host.domain.InvalidInputException}, so a client learns every problem at once.
 *
 * @param credentials the {@code credentials} object as sent: its fields are the connector's form, so the service
 *     checks them once it knows the connector ({@link CredentialFields})
 */
public record NewIntegration(Optional<String> connector, Optional<String> name, Optional<CustomerType> customerType,
                             Optional<String> shopUrl, Optional<JsonNode> credentials, Optional<LocalDate> syncStartDate,
                             List<FieldError> refused) {
    public NewIntegration {
        refused = List.copyOf(refused);
    }

    /** Leaves the credentials out. */
    @Override
    public String toString() {
        return "NewIntegration[" + connector.orElse("?") + " " + shopUrl.orElse("?") + " '" + name.orElse("?") + "']";
    }
}

package dev.shoplink.host.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.domain.FieldError;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A change of a connected integration ({@code PATCH /integrations/{id}}): every field optional, left out means
 * "as it is" (none can be cleared). Fields the route refused for their shape are empty here and named in
 * {@code refused}; the service reports them together with its own findings (see {@link NewIntegration}).
 *
 * @param credentials the {@code credentials} object as sent; a field left out keeps its stored value
 */
public record IntegrationChange(Optional<String> name, Optional<CustomerType> customerType, Optional<String> shopUrl,
                                Optional<LocalDate> syncStartDate, Optional<JsonNode> credentials,
                                List<FieldError> refused) {
    public IntegrationChange {
        refused = List.copyOf(refused);
    }

    /** Leaves the credentials out. */
    @Override
    public String toString() {
        return "IntegrationChange[name=" + name + ", customerType=" + customerType + ", shopUrl=" + shopUrl
                + ", syncStartDate=" + syncStartDate + ", credentials " + (credentials.isPresent() ? "sent" : "kept")
                + ", refused=" + refused + "]";
    }
}

package dev.shoplink.host.integrations;

import dev.shoplink.host.plugins.ConnectorEntry;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;

/**
 * A setup form that passed validation and the credential check with the shop ({@link IntegrationService#checkForm});
 * nothing is stored yet. {@code toString} leaves the credentials out.
 */
public record CheckedForm(ConnectorEntry connector, String name, CustomerType customerType, String shopUrl,
                          Map<String, String> credentials, LocalDate syncStartDate, URI apiBase) {
    public String connectorId() {
        return connector.descriptor().id();
    }

    public String shopKey() {
        return ShopKey.of(connectorId(), shopUrl);
    }

    @Override
    public String toString() {
        return "CheckedForm[" + connectorId() + " " + shopUrl + " '" + name + "']";
    }
}

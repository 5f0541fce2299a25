package dev.shoplink.host.integrations;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.ConnectorException;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.plugins.ConnectorEntry;
import dev.shoplink.host.plugins.ConnectorFailureException;
import dev.shoplink.host.plugins.Connectors;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the host reaches a shop: the API address of a shop URL (plugin API 1.1's {@code apiBaseUrl}, or the
 * {@code SHOPLINK_<ID>_BASE_URL} override), the {@link Connection} a connector gets, and the credential check.
 */
final class ShopAccess {
    private final Connectors plugins;
    private final HostConfig config;
    private final Clock clock;
    private final ShopMetrics metrics;

    ShopAccess(Connectors plugins, HostConfig config, Clock clock, ShopMetrics metrics) {
        this.plugins = plugins;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The connector's answer to a shop URL of a request and the address a connection uses.
     *
     * @param connectorUri what {@link dev.shoplink.api.ShopConnector#apiBaseUrl(String)} answered
     * @param uri the override when configured, else {@code connectorUri}
     */
    record ApiBase(URI connectorUri, URI uri) {
    }

    Connection connection(Map<String, String> credentials, String shopUrl, URI base) {
        return new Connection(credentials, base, clock, config.shopTimeout(), shopUrl);
    }

    /** Asks the shop whether the connection's credentials work; a refusal or failure is a {@link ShopProblems} refusal. */
    void check(ConnectorEntry connector, Connection connection) {
        try {
            metrics.run(connector.descriptor().id(), "validate", () -> connector.connector().validate(connection));
        } catch (ConnectorException | ConnectorFailureException e) {
            throw ShopProblems.ofCheck(connector, e);
        }
    }

    /**
     * Asks the connector for the API address of a shop URL (plugin API 1.1; a 1.0 connector answers its
     * default). The connector refusing the shop URL is an error on {@code shopUrl}, reported with the
     * request's other field errors (asked last, so that those are known); any other failure of the
     * connector ends a request without field errors (502/503). Asked even when the override is set: the override changes where the
     * host connects, not which shop URLs are acceptable.
     */
    ApiBase ofRequest(List<FieldError> errors, ConnectorEntry connector, String shopUrl) {
        try {
            URI answered = connectorApiBase(connector, shopUrl);
            return new ApiBase(answered, override(connector.descriptor()).orElse(answered));
        } catch (InvalidCredentialsException e) {
            errors.add(new FieldError("shopUrl", e.getMessage() == null || e.getMessage().isBlank()
                    ? "is not a shop URL the " + connector.descriptor().name() + " connector can use" : e.getMessage()));
            return new ApiBase(connector.descriptor().defaultBaseUrl(), connector.descriptor().defaultBaseUrl());
        } catch (ConnectorException | ConnectorFailureException e) {
            if (!errors.isEmpty()) {
                // the field errors are the answer; the connector's failure shows once they are corrected
                return new ApiBase(connector.descriptor().defaultBaseUrl(), connector.descriptor().defaultBaseUrl());
            }
            throw ShopProblems.ofCheck(connector, e);
        }
    }

    /**
     * Whether a new shop URL moves the connector's API address away from the stored shop URL's (plugin API 1.1,
     * e.g. another Shopify shop). A 1.0 connector's address never moves.
     */
    boolean moves(ConnectorEntry connector, String storedShopUrl, ApiBase requested) {
        return !previousApiBase(connector, storedShopUrl).equals(Optional.of(requested.connectorUri()));
    }

    /** The connector's address for the shop URL stored so far; empty when the connector cannot say. */
    private Optional<URI> previousApiBase(ConnectorEntry connector, String shopUrl) {
        try {
            return Optional.of(connectorApiBase(connector, shopUrl));
        } catch (ConnectorException | ConnectorFailureException e) {
            return Optional.empty();
        }
    }

    /** The address a check of new keys at the stored shop URL uses; the connector refusing that URL is a 422 on it. */
    URI ofStoredShop(ConnectorEntry connector, String shopUrl) {
        return override(connector.descriptor()).orElseGet(() -> {
            try {
                return connectorApiBase(connector, shopUrl);
            } catch (InvalidCredentialsException e) {
                throw new InvalidInputException("shopUrl", e.getMessage());
            } catch (ConnectorException | ConnectorFailureException e) {
                throw ShopProblems.ofCheck(connector, e);
            }
        });
    }

    /**
     * The address a sync of the integration uses.
     *
     * @throws IllegalStateException with a sentence for the sync's error when its connector is not loaded or cannot
     *     use its shop URL
     */
    URI ofIntegration(Integration integration, ConnectorDescriptor descriptor) {
        return override(descriptor).orElseGet(() -> {
            ConnectorEntry entry = plugins.connector(descriptor.id()).orElseThrow(() -> new IllegalStateException(
                    "the '" + descriptor.id() + "' connector plugin is not loaded; check GET /api/v1/plugins"));
            try {
                return checkedApiBase(entry, entry.connector().apiBaseUrl(integration.shop().url()));
            } catch (ConnectorException | ConnectorFailureException e) {
                throw new IllegalStateException(descriptor.name() + " cannot be reached for the shop URL "
                        + integration.shop().url() + ": " + e.getMessage() + "; correct it with PATCH /api/v1/integrations/"
                        + integration.id(), e);
            }
        });
    }

    /** The host's {@code SHOPLINK_<ID>_BASE_URL} for the connector, when configured. */
    private Optional<URI> override(ConnectorDescriptor descriptor) {
        return Optional.ofNullable(config.baseUrlOverrides().get(descriptor.id())).map(URI::create);
    }

    private static URI connectorApiBase(ConnectorEntry connector, String shopUrl) {
        return checkedApiBase(connector, connector.connector().apiBaseUrl(shopUrl));
    }

    /** The connector's API address, refused (as the connector's failure) unless it is an absolute http(s) URL. */
    private static URI checkedApiBase(ConnectorEntry connector, URI answer) {
        if (answer == null || !answer.isAbsolute() || answer.getHost() == null
                || !("http".equalsIgnoreCase(answer.getScheme()) || "https".equalsIgnoreCase(answer.getScheme()))) {
            throw new ConnectorFailureException(connector.descriptor().id(),
                    "apiBaseUrl() answered " + answer + ", which is not an absolute http(s) URL");
        }
        return answer;
    }
}

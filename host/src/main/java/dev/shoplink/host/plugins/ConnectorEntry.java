package dev.shoplink.host.plugins;

import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.ShopConnector;

/**
 * A connector offered by a started plugin.
 *
 * @param descriptor the connector's descriptor, read once when its plugin started
 * @param pluginId the plugin that provides it
 * @param pluginVersion that plugin's version
 * @param connector the connector behind the host's guard ({@link GuardedConnector}): each call has a time limit,
 *     and an exception of the connector's own becomes a {@link ConnectorFailureException} without secrets
 */
public record ConnectorEntry(ConnectorDescriptor descriptor, String pluginId, String pluginVersion, ShopConnector connector) {
}

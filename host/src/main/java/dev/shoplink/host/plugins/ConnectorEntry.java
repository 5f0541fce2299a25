package dev.shoplink.host.plugins;

import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.ShopConnector;

/** A connector offered by a started plugin. */
public record ConnectorEntry(ConnectorDescriptor descriptor, String pluginId, String pluginVersion, ShopConnector connector) {
}

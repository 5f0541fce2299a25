package dev.shoplink.host.plugins;

import java.util.List;
import java.util.Optional;

/**
 * The connectors the started plugins offer, as a service that sets up integrations sees them. {@link PluginHost}
 * is the one implementation of the running host; a service test hands in connectors of its own.
 */
public interface Connectors {
    /** Every connector served now. */
    List<ConnectorEntry> connectors();

    /** The connector with this id, when a started plugin serves it. */
    Optional<ConnectorEntry> connector(String id);

    /** Why no plugin serves the connector id, a sentence; empty when one does. */
    Optional<String> missing(String connectorId);
}

package dev.shoplink.host.plugins;

/**
 * A connector failed with an exception of its own (not one of the plugin API's
 * {@link dev.shoplink.api.ConnectorException} subtypes): a bug in the plugin. The message reads
 * "the &lt;id&gt; connector failed: &lt;its message&gt;" with every credential value of the call
 * replaced by {@code ***}, so it may be shown to users and logged. The connector's exception is
 * not attached (its message or cause may quote the credentials); its stack trace is.
 */
public final class ConnectorFailureException extends RuntimeException {
    private final String connectorId;

    public ConnectorFailureException(String connectorId, String message) {
        super("the " + connectorId + " connector failed: " + message);
        this.connectorId = connectorId;
    }

    /** The id of the connector that failed. */
    public String connectorId() {
        return connectorId;
    }
}

package dev.shoplink.host.integrations;

/** Where an integration stands. */
public enum IntegrationStatus {
    /** Credentials checked, nothing running. */
    CONNECTED,
    /** A sync is queued or running. */
    SYNCING,
    /** The shop rejected the stored credentials (e.g. regenerated keys); a PATCH with new keys heals it. */
    CREDENTIALS_INVALID,
    /** The last sync failed for another reason; see {@code statusDetail}. */
    ERROR,
    /** Disconnected: credentials forgotten, imported data kept. */
    DISCONNECTED,
    /**
     * Shown, never stored: no plugin in the plugins folder serves the integration's connector (its
     * archive was removed, or does not start). Rows are kept, syncs are refused, and the stored
     * status is shown again as soon as the connector is back.
     */
    CONNECTOR_MISSING
}

package dev.shoplink.host.integrations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * An integration row. Credentials stay encrypted here; {@link IntegrationService#connection}
 * decrypts them only for a call to the shop.
 */
public record Integration(
        long id,
        String connector,
        String name,
        CustomerType customerType,
        Shop shop,
        Credentials credentials,
        SyncWindow sync,
        IntegrationStatus status,
        Optional<String> statusDetail,
        Instant createdAt,
        Optional<Instant> disconnectedAt) {

    public boolean disconnected() {
        return disconnectedAt.isPresent();
    }

    /**
     * The shop the integration reads.
     *
     * @param key the shop's identity across integrations ({@link ShopKey}): connector and normalized address
     */
    public record Shop(String url, String key) {
    }

    /**
     * @param encrypted the credentials as the {@link CredentialVault} sealed them; empty once disconnected
     * @param masked    each credential field with all but its last characters hidden, as the admin API shows them
     */
    public record Credentials(Optional<String> encrypted, Map<String, String> masked) {
    }

    /**
     * What the syncs read: orders placed from {@code startDate} on (frozen once a sync ran, {@code startDateLocked}),
     * when the last sync finished, and the shop's order modification time the next incremental sync starts from.
     */
    public record SyncWindow(LocalDate startDate, boolean startDateLocked, Optional<Instant> lastSyncAt,
                             Optional<Instant> ordersWatermark) {
        /** A new integration's: not yet frozen, never synced. */
        public static SyncWindow startingOn(LocalDate startDate) {
            return new SyncWindow(startDate, false, Optional.empty(), Optional.empty());
        }
    }
}

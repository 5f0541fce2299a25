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
        String shopUrl,
        String shopKey,
        Optional<String> encryptedCredentials,
        Map<String, String> maskedCredentials,
        LocalDate syncStartDate,
        boolean syncStartDateLocked,
        IntegrationStatus status,
        Optional<String> statusDetail,
        Optional<Instant> lastSyncAt,
        Optional<Instant> ordersWatermark,
        Instant createdAt,
        Optional<Instant> disconnectedAt) {

    public boolean disconnected() {
        return disconnectedAt.isPresent();
    }
}

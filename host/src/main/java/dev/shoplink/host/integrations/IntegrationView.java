package dev.shoplink.host.integrations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** An integration as the admin API shows it: never a secret, credentials masked. */
public record IntegrationView(
        long id,
        String connector,
        String name,
        CustomerType customerType,
        String shopUrl,
        Map<String, String> credentials,
        LocalDate syncStartDate,
        boolean syncStartDateLocked,
        IntegrationStatus status,
        Optional<String> statusDetail,
        Optional<Instant> lastSyncAt,
        Instant createdAt,
        Optional<Instant> disconnectedAt,
        IntegrationRepository.Counts counts) {

    static IntegrationView of(Integration i, IntegrationRepository.Counts counts) {
        Integration.SyncWindow sync = i.sync();
        return new IntegrationView(i.id(), i.connector(), i.name(), i.customerType(), i.shop().url(), i.credentials().masked(),
                sync.startDate(), sync.startDateLocked(), i.status(), i.statusDetail(), sync.lastSyncAt(), i.createdAt(),
                i.disconnectedAt(), counts);
    }

    /** This view with status {@code CONNECTOR_MISSING} and the reason, unless the integration is disconnected. */
    IntegrationView connectorMissing(Optional<String> reason) {
        if (reason.isEmpty() || status == IntegrationStatus.DISCONNECTED) {
            return this;
        }
        return new IntegrationView(id, connector, name, customerType, shopUrl, credentials, syncStartDate, syncStartDateLocked,
                IntegrationStatus.CONNECTOR_MISSING, reason, lastSyncAt, createdAt, disconnectedAt, counts);
    }
}

package dev.shoplink.host.integrations;

import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.plugins.ConnectorEntry;
import dev.shoplink.host.plugins.Connectors;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A change of a connected integration ({@link IntegrationService#patch}): checked like a setup form, new keys (or keys
 * at a moved API address) checked with the shop, then stored in one transaction; a shop URL naming another shop key
 * moves the shop's listings and orders along.
 */
final class IntegrationPatch {
    // the service's logger: what an integration's change logs stays where it always was
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);

    private final Jdbi jdbi;
    private final IntegrationRepository repository;
    private final IntegrationRows rows;
    private final Connectors plugins;
    private final CredentialVault vault;
    private final IntegrationSetup setup;
    private final ShopAccess access;

    IntegrationPatch(Jdbi jdbi, IntegrationRepository repository, IntegrationRows rows, Connectors plugins,
                     CredentialVault vault, IntegrationSetup setup, ShopAccess access) {
        this.jdbi = jdbi;
        this.repository = repository;
        this.rows = rows;
        this.plugins = plugins;
        this.vault = vault;
        this.setup = setup;
        this.access = access;
    }

    /** Applies the change to {@code current}, a connected integration. */
    void apply(Integration current, IntegrationChange change) {
        ConnectorEntry connector = plugins.connector(current.connector()).orElseThrow(() -> new ConflictException(
                "connector-not-loaded", "Connector not loaded",
                "the '" + current.connector() + "' connector plugin is not loaded; check GET /api/v1/plugins"));
        Optional<LocalDate> start = change.syncStartDate();
        if (start.isPresent() && current.sync().startDateLocked() && !start.get().equals(current.sync().startDate())) {
            throw new ConflictException("sync-start-date-locked", "the sync start date is frozen since the first sync"
                    + " started (it is " + current.sync().startDate() + ")");
        }
        Optional<Map<String, String>> credentials = check(current, connector, change);
        jdbi.useTransaction(h -> store(h, current.id(), connector, change, credentials));
    }

    /**
     * Every field error of the change at once, then the keys with the shop when they are new or the shop URL moves
     * the connector's API address; the new credentials, when the change has some.
     */
    private Optional<Map<String, String>> check(Integration current, ConnectorEntry connector, IntegrationChange change) {
        long id = current.id();
        Optional<String> shopUrl = change.shopUrl();
        List<FieldError> errors = new ArrayList<>(change.refused());
        setup.checkStartDate(errors, change.syncStartDate());
        Optional<Map<String, String>> credentials = change.credentials().map(sent -> IntegrationSetup.readCredentials(
                errors, sent, connector.descriptor(), storedCredentials(current)));
        setup.checkUnique(errors, change.name(), shopUrl.map(u -> ShopKey.of(current.connector(), u)), id);
        Optional<ShopAccess.ApiBase> newApiBase = shopUrl.map(u -> access.ofRequest(errors, connector, u));
        InvalidInputException.throwIfAny(errors);
        // a shop URL that moves the connector's API address (plugin API 1.1, e.g. another Shopify shop) is checked
        // with the keys too: they must work at the new address. A 1.0 connector's address never moves.
        boolean moved = newApiBase.isPresent() && access.moves(connector, current.shop().url(), newApiBase.get());
        if (credentials.isPresent() || moved) {
            Map<String, String> keys = credentials.orElseGet(() -> storedCredentials(current));
            URI base = newApiBase.map(ShopAccess.ApiBase::uri)
                    .orElseGet(() -> access.ofStoredShop(connector, current.shop().url()));
            // regenerated keys are checked before they replace the old ones: a rejected key changes nothing
            access.check(connector, access.connection(keys, shopUrl.orElse(current.shop().url()), base));
        }
        return credentials;
    }

    private Map<String, String> storedCredentials(Integration integration) {
        return integration.credentials().encrypted()
                .map(c -> vault.decrypt(c, IntegrationService.context(integration.id()))).orElse(Map.of());
    }

    private void store(Handle h, long id, ConnectorEntry connector, IntegrationChange change,
                       Optional<Map<String, String>> credentials) {
        Integration locked = repository.lock(h, id).filter(i -> !i.disconnected())
                .orElseThrow(() -> IntegrationService.noIntegration(id));
        Optional<LocalDate> start = change.syncStartDate();
        if (start.isPresent() && locked.sync().startDateLocked() && !start.get().equals(locked.sync().startDate())) {
            throw new ConflictException("sync-start-date-locked", "the sync start date is frozen since the first sync started");
        }
        String url = change.shopUrl().orElse(locked.shop().url());
        String key = ShopKey.of(locked.connector(), url);
        if (!key.equals(locked.shop().key())) {
            rekey(h, locked, key);
        }
        repository.updateDetails(h, id, change.name().orElse(locked.name()),
                change.customerType().orElse(locked.customerType()), url, key, start.orElse(locked.sync().startDate()));
        if (credentials.isPresent()) {
            repository.updateCredentials(h, id, vault.encrypt(credentials.get(), IntegrationService.context(id)),
                    IntegrationSetup.masked(connector.descriptor(), credentials.get()));
            if (locked.status() == IntegrationStatus.CREDENTIALS_INVALID || locked.status() == IntegrationStatus.ERROR) {
                repository.updateStatus(h, id, IntegrationStatus.CONNECTED, null);
            }
        }
    }

    /**
     * A shop URL that names another shop key: the shop's listings and orders move with it (their mappings
     * too), so the next sync does not import the shop twice. Refused while a sync runs (it writes
     * under the key it started with) and when rows of another integration already sit under the new key.
     */
    private void rekey(Handle h, Integration integration, String newKey) {
        if (rows.syncs().anyActive(h, integration.id())) {
            throw new ConflictException("sync-running", "a sync of this integration is running; change the shop URL"
                    + " once it has finished (GET /api/v1/integrations/" + integration.id() + "/syncs)");
        }
        if (rows.listings().countOfShop(h, newKey) + rows.orders().countOfShop(h, newKey) > 0) {
            throw new ConflictException("shop-url-in-use", "listings or orders of another (disconnected) integration"
                    + " are already stored for the shop at this URL; connect that shop as a new integration to adopt them,"
                    + " or purge the old integration first");
        }
        rows.listings().moveToShopKey(h, integration.shop().key(), newKey);
        rows.orders().moveToShopKey(h, integration.shop().key(), newKey);
        LOG.info("integration {}: shop key changed, its listings and orders moved with it", integration.id());
    }
}

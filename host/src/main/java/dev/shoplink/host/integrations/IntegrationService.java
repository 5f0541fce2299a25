package dev.shoplink.host.integrations;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.ShopCallException;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.plugins.Connectors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating, changing and disconnecting integrations; the only place that decrypts credentials for use
 * ({@link CredentialKeys} re-encrypts them at a key rotation, with {@code context(long)}). Takes the commands
 * {@link NewIntegration} and {@link IntegrationChange}, throws {@code domain} exceptions (a shop's refusal or failure
 * during a check is a {@link ShopCallException}); the tables of listings, orders and syncs it changes through their
 * owners' {@link IntegrationRows} ports, in its own transaction. A setup form's check and insert are
 * {@link IntegrationSetup}'s, a change {@link IntegrationPatch}'s, where and how a shop is reached {@link ShopAccess}'s.
 */
@Singleton
public final class IntegrationService {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);

    private final Jdbi jdbi;
    private final IntegrationRepository repository = new IntegrationRepository();
    private final IntegrationRows rows;
    private final Connectors plugins;
    private final CredentialVault vault;
    private final Clock clock;
    private final ShopAccess access;
    private final IntegrationSetup setup;
    private final IntegrationPatch patches;

    @Inject
    public IntegrationService(Jdbi jdbi, IntegrationRows rows, Connectors plugins, CredentialVault vault, HostConfig config,
                              Clock clock, ShopMetrics metrics) {
        this.jdbi = jdbi;
        this.rows = rows;
        this.plugins = plugins;
        this.vault = vault;
        this.clock = clock;
        this.access = new ShopAccess(plugins, config, clock, metrics);
        this.setup = new IntegrationSetup(jdbi, repository, plugins, vault, clock, new SyncStartDateRule(clock, config.zone()),
                access);
        this.patches = new IntegrationPatch(jdbi, repository, rows, plugins, vault, setup, access);
    }

    /** Checks the form (every field error at once, then the credentials with the shop) and stores it; the new integration. */
    public IntegrationView create(NewIntegration command) {
        CheckedForm form = checkForm(command, 0);
        long id = jdbi.inTransaction(h -> insert(h, form, Optional.empty()));
        LOG.info("integration {} '{}' created ({} at {})", id, form.name(), form.connectorId(), form.shopUrl());
        return get(id);
    }

    /**
     * Validates the setup form of a new integration (every field error at once,
     * {@link dev.shoplink.host.domain.InvalidInputException}), then checks the credentials with the shop
     * ({@link ShopCallException} as the shop answers). Stores nothing.
     *
     * @param replacing an integration about to be replaced (a switch): its name and shop do not count as taken; 0 for none
     */
    public CheckedForm checkForm(NewIntegration form, long replacing) {
        return setup.check(form, replacing);
    }

    /** A connection to the shop of a checked form, for reading it before anything is stored. */
    public Connection connection(CheckedForm form) {
        return access.connection(form.credentials(), form.shopUrl(), form.apiBase());
    }

    /**
     * Stores a checked form as a connected integration in the caller's transaction; its id.
     *
     * @param switchedFrom the integration a switch replaces with this one
     */
    public long insert(Handle h, CheckedForm form, Optional<Long> switchedFrom) {
        return setup.insert(h, form, switchedFrom);
    }

    /**
     * Changes a connected integration: 404 unknown or disconnected, 409 when its connector is not loaded or the
     * frozen sync start date would change, every field error at once, then new keys (or keys at a moved API
     * address) are checked with the shop before anything is stored.
     */
    public IntegrationView patch(long id, IntegrationChange change) {
        patches.apply(active(id), change);
        return get(id);
    }

    public IntegrationRepository.DisconnectResult disconnect(long id, boolean archiveOpenOrders, boolean purge) {
        IntegrationRepository.DisconnectResult result = jdbi.inTransaction(h -> disconnect(h, id, archiveOpenOrders, purge));
        LOG.info("integration {} disconnected: {}", id, result);
        return result;
    }

    /**
     * {@link #disconnect(long, boolean, boolean)} in the caller's transaction (a switch disconnects its predecessor): its
     * running syncs stop (the worker notices at its next page), its listings become inactive and, when asked, its open
     * orders archived — or with {@code purge} both are deleted — and the integration forgets its credentials. Each
     * table through its owner.
     */
    public IntegrationRepository.DisconnectResult disconnect(Handle h, long id, boolean archiveOpenOrders, boolean purge) {
        lockActive(h, id);
        Instant now = clock.instant();
        int syncs = rows.syncs().stopActive(h, id, now, "stopped: the integration was disconnected");
        int listingsPurged = 0;
        int ordersPurged = 0;
        int deactivated = 0;
        int archived = 0;
        if (purge) {
            ordersPurged = rows.orders().purge(h, id);
            listingsPurged = rows.listings().purge(h, id);
        } else {
            deactivated = rows.listings().deactivate(h, id);
            if (archiveOpenOrders) {
                archived = rows.orders().archiveOpen(h, id, now);
            }
        }
        repository.disconnect(h, id, now);
        return new IntegrationRepository.DisconnectResult(syncs, deactivated, archived, listingsPurged, ordersPurged);
    }

    /** Locks a connected integration's row until the transaction ends; not found when it does not exist or is disconnected. */
    public Integration lockActive(Handle h, long id) {
        return repository.lock(h, id).filter(i -> !i.disconnected()).orElseThrow(() -> noIntegration(id));
    }

    static NotFoundException noIntegration(long id) {
        return new NotFoundException("no integration " + id);
    }

    public IntegrationView get(long id) {
        return jdbi.withHandle(h -> repository.find(h, id)
                .map(i -> IntegrationView.of(i, repository.counts(h, id)).connectorMissing(plugins.missing(i.connector())))
                .orElseThrow(() -> noIntegration(id)));
    }

    public List<IntegrationView> list(boolean includeDisconnected) {
        return jdbi.withHandle(h -> repository.list(h, includeDisconnected).stream()
                .map(i -> IntegrationView.of(i, repository.counts(h, i.id())).connectorMissing(plugins.missing(i.connector())))
                .toList());
    }

    /** The integration if it exists and is connected; not found otherwise. */
    public Integration active(long id) {
        return jdbi.withHandle(h -> repository.find(h, id)).filter(i -> !i.disconnected()).orElseThrow(() -> noIntegration(id));
    }

    public Optional<Integration> find(long id) {
        return jdbi.withHandle(h -> repository.find(h, id));
    }

    /**
     * A connection with decrypted credentials, for one call or one sync: the integration's shop URL, and
     * the {@code SHOPLINK_<ID>_BASE_URL} override or else the connector's API address for that shop URL.
     *
     * @throws IllegalStateException with a sentence for the sync's error when the integration has no
     *     credentials, its connector is not loaded, or the connector cannot use its shop URL
     */
    public Connection connection(Integration integration, ConnectorDescriptor descriptor) {
        Map<String, String> credentials = integration.credentials().encrypted()
                .map(c -> vault.decrypt(c, context(integration.id())))
                .orElseThrow(() -> new IllegalStateException("integration " + integration.id() + " has no credentials"));
        URI base = access.ofIntegration(integration, descriptor);
        return access.connection(credentials, integration.shop().url(), base);
    }

    /** The context of an integration's encrypted credentials: it names the row, so they cannot be moved to another. */
    static String context(long id) {
        return "integration:" + id;
    }
}

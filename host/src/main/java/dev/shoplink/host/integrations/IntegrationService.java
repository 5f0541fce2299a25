package dev.shoplink.host.integrations;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.ConnectorException;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.ShopCallException;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.plugins.ConnectorEntry;
import dev.shoplink.host.plugins.ConnectorFailureException;
import dev.shoplink.host.plugins.Connectors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating, changing and disconnecting integrations; the only place that decrypts credentials for use
 * ({@link CredentialKeys} re-encrypts them at a key rotation, with {@code context(long)}). Takes the commands
 * {@link NewIntegration} and {@link IntegrationChange}, throws {@code domain} exceptions (a shop's refusal or failure
 * during a check is a {@link ShopCallException}); the tables of listings, orders and syncs it changes through their
 * owners' {@link IntegrationRows} ports, in its own transaction.
 */
@Singleton
public final class IntegrationService {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);

    private final Jdbi jdbi;
    private final IntegrationRepository repository = new IntegrationRepository();
    private final IntegrationRows rows;
    private final Connectors plugins;
    private final CredentialVault vault;
    private final HostConfig config;
    private final Clock clock;
    private final SyncStartDateRule startDateRule;
    private final ShopMetrics metrics;

    @Inject
    public IntegrationService(Jdbi jdbi, IntegrationRows rows, Connectors plugins, CredentialVault vault, HostConfig config,
                              Clock clock, ShopMetrics metrics) {
        this.jdbi = jdbi;
        this.rows = rows;
        this.plugins = plugins;
        this.vault = vault;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.startDateRule = new SyncStartDateRule(clock, config.zone());
    }

    /** Checks the form (every field error at once, then the credentials with the shop) and stores it; the new integration. */
    public IntegrationView create(NewIntegration command) {
        CheckedForm form = checkForm(command, 0);
        long id = jdbi.inTransaction(h -> insert(h, form, Optional.empty()));
        LOG.info("integration {} '{}' created ({} at {})", id, form.name(), form.connectorId(), form.shopUrl());
        return get(id);
    }

    /**
     * A setup form that passed validation and the credential check with the shop; nothing is stored yet.
     * {@code toString} leaves the credentials out.
     */
    public record CheckedForm(ConnectorEntry connector, String name, CustomerType customerType, String shopUrl,
                              Map<String, String> credentials, LocalDate syncStartDate, URI apiBase) {
        public String connectorId() {
            return connector.descriptor().id();
        }

        public String shopKey() {
            return ShopKey.of(connectorId(), shopUrl);
        }

        @Override
        public String toString() {
            return "CheckedForm[" + connectorId() + " " + shopUrl + " '" + name + "']";
        }
    }

    /**
     * Validates the setup form of a new integration (every field error at once, {@link InvalidInputException}), then
     * checks the credentials with the shop ({@link ShopCallException} as the shop answers). Stores nothing.
     *
     * @param replacing an integration about to be replaced (a switch): its name and shop do not count as taken; 0 for none
     */
    public CheckedForm checkForm(NewIntegration form, long replacing) {
        List<FieldError> errors = new ArrayList<>(form.refused());
        form.syncStartDate().flatMap(startDateRule::violation).ifPresent(v -> errors.add(new FieldError("syncStartDate", v)));
        Optional<ConnectorEntry> entry = form.connector().flatMap(id -> {
            Optional<ConnectorEntry> found = plugins.connector(id);
            if (found.isEmpty()) {
                errors.add(new FieldError("connector", "unknown connector '" + id + "'; available: " + availableConnectors()));
            }
            return found;
        });
        Map<String, String> credentials = new LinkedHashMap<>();
        if (entry.isPresent() && form.credentials().isPresent()) {
            credentials = readCredentials(errors, form.credentials().get(), entry.get().descriptor(), Map.of());
        }
        jdbi.useHandle(h -> {
            form.name().filter(n -> repository.activeNameTaken(h, n, replacing)).ifPresent(n -> errors.add(nameTaken(n)));
            if (form.connector().isPresent() && form.shopUrl().isPresent()) {
                repository.activeWithShop(h, ShopKey.of(form.connector().get(), form.shopUrl().get()), replacing)
                        .ifPresent(other -> errors.add(shopTaken(other)));
            }
        });
        // the connector's word on the shop URL is a field error like the others
        Optional<ApiBase> apiBase = entry.flatMap(c -> form.shopUrl().map(u -> apiBase(errors, c, u)));
        InvalidInputException.throwIfAny(errors);

        ConnectorEntry connector = entry.orElseThrow();
        URI base = apiBase.orElseThrow().uri();
        String shopUrl = form.shopUrl().orElseThrow();
        checkWithShop(connector, connection(credentials, shopUrl, base));
        return new CheckedForm(connector, form.name().orElseThrow(), form.customerType().orElseThrow(), shopUrl,
                Map.copyOf(credentials), form.syncStartDate().orElseThrow(), base);
    }

    private static FieldError nameTaken(String name) {
        return new FieldError("name", "another connected integration is already called '" + name + "'");
    }

    private static FieldError shopTaken(String otherIntegration) {
        return new FieldError("shopUrl", "this shop is already connected as integration '" + otherIntegration + "'");
    }

    /** A connection to the shop of a checked form, for reading it before anything is stored. */
    public Connection connection(CheckedForm form) {
        return connection(form.credentials(), form.shopUrl(), form.apiBase());
    }

    /**
     * Stores a checked form as a connected integration in the caller's transaction; its id.
     *
     * @param switchedFrom the integration a switch replaces with this one
     */
    public long insert(Handle h, CheckedForm form, Optional<Long> switchedFrom) {
        if (repository.activeNameTaken(h, form.name(), 0)) {
            throw new InvalidInputException(List.of(nameTaken(form.name())));
        }
        Map<String, String> masked = masked(form.connector().descriptor(), form.credentials());
        long newId = repository.insert(h, new Integration(0, form.connectorId(), form.name(), form.customerType(),
                new Integration.Shop(form.shopUrl(), form.shopKey()), new Integration.Credentials(Optional.empty(), masked),
                Integration.SyncWindow.startingOn(form.syncStartDate()), IntegrationStatus.CONNECTED, Optional.empty(),
                clock.instant(), Optional.empty()));
        // the encryption's context names the row, so the credentials follow the insert that gives it its id
        repository.updateCredentials(h, newId, vault.encrypt(form.credentials(), context(newId)), masked);
        switchedFrom.ifPresent(from -> repository.switchedFrom(h, newId, from));
        return newId;
    }

    /**
     * Changes a connected integration: 404 unknown or disconnected, 409 when its connector is not loaded or the
     * frozen sync start date would change, every field error at once, then new keys (or keys at a moved API
     * address) are checked with the shop before anything is stored.
     */
    public IntegrationView patch(long id, IntegrationChange change) {
        Integration current = active(id);
        ConnectorEntry connector = plugins.connector(current.connector()).orElseThrow(() -> new ConflictException(
                "connector-not-loaded", "Connector not loaded",
                "the '" + current.connector() + "' connector plugin is not loaded; check GET /api/v1/plugins"));
        Optional<String> name = change.name();
        Optional<CustomerType> type = change.customerType();
        Optional<String> shopUrl = change.shopUrl();
        Optional<LocalDate> start = change.syncStartDate();
        if (start.isPresent() && current.sync().startDateLocked() && !start.get().equals(current.sync().startDate())) {
            throw new ConflictException("sync-start-date-locked", "the sync start date is frozen since the first sync"
                    + " started (it is " + current.sync().startDate() + ")");
        }
        List<FieldError> errors = new ArrayList<>(change.refused());
        start.flatMap(startDateRule::violation).ifPresent(v -> errors.add(new FieldError("syncStartDate", v)));
        Map<String, String> credentials = null;
        if (change.credentials().isPresent()) {
            Map<String, String> existing = current.credentials().encrypted()
                    .map(c -> vault.decrypt(c, context(id))).orElse(Map.of());
            credentials = readCredentials(errors, change.credentials().get(), connector.descriptor(), existing);
        }
        jdbi.useHandle(h -> {
            name.filter(n -> repository.activeNameTaken(h, n, id)).ifPresent(n -> errors.add(nameTaken(n)));
            shopUrl.flatMap(u -> repository.activeWithShop(h, ShopKey.of(current.connector(), u), id))
                    .ifPresent(other -> errors.add(shopTaken(other)));
        });
        Optional<ApiBase> newApiBase = shopUrl.map(u -> apiBase(errors, connector, u));
        InvalidInputException.throwIfAny(errors);
        // a shop URL that moves the connector's API address (plugin API 1.1, e.g. another Shopify shop) is checked
        // with the keys too: they must work at the new address. A 1.0 connector's address never moves.
        boolean moved = newApiBase.isPresent() && !previousApiBase(connector, current.shop().url())
                .equals(Optional.of(newApiBase.get().connectorUri()));
        if (credentials != null || moved) {
            Map<String, String> keys = credentials != null ? credentials : current.credentials().encrypted()
                    .map(c -> vault.decrypt(c, context(id))).orElse(Map.of());
            URI base = newApiBase.map(ApiBase::uri).orElseGet(() -> apiBaseOf(connector, current.shop().url()));
            // regenerated keys are checked before they replace the old ones: a rejected key changes nothing
            checkWithShop(connector, connection(keys, shopUrl.orElse(current.shop().url()), base));
        }
        Map<String, String> newCredentials = credentials;
        jdbi.useTransaction(h -> {
            Integration locked = lockActive(h, id);
            if (start.isPresent() && locked.sync().startDateLocked() && !start.get().equals(locked.sync().startDate())) {
                throw new ConflictException("sync-start-date-locked", "the sync start date is frozen since the first sync started");
            }
            String url = shopUrl.orElse(locked.shop().url());
            String key = ShopKey.of(locked.connector(), url);
            if (!key.equals(locked.shop().key())) {
                rekey(h, locked, key);
            }
            repository.updateDetails(h, id, name.orElse(locked.name()), type.orElse(locked.customerType()), url,
                    key, start.orElse(locked.sync().startDate()));
            if (newCredentials != null) {
                repository.updateCredentials(h, id, vault.encrypt(newCredentials, context(id)),
                        masked(connector.descriptor(), newCredentials));
                if (locked.status() == IntegrationStatus.CREDENTIALS_INVALID || locked.status() == IntegrationStatus.ERROR) {
                    repository.updateStatus(h, id, IntegrationStatus.CONNECTED, null);
                }
            }
        });
        return get(id);
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

    private static NotFoundException noIntegration(long id) {
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
        URI base = override(descriptor).orElseGet(() -> {
            ConnectorEntry entry = plugins.connector(descriptor.id()).orElseThrow(() -> new IllegalStateException(
                    "the '" + descriptor.id() + "' connector plugin is not loaded; check GET /api/v1/plugins"));
            try {
                return checkedApiBase(entry, entry.connector().apiBaseUrl(integration.shop().url()));
            } catch (ConnectorException | ConnectorFailureException e) {
                throw new IllegalStateException(descriptor.name() + " cannot be reached for the shop URL "
                        + integration.shop().url() + ": " + e.getMessage() + "; correct it with PATCH /api/v1/integrations/"
                        + integration.id(), e);
            }
        });
        return connection(credentials, integration.shop().url(), base);
    }

    private Connection connection(Map<String, String> credentials, String shopUrl, URI base) {
        return new Connection(credentials, base, clock, config.shopTimeout(), shopUrl);
    }

    /** The host's {@code SHOPLINK_<ID>_BASE_URL} for the connector, when configured. */
    private Optional<URI> override(ConnectorDescriptor descriptor) {
        return Optional.ofNullable(config.baseUrlOverrides().get(descriptor.id())).map(URI::create);
    }

    /**
     * The connector's answer to a shop URL of a request and the address a connection uses.
     *
     * @param connectorUri what {@link dev.shoplink.api.ShopConnector#apiBaseUrl(String)} answered
     * @param uri the override when configured, else {@code connectorUri}
     */
    private record ApiBase(URI connectorUri, URI uri) {
    }

    /**
     * Asks the connector for the API address of a shop URL (plugin API 1.1; a 1.0 connector answers its
     * default). The connector refusing the shop URL is an error on {@code shopUrl}, reported with the
     * request's other field errors (asked last, so that those are known); any other failure of the
     * connector ends a request without field errors (502/503). Asked even when the override is set: the override changes where the
     * host connects, not which shop URLs are acceptable.
     */
    private ApiBase apiBase(List<FieldError> errors, ConnectorEntry connector, String shopUrl) {
        try {
            URI answered = connectorApiBase(connector, shopUrl);
            return new ApiBase(answered, override(connector.descriptor()).orElse(answered));
        } catch (InvalidCredentialsException e) {
            errors.add(new FieldError("shopUrl", e.getMessage() == null || e.getMessage().isBlank()
                    ? "is not a shop URL the " + connector.descriptor().name() + " connector can use" : e.getMessage()));
            return new ApiBase(connector.descriptor().defaultBaseUrl(), connector.descriptor().defaultBaseUrl());
        } catch (ConnectorException | ConnectorFailureException e) {
            if (!errors.isEmpty()) {
                // the field errors are the answer; the connector's failure shows once they are corrected
                return new ApiBase(connector.descriptor().defaultBaseUrl(), connector.descriptor().defaultBaseUrl());
            }
            throw shopProblem(connector, e);
        }
    }

    private URI connectorApiBase(ConnectorEntry connector, String shopUrl) {
        return checkedApiBase(connector, connector.connector().apiBaseUrl(shopUrl));
    }

    /** The connector's address for the shop URL stored so far; empty when the connector cannot say. */
    private Optional<URI> previousApiBase(ConnectorEntry connector, String shopUrl) {
        try {
            return Optional.of(connectorApiBase(connector, shopUrl));
        } catch (ConnectorException | ConnectorFailureException e) {
            return Optional.empty();
        }
    }

    /** The address a check of new keys at the stored shop URL uses; the connector refusing that URL is a 422 on it. */
    private URI apiBaseOf(ConnectorEntry connector, String shopUrl) {
        return override(connector.descriptor()).orElseGet(() -> {
            try {
                return connectorApiBase(connector, shopUrl);
            } catch (InvalidCredentialsException e) {
                throw new InvalidInputException("shopUrl", e.getMessage());
            } catch (ConnectorException | ConnectorFailureException e) {
                throw shopProblem(connector, e);
            }
        });
    }

    /** The connector's API address, refused (as the connector's failure) unless it is an absolute http(s) URL. */
    private static URI checkedApiBase(ConnectorEntry connector, URI answer) {
        if (answer == null || !answer.isAbsolute() || answer.getHost() == null
                || !("http".equalsIgnoreCase(answer.getScheme()) || "https".equalsIgnoreCase(answer.getScheme()))) {
            throw new ConnectorFailureException(connector.descriptor().id(),
                    "apiBaseUrl() answered " + answer + ", which is not an absolute http(s) URL");
        }
        return answer;
    }

    static String context(long id) {
        return "integration:" + id;
    }

    private String availableConnectors() {
        String ids = plugins.connectors().stream().map(c -> c.descriptor().id()).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none (no connector plugin is loaded)" : ids;
    }

    /** The credentials to store, checked field by field ({@link CredentialFields}); problems go to {@code errors}. */
    private static Map<String, String> readCredentials(List<FieldError> errors, JsonNode credentials,
                                                       ConnectorDescriptor descriptor, Map<String, String> existing) {
        CredentialFields.Checked checked = CredentialFields.check(credentials, descriptor, existing);
        errors.addAll(checked.errors());
        return new LinkedHashMap<>(checked.values());
    }

    private static Map<String, String> masked(ConnectorDescriptor descriptor, Map<String, String> credentials) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CredentialField field : descriptor.credentialFields()) {
            String value = credentials.get(field.name());
            if (value != null) {
                out.put(field.name(), field.secret() ? CredentialVault.mask(value) : value);
            }
        }
        return out;
    }

    private void checkWithShop(ConnectorEntry connector, Connection connection) {
        try {
            metrics.run(connector.descriptor().id(), "validate", () -> connector.connector().validate(connection));
        } catch (ConnectorException | ConnectorFailureException e) {
            throw shopProblem(connector, e);
        }
    }

    /**
     * The fields a rejection points at: the one the connector named (plugin API 1.1), with its message,
     * when it is {@code shopUrl} or a field of the form; else every secret field.
     */
    static List<FieldError> rejectedFields(ConnectorDescriptor descriptor, InvalidCredentialsException e) {
        String shop = descriptor.name();
        Optional<String> named = e.field();
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "rejected by " + shop : e.getMessage();
        if (named.isPresent() && named.get().equals(InvalidCredentialsException.SHOP_URL)) {
            return List.of(new FieldError("shopUrl", message));
        }
        if (named.isPresent() && descriptor.credentialFields().stream().anyMatch(f -> f.name().equals(named.get()))) {
            return List.of(new FieldError("credentials." + named.get(), message));
        }
        return descriptor.credentialFields().stream().filter(CredentialField::secret)
                .map(f -> new FieldError("credentials." + f.name(), "rejected by " + shop)).toList();
    }

    /** A connector's exception during a credential check (or a shop URL's check), as the request's refusal. */
    private static ShopCallException shopProblem(ConnectorEntry connector, RuntimeException failure) {
        return shopProblem(connector, failure, "check the credentials");
    }

    /**
     * A connector's exception while a request waits for the shop, as the request's refusal: rejected keys or API
     * access (the request's fault), a rate limit (try later), an outage, a bad answer or a failing connector.
     *
     * @param doing what the host was doing, e.g. "read its listings", for the detail
     */
    public static ShopCallException shopProblem(ConnectorEntry connector, RuntimeException failure, String doing) {
        String shop = connector.descriptor().name();
        if (failure instanceof InvalidCredentialsException e) {
            return new ShopCallException(ShopCallException.Kind.CREDENTIALS_REJECTED,
                    shop + " rejected the credentials: " + e.getMessage(), rejectedFields(connector.descriptor(), e));
        } else if (failure instanceof ApiAccessDeniedException e) {
            return new ShopCallException(ShopCallException.Kind.ACCESS_DENIED, e.getMessage());
        } else if (failure instanceof RateLimitedException e) {
            return new ShopCallException(ShopCallException.Kind.RATE_LIMITED,
                    shop + " asks to wait " + e.retryAfter().toSeconds() + " s before the next request; try again then");
        } else if (failure instanceof ShopUnavailableException e) {
            return new ShopCallException(ShopCallException.Kind.UNAVAILABLE,
                    shop + " could not be reached to " + doing + ": " + e.getMessage());
        } else if (failure instanceof MalformedResponseException e) {
            return new ShopCallException(ShopCallException.Kind.BAD_RESPONSE,
                    shop + " answered something the connector cannot read: " + e.getMessage());
        }
        // ConnectorFailureException, and a ConnectorException of another kind (the guard turns those into the above)
        return new ShopCallException(ShopCallException.Kind.CONNECTOR_FAILED,
                shop + " could not " + doing + ": " + failure.getMessage());
    }
}

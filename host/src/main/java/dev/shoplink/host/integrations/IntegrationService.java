package dev.shoplink.host.integrations;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.http.ApiException;
import dev.shoplink.host.http.FieldError;
import dev.shoplink.host.http.JsonBody;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.plugins.ConnectorEntry;
import dev.shoplink.host.plugins.ConnectorFailureException;
import dev.shoplink.host.plugins.PluginHost;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creating, changing and disconnecting integrations; the only place that decrypts credentials. */
@Singleton
public final class IntegrationService {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);

    private final Jdbi jdbi;
    private final IntegrationRepository repository = new IntegrationRepository();
    private final PluginHost plugins;
    private final CredentialVault vault;
    private final HostConfig config;
    private final Clock clock;
    private final SyncStartDateRule startDateRule;
    private final ShopMetrics metrics;

    @Inject
    public IntegrationService(Jdbi jdbi, PluginHost plugins, CredentialVault vault, HostConfig config, Clock clock,
                              ShopMetrics metrics) {
        this.jdbi = jdbi;
        this.plugins = plugins;
        this.vault = vault;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.startDateRule = new SyncStartDateRule(clock, config.zone());
    }

    public IntegrationView create(JsonBody body) {
        Optional<String> connectorId = body.string("connector", true, 64);
        Optional<String> name = body.string("name", true, 200);
        Optional<CustomerType> type = body.enumValue("customerType", true, CustomerType.class);
        Optional<String> shopUrl = body.string("shopUrl", true, 2000).flatMap(u -> checkedUrl(body, u));
        Optional<JsonBody> credentialsBody = body.object("credentials", true);
        Optional<LocalDate> start = body.date("syncStartDate", true);
        start.flatMap(startDateRule::violation).ifPresent(v -> body.reject("syncStartDate", v));

        Optional<ConnectorEntry> entry = connectorId.flatMap(id -> {
            Optional<ConnectorEntry> found = plugins.connector(id);
            if (found.isEmpty()) {
                body.reject("connector", "unknown connector '" + id + "'; available: " + availableConnectors());
            }
            return found;
        });
        Map<String, String> credentials = new LinkedHashMap<>();
        if (entry.isPresent() && credentialsBody.isPresent()) {
            credentials = readCredentials(credentialsBody.get(), entry.get().descriptor(), Map.of());
        }
        jdbi.useHandle(h -> {
            name.filter(n -> repository.activeNameTaken(h, n, 0))
                    .ifPresent(n -> body.reject("name", "another connected integration is already called '" + n + "'"));
            if (connectorId.isPresent() && shopUrl.isPresent()) {
                repository.activeWithShop(h, ShopKey.of(connectorId.get(), shopUrl.get()), 0).ifPresent(other ->
                        body.reject("shopUrl", "this shop is already connected as integration '" + other + "'"));
            }
        });
        body.throwIfInvalid();

        ConnectorEntry connector = entry.orElseThrow();
        checkWithShop(connector, connection(connector.descriptor(), credentials));

        Instant now = clock.instant();
        Map<String, String> finalCredentials = credentials;
        long id = jdbi.inTransaction(h -> {
            if (repository.activeNameTaken(h, name.get(), 0)) {
                throw ApiException.validation("name", "another connected integration is already called '" + name.get() + "'");
            }
            String shopKey = ShopKey.of(connector.descriptor().id(), shopUrl.get());
            long newId = repository.insert(h, new Integration(0, connector.descriptor().id(), name.get(), type.get(),
                    shopUrl.get(), shopKey, Optional.empty(), masked(connector.descriptor(), finalCredentials),
                    start.get(), false, IntegrationStatus.CONNECTED, Optional.empty(), Optional.empty(),
                    Optional.empty(), now, Optional.empty()));
            repository.updateCredentials(h, newId, vault.encrypt(finalCredentials, context(newId)),
                    masked(connector.descriptor(), finalCredentials));
            return newId;
        });
        LOG.info("integration {} '{}' created ({} at {})", id, name.get(), connector.descriptor().id(), shopUrl.get());
        return get(id);
    }

    public IntegrationView patch(long id, JsonBody body) {
        Integration current = active(id);
        ConnectorEntry connector = plugins.connector(current.connector()).orElseThrow(() -> new ApiException(409,
                "connector-not-loaded", "Connector not loaded",
                "the '" + current.connector() + "' connector plugin is not loaded; check GET /api/v1/plugins"));
        Optional<String> name = body.nonBlank("name", 200);
        Optional<CustomerType> type = body.enumValue("customerType", false, CustomerType.class);
        Optional<String> shopUrl = body.nonBlank("shopUrl", 2000).flatMap(u -> checkedUrl(body, u));
        Optional<LocalDate> start = body.date("syncStartDate", false);
        if (start.isPresent() && current.syncStartDateLocked() && !start.get().equals(current.syncStartDate())) {
            throw ApiException.conflict("sync-start-date-locked", "the sync start date is frozen since the first sync"
                    + " started (it is " + current.syncStartDate() + ")");
        }
        start.flatMap(startDateRule::violation).ifPresent(v -> body.reject("syncStartDate", v));
        Optional<JsonBody> credentialsBody = body.object("credentials", false);
        Map<String, String> credentials = null;
        if (credentialsBody.isPresent()) {
            Map<String, String> existing = current.encryptedCredentials()
                    .map(c -> vault.decrypt(c, context(id))).orElse(Map.of());
            credentials = readCredentials(credentialsBody.get(), connector.descriptor(), existing);
        }
        jdbi.useHandle(h -> {
            name.filter(n -> repository.activeNameTaken(h, n, id))
                    .ifPresent(n -> body.reject("name", "another connected integration is already called '" + n + "'"));
            shopUrl.flatMap(u -> repository.activeWithShop(h, ShopKey.of(current.connector(), u), id)).ifPresent(other ->
                    body.reject("shopUrl", "this shop is already connected as integration '" + other + "'"));
        });
        body.throwIfInvalid();
        if (credentials != null) {
            // regenerated keys are checked before they replace the old ones: a rejected key changes nothing
            checkWithShop(connector, connection(connector.descriptor(), credentials));
        }
        Map<String, String> newCredentials = credentials;
        jdbi.useTransaction(h -> {
            Integration locked = repository.lock(h, id).filter(i -> !i.disconnected())
                    .orElseThrow(() -> ApiException.notFound("no integration " + id));
            if (start.isPresent() && locked.syncStartDateLocked() && !start.get().equals(locked.syncStartDate())) {
                throw ApiException.conflict("sync-start-date-locked", "the sync start date is frozen since the first sync started");
            }
            String url = shopUrl.orElse(locked.shopUrl());
            String key = ShopKey.of(locked.connector(), url);
            if (!key.equals(locked.shopKey())) {
                rekey(h, locked, key);
            }
            repository.updateDetails(h, id, name.orElse(locked.name()), type.orElse(locked.customerType()), url,
                    key, start.orElse(locked.syncStartDate()));
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
        if (repository.syncActive(h, integration.id())) {
            throw ApiException.conflict("sync-running", "a sync of this integration is running; change the shop URL"
                    + " once it has finished (GET /api/v1/integrations/" + integration.id() + "/syncs)");
        }
        if (repository.rowsOfShop(h, newKey) > 0) {
            throw ApiException.conflict("shop-url-in-use", "listings or orders of another (disconnected) integration"
                    + " are already stored for the shop at this URL; connect that shop as a new integration to adopt them,"
                    + " or purge the old integration first");
        }
        repository.rekey(h, integration.shopKey(), newKey);
        LOG.info("integration {}: shop key changed, its listings and orders moved with it", integration.id());
    }

    public IntegrationRepository.DisconnectResult disconnect(long id, boolean archiveOpenOrders, boolean purge) {
        IntegrationRepository.DisconnectResult result = jdbi.inTransaction(h -> {
            repository.lock(h, id).filter(i -> !i.disconnected())
                    .orElseThrow(() -> ApiException.notFound("no integration " + id));
            return repository.disconnect(h, id, clock.instant(), archiveOpenOrders, purge);
        });
        LOG.info("integration {} disconnected: {}", id, result);
        return result;
    }

    public IntegrationView get(long id) {
        return jdbi.withHandle(h -> repository.find(h, id)
                .map(i -> IntegrationView.of(i, repository.counts(h, id)))
                .orElseThrow(() -> ApiException.notFound("no integration " + id)));
    }

    public List<IntegrationView> list(boolean includeDisconnected) {
        return jdbi.withHandle(h -> repository.list(h, includeDisconnected).stream()
                .map(i -> IntegrationView.of(i, repository.counts(h, i.id()))).toList());
    }

    /** The integration if it exists and is connected; 404 otherwise. */
    public Integration active(long id) {
        return jdbi.withHandle(h -> repository.find(h, id)).filter(i -> !i.disconnected())
                .orElseThrow(() -> ApiException.notFound("no integration " + id));
    }

    public Optional<Integration> find(long id) {
        return jdbi.withHandle(h -> repository.find(h, id));
    }

    /** A connection with decrypted credentials, for one call or one sync. */
    public Connection connection(Integration integration, ConnectorDescriptor descriptor) {
        Map<String, String> credentials = integration.encryptedCredentials()
                .map(c -> vault.decrypt(c, context(integration.id())))
                .orElseThrow(() -> new IllegalStateException("integration " + integration.id() + " has no credentials"));
        return connection(descriptor, credentials);
    }

    public void markStatus(long id, IntegrationStatus status, String detail) {
        jdbi.useHandle(h -> repository.updateStatus(h, id, status, detail));
    }

    public SyncStartDateRule startDateRule() {
        return startDateRule;
    }

    private Connection connection(ConnectorDescriptor descriptor, Map<String, String> credentials) {
        URI base = Optional.ofNullable(config.baseUrlOverrides().get(descriptor.id())).map(URI::create)
                .orElse(descriptor.defaultBaseUrl());
        return new Connection(credentials, base, clock, config.shopTimeout());
    }

    private static String context(long id) {
        return "integration:" + id;
    }

    private String availableConnectors() {
        String ids = plugins.connectors().stream().map(c -> c.descriptor().id()).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none (no connector plugin is loaded)" : ids;
    }

    private static Optional<String> checkedUrl(JsonBody body, String raw) {
        try {
            URI uri = new URI(raw);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                body.reject("shopUrl", "must be an absolute http(s) URL such as https://shop.example.com");
                return Optional.empty();
            }
            return Optional.of(raw);
        } catch (URISyntaxException e) {
            body.reject("shopUrl", "is not a valid URL: " + e.getReason());
            return Optional.empty();
        }
    }

    private static Map<String, String> readCredentials(JsonBody credentials, ConnectorDescriptor descriptor,
                                                       Map<String, String> existing) {
        Map<String, String> out = new LinkedHashMap<>(existing);
        Map<String, CredentialField> fields = new HashMap<>();
        descriptor.credentialFields().forEach(f -> fields.put(f.name(), f));
        credentials.node().fieldNames().forEachRemaining(key -> {
            if (!fields.containsKey(key)) {
                credentials.reject(key, "is not a field of the " + descriptor.name() + " connector (its fields: "
                        + descriptor.credentialFields().stream().map(CredentialField::name).collect(Collectors.joining(", ")) + ")");
            }
        });
        for (CredentialField field : descriptor.credentialFields()) {
            boolean required = field.required() && !existing.containsKey(field.name());
            // a key being rotated may be left out (it stays), but an empty one is a mistake, not a change
            Optional<String> value = required ? credentials.string(field.name(), true, 2000)
                    : credentials.nonBlank(field.name(), 2000);
            value.ifPresent(v -> out.put(field.name(), v));
        }
        return out;
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
        String shop = connector.descriptor().name();
        try {
            metrics.run(connector.descriptor().id(), "validate", () -> connector.connector().validate(connection));
        } catch (InvalidCredentialsException e) {
            throw new ApiException(422, "invalid-credentials", "Credentials rejected",
                    shop + " rejected the credentials: " + e.getMessage(),
                    connector.descriptor().credentialFields().stream().filter(CredentialField::secret)
                            .map(f -> new FieldError("credentials." + f.name(), "rejected by " + shop)).toList());
        } catch (ApiAccessDeniedException e) {
            throw new ApiException(422, "api-access-denied", "No API access", e.getMessage());
        } catch (RateLimitedException e) {
            throw new ApiException(503, "shop-rate-limited", "Shop rate limit reached",
                    shop + " asks to wait " + e.retryAfter().toSeconds() + " s before the next request; try again then");
        } catch (ShopUnavailableException e) {
            throw new ApiException(502, "shop-unavailable", "Shop unavailable",
                    shop + " could not be reached to check the credentials: " + e.getMessage());
        } catch (MalformedResponseException e) {
            throw new ApiException(502, "shop-bad-response", "Unexpected answer from the shop",
                    shop + " answered something the connector cannot read: " + e.getMessage());
        } catch (ConnectorFailureException e) {
            throw new ApiException(502, "connector-failed", "Connector failed",
                    shop + " could not check the credentials: " + e.getMessage());
        }
    }
}

package dev.shoplink.host.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.plugins.ConnectorEntry;
import dev.shoplink.host.plugins.Connectors;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A new integration: its setup form checked (every field error at once, then the credentials with the shop) and
 * stored. The form rules a change shares ({@link IntegrationPatch}) sit here too.
 */
final class IntegrationSetup {
    private final Jdbi jdbi;
    private final IntegrationRepository repository;
    private final Connectors plugins;
    private final CredentialVault vault;
    private final Clock clock;
    private final SyncStartDateRule startDateRule;
    private final ShopAccess access;

    IntegrationSetup(Jdbi jdbi, IntegrationRepository repository, Connectors plugins, CredentialVault vault, Clock clock,
                     SyncStartDateRule startDateRule, ShopAccess access) {
        this.jdbi = jdbi;
        this.repository = repository;
        this.plugins = plugins;
        this.vault = vault;
        this.clock = clock;
        this.startDateRule = startDateRule;
        this.access = access;
    }

    /** See {@link IntegrationService#checkForm}. */
    CheckedForm check(NewIntegration form, long replacing) {
        List<FieldError> errors = new ArrayList<>(form.refused());
        checkStartDate(errors, form.syncStartDate());
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
        Optional<String> shopKey = form.connector().flatMap(c -> form.shopUrl().map(u -> ShopKey.of(c, u)));
        checkUnique(errors, form.name(), shopKey, replacing);
        // the connector's word on the shop URL is a field error like the others
        Optional<ShopAccess.ApiBase> apiBase = entry.flatMap(c -> form.shopUrl().map(u -> access.ofRequest(errors, c, u)));
        InvalidInputException.throwIfAny(errors);

        ConnectorEntry connector = entry.orElseThrow();
        URI base = apiBase.orElseThrow().uri();
        String shopUrl = form.shopUrl().orElseThrow();
        access.check(connector, access.connection(credentials, shopUrl, base));
        return new CheckedForm(connector, form.name().orElseThrow(), form.customerType().orElseThrow(), shopUrl,
                Map.copyOf(credentials), form.syncStartDate().orElseThrow(), base);
    }

    /** See {@link IntegrationService#insert}. */
    long insert(Handle h, CheckedForm form, Optional<Long> switchedFrom) {
        if (repository.activeNameTaken(h, form.name(), 0)) {
            throw new InvalidInputException(List.of(nameTaken(form.name())));
        }
        Map<String, String> masked = masked(form.connector().descriptor(), form.credentials());
        long newId = repository.insert(h, new Integration(0, form.connectorId(), form.name(), form.customerType(),
                new Integration.Shop(form.shopUrl(), form.shopKey()), new Integration.Credentials(Optional.empty(), masked),
                Integration.SyncWindow.startingOn(form.syncStartDate()), IntegrationStatus.CONNECTED, Optional.empty(),
                clock.instant(), Optional.empty()));
        // the encryption's context names the row, so the credentials follow the insert that gives it its id
        repository.updateCredentials(h, newId, vault.encrypt(form.credentials(), IntegrationService.context(newId)), masked);
        switchedFrom.ifPresent(from -> repository.switchedFrom(h, newId, from));
        return newId;
    }

    /** A sync start date the rule refuses, as an error on {@code syncStartDate}. */
    void checkStartDate(List<FieldError> errors, Optional<LocalDate> start) {
        start.flatMap(startDateRule::violation).ifPresent(v -> errors.add(new FieldError("syncStartDate", v)));
    }

    /** A name or shop that a connected integration other than {@code except} (0 for none) already has, as field errors. */
    void checkUnique(List<FieldError> errors, Optional<String> name, Optional<String> shopKey, long except) {
        jdbi.useHandle(h -> {
            name.filter(n -> repository.activeNameTaken(h, n, except)).ifPresent(n -> errors.add(nameTaken(n)));
            shopKey.flatMap(k -> repository.activeWithShop(h, k, except)).ifPresent(other -> errors.add(shopTaken(other)));
        });
    }

    private static FieldError nameTaken(String name) {
        return new FieldError("name", "another connected integration is already called '" + name + "'");
    }

    private static FieldError shopTaken(String otherIntegration) {
        return new FieldError("shopUrl", "this shop is already connected as integration '" + otherIntegration + "'");
    }

    private String availableConnectors() {
        String ids = plugins.connectors().stream().map(c -> c.descriptor().id()).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none (no connector plugin is loaded)" : ids;
    }

    /** The credentials to store, checked field by field ({@link CredentialFields}); problems go to {@code errors}. */
    static Map<String, String> readCredentials(List<FieldError> errors, JsonNode credentials,
                                               ConnectorDescriptor descriptor, Map<String, String> existing) {
        CredentialFields.Checked checked = CredentialFields.check(credentials, descriptor, existing);
        errors.addAll(checked.errors());
        return new LinkedHashMap<>(checked.values());
    }

    /** The credentials as responses show them: secret values masked, the others as stored. */
    static Map<String, String> masked(ConnectorDescriptor descriptor, Map<String, String> credentials) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CredentialField field : descriptor.credentialFields()) {
            String value = credentials.get(field.name());
            if (value != null) {
                out.put(field.name(), field.secret() ? CredentialVault.mask(value) : value);
            }
        }
        return out;
    }
}

package dev.shoplink.host.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.ShopCallException;
import dev.shoplink.host.listings.ListingRepository;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.orders.OrderRepository;
import dev.shoplink.host.plugins.ConnectorEntry;
import dev.shoplink.host.plugins.Connectors;
import dev.shoplink.host.sync.SyncRepository;
import dev.shoplink.host.sync.SyncScope;
import dev.shoplink.host.testing.MigratedDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creating, changing and disconnecting integrations without HTTP: the migrated schema, the real repositories behind
 * {@link IntegrationRows}, and an in-memory shop behind the plugin API in place of a plugin archive.
 */
class IntegrationServiceTest {
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final String SECRET = "s3cret-key-of-the-shop";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    MigratedDatabase db;
    InMemoryShop shop;
    IntegrationService service;

    @BeforeEach
    void open() {
        db = new MigratedDatabase(dir.resolve("data"));
        shop = new InMemoryShop();
        Connectors connectors = new Connectors() {
            final ConnectorEntry entry = new ConnectorEntry(shop.descriptor(), "memory-plugin", "1.0.0", shop);

            @Override
            public List<ConnectorEntry> connectors() {
                return List.of(entry);
            }

            @Override
            public Optional<ConnectorEntry> connector(String id) {
                return id.equals(InMemoryShop.ID) ? Optional.of(entry) : Optional.empty();
            }

            @Override
            public Optional<String> missing(String connectorId) {
                return connector(connectorId).isPresent() ? Optional.empty() : Optional.of("no plugin serves " + connectorId);
            }
        };
        service = new IntegrationService(db.jdbi(), new IntegrationRows(new ListingRepository(), new OrderRepository(),
                new SyncRepository()), connectors, new CredentialVault(new SecretKeySpec(new byte[32], "AES")), db.config(),
                Clock.fixed(NOW, ZoneOffset.UTC), new ShopMetrics(new SimpleMeterRegistry()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static JsonNode credentials(String apiKey, String apiSecret) {
        return JSON.valueToTree(Map.of("apiKey", apiKey, "apiSecret", apiSecret));
    }

    static NewIntegration form(String name, String shopUrl, JsonNode credentials, LocalDate start) {
        return new NewIntegration(Optional.of(InMemoryShop.ID), Optional.of(name), Optional.of(CustomerType.RETAIL),
                Optional.of(shopUrl), Optional.of(credentials), Optional.of(start), List.of());
    }

    static IntegrationChange change() {
        return new IntegrationChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    static List<String> fields(InvalidInputException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    IntegrationView create(String name, String shopUrl) {
        return service.create(form(name, shopUrl, credentials("key-1", SECRET), TODAY));
    }

    @Test
    void aCheckedFormIsStoredConnectedWithItsSecretMaskedAndEncrypted() {
        IntegrationView created = create("Roastery shop", "https://roastery.example.com");

        assertThat(created.name()).isEqualTo("Roastery shop");
        assertThat(created.status()).isEqualTo(IntegrationStatus.CONNECTED);
        assertThat(created.syncStartDate()).isEqualTo(TODAY);
        assertThat(created.syncStartDateLocked()).isFalse();
        assertThat(created.credentials()).containsEntry("apiKey", "key-1").containsEntry("apiSecret", CredentialVault.mask(SECRET));
        assertThat(shop.checked).containsExactly(SECRET);
        Integration stored = service.active(created.id());
        assertThat(stored.shop().key()).isEqualTo(InMemoryShop.ID + ":roastery.example.com");
        assertThat(stored.credentials().encrypted().orElseThrow()).doesNotContain(SECRET);
        assertThat(service.connection(stored, shop.descriptor()).credentials()).containsEntry("apiSecret", SECRET);
    }

    @Test
    void theRoutesShapeErrorsAndTheServicesFindingsAreRefusedTogetherBeforeTheShopIsAsked() {
        JsonNode badCredentials = JSON.valueToTree(Map.of("apiKey", "key-1", "token", "x"));
        NewIntegration form = new NewIntegration(Optional.of(InMemoryShop.ID), Optional.empty(), Optional.of(CustomerType.RETAIL),
                Optional.of("https://shape.example.com"), Optional.of(badCredentials), Optional.of(TODAY.minusDays(31)),
                List.of(new FieldError("name", "must not be empty")));

        InvalidInputException e = catchThrowableOfType(() -> service.create(form), InvalidInputException.class);

        assertThat(fields(e)).containsExactly("name", "syncStartDate", "credentials.token", "credentials.apiSecret");
        assertThat(e.errors().get(1).message()).contains("30 days");
        assertThat(shop.checked).isEmpty();
        assertThat(service.list(true)).isEmpty();
    }

    @Test
    void anUnknownConnectorIsAFieldErrorNamingTheConnectorsThereAre() {
        NewIntegration form = new NewIntegration(Optional.of("etsy"), Optional.of("Etsy"), Optional.of(CustomerType.RETAIL),
                Optional.of("https://etsy.example.com"), Optional.of(credentials("k", SECRET)), Optional.of(TODAY), List.of());

        InvalidInputException e = catchThrowableOfType(() -> service.create(form), InvalidInputException.class);

        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("connector");
            assertThat(error.message()).contains("unknown connector 'etsy'").contains(InMemoryShop.ID);
        });
    }

    @Test
    void theStartDateMayNotLieInTheFuture() {
        InvalidInputException e = catchThrowableOfType(() -> service.create(form("Tomorrow", "https://tomorrow.example.com",
                credentials("k", SECRET), TODAY.plusDays(1))), InvalidInputException.class);

        assertThat(fields(e)).containsExactly("syncStartDate");
        assertThat(e.errors().get(0).message()).contains("future");
    }

    @Test
    void nameAndShopAreUniqueAmongConnectedIntegrationsOnly() {
        IntegrationView first = create("Roastery", "https://roastery.example.com");

        InvalidInputException sameName = catchThrowableOfType(() -> create("ROASTERY", "https://other.example.com"),
                InvalidInputException.class);
        assertThat(fields(sameName)).containsExactly("name");
        InvalidInputException sameShop = catchThrowableOfType(() -> create("Other", "https://www.Roastery.example.com/"),
                InvalidInputException.class);
        assertThat(fields(sameShop)).containsExactly("shopUrl");
        assertThat(sameShop.errors().get(0).message()).contains("'Roastery'");

        service.disconnect(first.id(), true, false);
        IntegrationView again = create("Roastery", "https://www.roastery.example.com/");
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(service.list(false)).extracting(IntegrationView::id).containsExactly(again.id());
    }

    @Test
    void aShopThatRejectsTheKeysOrCannotBeReachedStoresNothing() {
        shop.accepted = "another secret";
        ShopCallException rejected = catchThrowableOfType(() -> create("Rejected", "https://rejected.example.com"),
                ShopCallException.class);
        assertThat(rejected.kind()).isEqualTo(ShopCallException.Kind.CREDENTIALS_REJECTED);
        assertThat(rejected.errors()).extracting(FieldError::field).containsExactly("credentials.apiSecret");

        shop.down = true;
        ShopCallException down = catchThrowableOfType(() -> create("Down", "https://down.example.com"), ShopCallException.class);
        assertThat(down.kind()).isEqualTo(ShopCallException.Kind.UNAVAILABLE);
        assertThat(down.getMessage()).contains("could not be reached to check the credentials");

        assertThat(service.list(true)).isEmpty();
    }

    @Test
    void aPatchChangesWhatItNamesAndChecksNewKeysBeforeTheyReplaceTheOldOnes() {
        IntegrationView created = create("Before", "https://patch.example.com");

        IntegrationView renamed = service.patch(created.id(), new IntegrationChange(Optional.of("After"),
                Optional.of(CustomerType.WHOLESALE), Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
        assertThat(renamed.name()).isEqualTo("After");
        assertThat(renamed.customerType()).isEqualTo(CustomerType.WHOLESALE);
        assertThat(renamed.shopUrl()).isEqualTo("https://patch.example.com");
        assertThat(shop.checked).hasSize(1); // no new keys, no move: the shop is not asked

        // a rejected key changes nothing; only the secret is sent, the stored apiKey stays
        JsonNode newSecret = JSON.valueToTree(Map.of("apiSecret", "rotated-secret-value"));
        IntegrationChange rotate = new IntegrationChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(newSecret), List.of());
        ShopCallException rejected = catchThrowableOfType(() -> service.patch(created.id(), rotate), ShopCallException.class);
        assertThat(rejected.kind()).isEqualTo(ShopCallException.Kind.CREDENTIALS_REJECTED);
        assertThat(service.get(created.id()).credentials()).containsEntry("apiSecret", CredentialVault.mask(SECRET));

        shop.accepted = "rotated-secret-value";
        IntegrationView rotated = service.patch(created.id(), rotate);
        assertThat(rotated.credentials()).containsEntry("apiKey", "key-1")
                .containsEntry("apiSecret", CredentialVault.mask("rotated-secret-value"));
        assertThat(shop.checked).containsExactly(SECRET, "rotated-secret-value", "rotated-secret-value");
    }

    @Test
    void aPatchReportsShapeErrorsAndTakenNamesAndShopsTogether() {
        create("Taken", "https://taken.example.com");
        IntegrationView mine = create("Mine", "https://mine.example.com");

        IntegrationChange clash = new IntegrationChange(Optional.of("taken"), Optional.empty(),
                Optional.of("https://taken.example.com/"), Optional.empty(), Optional.empty(),
                List.of(new FieldError("customerType", "must not be empty")));
        InvalidInputException e = catchThrowableOfType(() -> service.patch(mine.id(), clash), InvalidInputException.class);

        assertThat(fields(e)).containsExactly("customerType", "name", "shopUrl");
        assertThat(service.get(mine.id()).name()).isEqualTo("Mine");
        // its own name and shop are not taken by itself
        assertThat(service.patch(mine.id(), new IntegrationChange(Optional.of("MINE"), Optional.empty(),
                Optional.of("https://www.mine.example.com"), Optional.empty(), Optional.empty(), List.of())).name())
                .isEqualTo("MINE");
    }

    @Test
    void theSyncStartDateIsFrozenOnceTheFirstSyncIsQueued() {
        IntegrationView created = create("Frozen", "https://frozen.example.com");
        IntegrationChange earlier = new IntegrationChange(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(TODAY.minusDays(10)), Optional.empty(), List.of());
        assertThat(service.patch(created.id(), earlier).syncStartDate()).isEqualTo(TODAY.minusDays(10));

        // what queuing a sync does (SyncService.request): the run row and the frozen date, in one transaction
        db.jdbi().useTransaction(h -> {
            new SyncRepository().insert(h, created.id(), SyncScope.ALL, NOW);
            new IntegrationRepository().lockStartDate(h, created.id());
        });

        IntegrationChange later = new IntegrationChange(Optional.of("Frozen, renamed"), Optional.empty(), Optional.empty(),
                Optional.of(TODAY.minusDays(5)), Optional.empty(), List.of());
        ConflictException locked = catchThrowableOfType(() -> service.patch(created.id(), later), ConflictException.class);
        assertThat(locked.kind()).isEqualTo("sync-start-date-locked");
        assertThat(locked.getMessage()).contains(TODAY.minusDays(10).toString());
        assertThat(service.get(created.id()).name()).isEqualTo("Frozen");

        // sending the date it has is no change, and the rest of the patch applies
        IntegrationView same = service.patch(created.id(), new IntegrationChange(Optional.of("Frozen, renamed"), Optional.empty(),
                Optional.empty(), Optional.of(TODAY.minusDays(10)), Optional.empty(), List.of()));
        assertThat(same.name()).isEqualTo("Frozen, renamed");
        assertThat(same.syncStartDateLocked()).isTrue();
    }

    @Test
    void aNewShopUrlMovesTheShopsListingsButNotWhileASyncRuns() {
        IntegrationView created = create("Moving", "https://old.example.com");
        long listing = listing(created.id(), InMemoryShop.ID + ":old.example.com", "L-1");
        IntegrationChange move = new IntegrationChange(Optional.empty(), Optional.empty(), Optional.of("https://new.example.com"),
                Optional.empty(), Optional.empty(), List.of());
        db.jdbi().useHandle(h -> new SyncRepository().insert(h, created.id(), SyncScope.ALL, NOW));

        ConflictException running = catchThrowableOfType(() -> service.patch(created.id(), move), ConflictException.class);
        assertThat(running.kind()).isEqualTo("sync-running");

        db.jdbi().useHandle(h -> new SyncRepository().stopActive(h, created.id(), NOW, "test"));
        assertThat(service.patch(created.id(), move).shopUrl()).isEqualTo("https://new.example.com");
        assertThat(shopKeyOf(listing)).isEqualTo(InMemoryShop.ID + ":new.example.com");
    }

    @Test
    void disconnectStopsSyncsAndRetiresListingsInOneTransactionThroughTheirOwners() {
        IntegrationView created = create("Leaving", "https://leaving.example.com");
        String key = InMemoryShop.ID + ":leaving.example.com";
        long listing = listing(created.id(), key, "L-1");
        db.jdbi().useHandle(h -> new SyncRepository().insert(h, created.id(), SyncScope.ALL, NOW));

        IntegrationRepository.DisconnectResult result = service.disconnect(created.id(), true, false);

        assertThat(result.syncsStopped()).isEqualTo(1);
        assertThat(result.listingsDeactivated()).isEqualTo(1);
        boolean active = db.jdbi().withHandle(h -> h.createQuery("select active from listing where id = :id").bind("id", listing)
                .mapTo(Boolean.class).one());
        assertThat(active).isFalse();
        boolean syncing = db.jdbi().withHandle(h -> new SyncRepository().anyActive(h, created.id()));
        assertThat(syncing).isFalse();
        assertThat(service.get(created.id()).status()).isEqualTo(IntegrationStatus.DISCONNECTED);
        assertThat(service.get(created.id()).credentials()).isEmpty();
        assertThat(catchThrowableOfType(() -> service.disconnect(created.id(), true, false), NotFoundException.class))
                .hasMessageContaining("no integration " + created.id());
    }

    @Test
    void aDisconnectWithPurgeDeletesTheListings() {
        IntegrationView created = create("Purged", "https://purged.example.com");
        listing(created.id(), InMemoryShop.ID + ":purged.example.com", "L-1");

        IntegrationRepository.DisconnectResult result = service.disconnect(created.id(), true, true);

        assertThat(result.listingsPurged()).isEqualTo(1);
        assertThat(result.listingsDeactivated()).isZero();
        long left = db.jdbi().withHandle(h -> new ListingRepository().countOfShop(h, InMemoryShop.ID + ":purged.example.com"));
        assertThat(left).isZero();
    }

    long listing(long integrationId, String shopKey, String externalId) {
        return db.jdbi().withHandle(h -> h.createUpdate("insert into listing (integration_id, shop_key, external_id, sku,"
                        + " name, variant, parent_external_id, shop_active, active, offered, state, shop_created_at,"
                        + " shop_modified_at, first_seen_at) values (:integration, :shop, :external, 'SKU-1', 'Beans', '', '',"
                        + " true, true, true, 'NEW', :now, :now, :now)")
                .bind("integration", integrationId).bind("shop", shopKey).bind("external", externalId)
                .bind("now", NOW.atOffset(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    String shopKeyOf(long listingId) {
        return db.jdbi().withHandle(h -> h.createQuery("select shop_key from listing where id = :id").bind("id", listingId)
                .mapTo(String.class).one());
    }

    /** A shop behind the plugin API, in memory: accepts one secret, may be down, remembers each secret it was asked about. */
    static final class InMemoryShop implements ShopConnector {
        static final String ID = "memory";
        volatile String accepted = SECRET;
        volatile boolean down;
        final List<String> checked = new ArrayList<>();

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor(ID, "Memory Shop", List.of(new CredentialField("apiKey", "API key", true, false),
                    CredentialField.secret("apiSecret", "API secret", "from the shop's settings")),
                    URI.create("https://api.memory.example"));
        }

        @Override
        public void validate(Connection connection) {
            if (down) {
                throw new ShopUnavailableException("connection refused");
            }
            String secret = connection.credentials().get("apiSecret");
            checked.add(secret);
            if (!accepted.equals(secret)) {
                throw new InvalidCredentialsException("unknown key");
            }
        }

        @Override
        public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
            return Page.last(List.of());
        }

        @Override
        public Optional<Listing> listing(Connection connection, String externalId) {
            return Optional.empty();
        }

        @Override
        public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
            return Page.last(List.of());
        }
    }
}

package dev.shoplink.host.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shoplink.host.catalog.CatalogService;
import dev.shoplink.host.catalog.Product;
import dev.shoplink.host.catalog.Variant;
import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.Paging;
import dev.shoplink.host.domain.WarningsToAcknowledgeException;
import dev.shoplink.host.integrations.CredentialVault;
import dev.shoplink.host.integrations.IntegrationRows;
import dev.shoplink.host.integrations.IntegrationService;
import dev.shoplink.host.metrics.ShopMetrics;
import dev.shoplink.host.orders.OrderRepository;
import dev.shoplink.host.plugins.PluginHost;
import dev.shoplink.host.sync.SyncRepository;
import dev.shoplink.host.testing.MigratedDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing states and the mapping wizard's save without HTTP, on listings in the migrated schema. */
class ListingServiceTest {
    static final String SHOP = "shipstation:listings.example.com";
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;
    MigratedDatabase db;
    PluginHost plugins;
    CatalogService catalog;
    ListingService listings;
    long integrationId;

    @BeforeEach
    void open() {
        db = new MigratedDatabase(dir.resolve("data"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        plugins = new PluginHost(dir.resolve("plugins"));
        catalog = new CatalogService(db.jdbi(), new ListingRepository(), db.config(), clock);
        IntegrationService integrations = new IntegrationService(db.jdbi(), new IntegrationRows(new ListingRepository(),
                new OrderRepository(), new SyncRepository()), plugins,
                new CredentialVault(new SecretKeySpec(new byte[32], "AES")), db.config(), clock,
                new ShopMetrics(new SimpleMeterRegistry()));
        listings = new ListingService(db.jdbi(), integrations, catalog, plugins);
        integrationId = db.integration(SHOP);
    }

    @AfterEach
    void close() {
        plugins.close();
        db.close();
    }

    /** A NEW listing as a sync leaves it; returns its id. */
    long listing(String externalId, String sku, String name) {
        return db.jdbi().withHandle(h -> h.createUpdate("insert into listing (integration_id, shop_key, external_id, sku,"
                        + " name, variant, parent_external_id, shop_active, active, offered, state, shop_created_at,"
                        + " shop_modified_at, first_seen_at) values (:integration, :shop, :external, :sku, :name, '', '',"
                        + " true, true, true, 'NEW', :now, :now, :now)")
                .bind("integration", integrationId).bind("shop", SHOP).bind("external", externalId).bind("sku", sku)
                .bind("name", name).bind("now", NOW.atOffset(ZoneOffset.UTC))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    static MappingRequest.Row toNewProduct(long listingId, String product, String unit) {
        return new MappingRequest.Row(listingId, Optional.empty(), Optional.of(product), unit, "whole bean");
    }

    @Test
    void mappingCreatesTheProductAndItsVariantUnderTheListingsSku() {
        long id = listing("1", "ETH-250", "Ethiopia Guji 250 g");

        List<ListingView> mapped = listings.map(integrationId,
                new MappingRequest(List.of(toNewProduct(id, "Ethiopia Guji", "250G")), false));

        assertThat(mapped).extracting(ListingView::state).containsExactly(ListingState.MAPPED);
        Product product = catalog.search("Ethiopia Guji", new Paging(1, 10)).items().get(0);
        assertThat(catalog.get(product.id()).variants()).extracting(Variant::sku, Variant::unit, Variant::grindStyle)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ETH-250", "250 g", "WHOLE_BEAN"));
    }

    @Test
    void reportsEveryRowsProblemAtOnceAndSavesNothing() {
        long fine = listing("2", "KEN-1", "Kenya AA 1 kg");

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> listings.map(integrationId,
                new MappingRequest(List.of(toNewProduct(fine, "Kenya AA", "1 kg"), toNewProduct(999_999, "Nowhere", "3 kg")),
                        false)));

        assertThat(refused.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("mappings[1].unit", "mappings[1].listingId");
        assertThat(listings.list(integrationId, Optional.of(ListingState.NEW), "", false, new Paging(1, 10)).total()).isEqualTo(1);
        assertThat(catalog.search("Kenya", new Paging(1, 10)).total()).isZero();
    }

    @Test
    void aUnitTheListingContradictsNeedsTheWarningAcknowledged() {
        long id = listing("3", "COL-1", "Colombia Huila 1 kg");
        MappingRequest request = new MappingRequest(List.of(toNewProduct(id, "Colombia Huila", "250 g")), false);

        WarningsToAcknowledgeException warned = catchThrowableOfType(WarningsToAcknowledgeException.class,
                () -> listings.map(integrationId, request));
        assertThat(warned.warnings()).extracting(FieldError::field).containsExactly("mappings[0].unit");
        assertThat(catalog.search("Colombia", new Paging(1, 10)).total()).isZero();

        assertThat(listings.map(integrationId, new MappingRequest(request.rows(), true)))
                .extracting(ListingView::state).containsExactly(ListingState.MAPPED);
    }

    @Test
    void nothingToMapIsInvalidInput() {
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> listings.map(integrationId, new MappingRequest(List.of(), false))).errors())
                .containsExactly(new FieldError("mappings", "must name at least one listing"));
    }

    @Test
    void aMappedListingIsUnlinkedBeforeItCanBeIgnored() {
        long id = listing("4", "BR-500", "Brazil 500 g");
        listings.map(integrationId, new MappingRequest(List.of(toNewProduct(id, "Brazil", "500 g")), false));

        ConflictException refused = catchThrowableOfType(ConflictException.class, () -> listings.ignore(integrationId, id));

        assertThat(refused.kind()).isEqualTo("listing-state");
        assertThat(listings.unlink(integrationId, id).state()).isEqualTo(ListingState.UNLINKED);
        assertThat(listings.ignore(integrationId, id).state()).isEqualTo(ListingState.IGNORED);
    }
}

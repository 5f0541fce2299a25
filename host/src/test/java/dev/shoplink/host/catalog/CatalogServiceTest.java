package dev.shoplink.host.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.FieldError;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.Paging;
import dev.shoplink.host.listings.ListingRepository;
import dev.shoplink.host.testing.MigratedDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's rules without HTTP: commands in, products or domain exceptions out, against the migrated schema. */
class CatalogServiceTest {
    @TempDir
    Path dir;
    MigratedDatabase db;
    CatalogService catalog;

    @BeforeEach
    void open() {
        db = new MigratedDatabase(dir);
        catalog = new CatalogService(db.jdbi(), new ListingRepository(), db.config(), Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static NewProduct product(String name, NewVariant... variants) {
        return new NewProduct(name, Optional.of("Single origin"), Optional.empty(), Optional.of("fruity"), List.of(variants));
    }

    @Test
    void createsAProductWithItsVariantsSpelledAsConfigured() {
        Product created = catalog.create(product("Ethiopia Guji", new NewVariant("ETH-250", "250G", "whole bean")));

        assertThat(created.name()).isEqualTo("Ethiopia Guji");
        assertThat(created.variants()).extracting(Variant::sku, Variant::unit, Variant::grindStyle)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ETH-250", "250 g", "WHOLE_BEAN"));
        assertThat(catalog.get(created.id())).isEqualTo(created);
    }

    @Test
    void refusesUnknownUnitsAndRepeatedSkusTogetherAndSavesNothing() {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> catalog.create(product(
                "Kenya AA",
                new NewVariant("KEN-1", "3 kg", "WHOLE_BEAN"), new NewVariant("KEN-1", "1 kg", "COLD_BREW"))));

        assertThat(refused.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("variants[0].unit", "variants[1].grindStyle", "variants");
        assertThat(refused.errors().get(0).message()).isEqualTo("'3 kg' is not one of " + String.join(", ", catalog.units()));
        assertThat(catalog.search("Kenya", new Paging(1, 10)).total()).isZero();
    }

    @Test
    void aNameTheCatalogHasIsInvalidInput() {
        catalog.create(product("Colombia Huila"));

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> catalog.create(product("Colombia Huila")));

        assertThat(refused.errors()).containsExactly(new FieldError("name", "a product called 'Colombia Huila' already exists"));
    }

    @Test
    void aSkuOfAnotherVariantIsAConflict() {
        catalog.create(product("Brazil Cerrado", new NewVariant("BR-500", "500 g", "ESPRESSO")));
        Product other = catalog.create(product("Brazil Mogiana"));

        ConflictException refused = catchThrowableOfType(ConflictException.class, () -> catalog.addVariant(other.id(),
                new NewVariant("BR-500", "500 g", "FILTER")));

        assertThat(refused.kind()).isEqualTo("sku-conflict");
        assertThat(catalog.get(other.id()).variants()).isEmpty();
    }

    @Test
    void aPatchChangesWhatItSendsClearsWhatItEmptiesAndKeepsTheRest() {
        Product created = catalog.create(product("Sumatra"));

        Product patched = catalog.patch(created.id(), new ProductChange(Optional.of("Sumatra Mandheling"),
                Optional.of(Optional.empty()), Optional.empty(), Optional.empty()));

        assertThat(patched.name()).isEqualTo("Sumatra Mandheling");
        assertThat(patched.type()).isEmpty();
        assertThat(patched.notes()).contains("fruity");
    }

    @Test
    void aVariantCorrectionKeepsItsSkuAndRefusesAnUnknownGrind() {
        Product created = catalog.create(product("Peru", new NewVariant("PE-1", "1 kg", "FILTER")));
        long variant = created.variants().get(0).id();

        Product corrected = catalog.changeVariant(created.id(), variant, new VariantChange(Optional.of("500 g"), Optional.empty()));
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> catalog.changeVariant(
                created.id(), variant, new VariantChange(Optional.empty(), Optional.of("COLD_BREW"))));

        assertThat(corrected.variants().get(0)).isEqualTo(new Variant(variant, created.id(), "PE-1", "500 g", "FILTER"));
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("grindStyle");
    }

    @Test
    void anUnknownProductOrVariantIsNotFound() {
        Product created = catalog.create(product("Rwanda"));

        assertThat(catchThrowableOfType(NotFoundException.class, () -> catalog.get(999_999)))
                .hasMessage("no product 999999");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> catalog.deleteVariant(created.id(), 999_999)))
                .hasMessage("product " + created.id() + " has no variant 999999");
    }
}

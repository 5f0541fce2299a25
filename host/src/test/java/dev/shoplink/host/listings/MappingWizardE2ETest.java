package dev.shoplink.host.listings;

import static dev.shoplink.host.testing.AdminCalls.productId;
import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.api.Listing;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mapping wizard over HTTP: listings synced from the in-memory test shop, mapped to the
 * catalog all or nothing; ignore / include / unlink; listing filters.
 */
class MappingWizardE2ETest {
    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<MemoryShop> running;
    static MemoryShop shop;
    static TestHost host;
    static AdminCalls api;

    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    static final Instant RECENT = Instant.now().minus(Duration.ofHours(3));
    static final Instant OLD = START.minusDays(2).atTime(8, 0).toInstant(ZoneOffset.UTC);

    /** The rejection fixture: one integration whose listings stand in every state a row can be refused for. */
    static long fixture;
    static final Map<String, Long> LISTING = new HashMap<>();

    @BeforeAll
    static void start() {
        running = HostWithShop.memory(dir);
        shop = running.shop();
        host = running.host();
        api = running.api();

        fixture = syncedShop(
                product(401, "WZ-ETH-250-WB", "Ethiopia Guji", RECENT),
                product(402, "WZ-KEN-250-WB", "Kenya AA", RECENT),
                product(403, "WZ-COL-250-WB", "Colombia Huila", RECENT),
                product(404, "WZ-NONAME", null, RECENT),
                product(405, "WZ-SUM-250-WB", "Sumatra Mandheling", OLD),
                product(406, "WZ-BUR-250-WB", "Burundi Kayanza", RECENT),
                product(407, null, "Rwanda without SKU", RECENT));
        for (String[] l : new String[][] {{"good", "401"}, {"fine", "402"}, {"mapped", "403"}, {"unnamed", "404"},
                {"old", "405"}, {"ignored", "406"}, {"no sku", "407"}}) {
            LISTING.put(l[0], api.listing(fixture, l[1]).get("id").asLong());
        }
        assertThat(api.map(fixture, row(LISTING.get("mapped"), productNamed("WZ Colombia"), "250 g", "WHOLE_BEAN")).status())
                .isEqualTo(200);
        assertThat(host.post(listingPath(fixture, LISTING.get("ignored")) + "/ignore", "").status()).isEqualTo(200);
    }

    /** A new shop with these products, synchronized. */
    /** A shop product (one listing) created then. */
    static Listing product(long id, String sku, String name, Instant created) {
        return MemoryShop.listing(Long.toString(id), sku, name, created);
    }

    static long syncedShop(Listing... products) {
        return syncedShop(shop.account(), products);
    }

    static long syncedShop(MemoryShop.Account account, Listing... products) {
        long integration = api.createIntegration(account.listings(products), START);
        api.syncAndWait(integration, "products");
        return integration;
    }

    static String listingPath(long integration, long listing) {
        return "/api/v1/integrations/" + integration + "/listings/" + listing;
    }

    @SafeVarargs
    static long catalogProduct(String name, Map<String, Object>... variants) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("variants", List.of(variants));
        TestHost.Response r = host.post("/api/v1/products", body);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static JsonNode productsNamed(String q) {
        return host.get("/api/v1/products?q=" + q.replace(" ", "%20")).json();
    }

    @Test
    void mapsByNewNameByIdAndByNameIgnoringCaseAndTheListingsBecomeMapped() {
        // given
        long kenya = catalogProduct("HP Kenya AA");
        long integration = syncedShop(
                product(501, "HP-ETH-250-WB", "Ethiopia Guji 250 g", RECENT),
                product(502, "HP-KEN-1KG-ES", "Kenya AA 1 kg", RECENT),
                product(503, "HP-KEN-340-FI", "Kenya AA 340 g", RECENT),
                product(504, "HP-ETH-1KG-WB", "Ethiopia Guji 1 kg", RECENT));
        long l1 = api.listing(integration, 501).get("id").asLong();
        long l2 = api.listing(integration, 502).get("id").asLong();
        long l3 = api.listing(integration, 503).get("id").asLong();
        long l4 = api.listing(integration, 504).get("id").asLong();

        // when
        TestHost.Response r = api.map(integration,
                row(l1, productNamed("HP Ethiopia Guji"), "250 g", "WHOLE_BEAN"),
                row(l2, productId(kenya), "1 kg", "ESPRESSO"),
                row(l3, productNamed("hp KENYA aa"), "340 g", "filter"),
                row(l4, productNamed("hp ethiopia guji"), "1 kg", "whole bean"));

        // then
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode items = r.json().get("items");
        long ethiopia = items.at("/0/mapping/productId").asLong();
        assertThatJson(items).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                [
                  {
                    "state": "MAPPED",
                    "mapping": {"productName": "HP Ethiopia Guji", "sku": "HP-ETH-250-WB", "unit": "250 g", "grindStyle": "WHOLE_BEAN"}
                  },
                  {"state": "MAPPED", "mapping": {"productId": %d}},
                  // found by name, case-insensitively; the grind style spelled as configured
                  {"state": "MAPPED", "mapping": {"productId": %d, "grindStyle": "FILTER"}},
                  // created once (by the first row), then found
                  {"state": "MAPPED", "mapping": {"productId": %d, "grindStyle": "WHOLE_BEAN"}}
                ]""".formatted(kenya, kenya, ethiopia));

        // the catalog grew: one new product, variants keyed by the listings' SKUs
        JsonNode ethiopiaFound = productsNamed("hp ethiopia");
        assertThat(ethiopiaFound.get("total").asLong()).isEqualTo(1);
        assertThat(ethiopiaFound.at("/items/0/variants").findValuesAsText("sku")).containsExactly("HP-ETH-1KG-WB", "HP-ETH-250-WB");
        JsonNode kenyaNow = host.get("/api/v1/products/" + kenya).json();
        assertThat(kenyaNow.get("variants").findValuesAsText("sku")).containsExactly("HP-KEN-1KG-ES", "HP-KEN-340-FI");
        assertThat(productsNamed("hp kenya").get("total").asLong()).isEqualTo(1);

        // the listing list says the same
        assertThat(api.listings(integration, "state=MAPPED")).hasSize(4);
        assertThat(api.listings(integration, "state=NEW")).isEmpty();
        assertThatJson(api.listing(integration, 502)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"mapping": {"variantId": %d, "unit": "1 kg"}}""".formatted(items.at("/1/mapping/variantId").asLong()));
        assertThatJson(api.integration(integration)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"counts": {"listingsMapped": 4, "listingsNew": 0}}""");
    }

    /** A rejected row: what it is, the row, the field the 422 must name and part of its message. */
    record Rejection(String what, Function<Map<String, Long>, Map<String, Object>> badRow, String field, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Map<String, Object> with(Map<String, Object> row, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> fineRow(Map<String, Long> l) {
        return row(l.get("fine"), productNamed("WZ Rejected Kenya"), "250 g", "WHOLE_BEAN");
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                new Rejection("unknown listing", l -> with(fineRow(l), "listingId", 999_999), "listingId", "no listing 999999"),
                new Rejection("listing already MAPPED", l -> with(fineRow(l), "listingId", l.get("mapped")), "listingId", "is MAPPED"),
                new Rejection("listing without a name", l -> with(fineRow(l), "listingId", l.get("unnamed")), "listingId", "has no name"),
                new Rejection("listing older than the start date", l -> with(fineRow(l), "listingId", l.get("old")), "listingId",
                        "predates the sync start date"),
                new Rejection("listing without a SKU", l -> with(fineRow(l), "listingId", l.get("no sku")), "listingId",
                        "has no SKU"),
                new Rejection("IGNORED listing", l -> with(fineRow(l), "listingId", l.get("ignored")), "listingId", "is IGNORED"),
                new Rejection("same listing twice", l -> with(fineRow(l), "listingId", l.get("good")), "listingId", "appears twice"),
                new Rejection("missing unit", l -> with(fineRow(l), "unit", null), "unit", "is required"),
                new Rejection("unknown unit", l -> with(fineRow(l), "unit", "3 kg"), "unit", "'3 kg' is not one of 250 g"),
                new Rejection("missing grind style", l -> with(fineRow(l), "grindStyle", null), "grindStyle", "is required"),
                new Rejection("unknown grind style", l -> with(fineRow(l), "grindStyle", "COLD_BREW"), "grindStyle",
                        "'COLD_BREW' is not one of WHOLE_BEAN"),
                new Rejection("unknown product id", l -> with(fineRow(l), "product", productId(999_999)), "product.id",
                        "no product 999999"),
                new Rejection("missing product", l -> with(fineRow(l), "product", null), "product", "is required"),
                new Rejection("product without id or name", l -> with(fineRow(l), "product", Map.of()), "product.name",
                        "by id, or a product by name"),
                new Rejection("listing id not a number", l -> with(fineRow(l), "listingId", "seventeen"), "listingId",
                        "positive whole number")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void refusesTheWholeRequestNamingTheRowAndFieldAndSavesNothing(Rejection rejection) {
        // given
        Map<String, Object> goodRow = row(LISTING.get("good"), productNamed("WZ Rejected Ethiopia"), "250 g", "WHOLE_BEAN");

        // when
        TestHost.Response r = api.map(fixture, goodRow, rejection.badRow().apply(LISTING));

        // then
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).endsWith("/validation");
        JsonNode errors = r.json().get("errors");
        assertThat(errors).as("%s", r).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("mappings[1]." + rejection.field());
        assertThat(errors.get(0).get("message").asText()).contains(rejection.message());
        // nothing saved: the valid row stays unmapped, no product was created
        assertThatJson(api.listing(fixture, 401)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"state": "NEW", "mapping": null}""");
        assertThat(api.listing(fixture, 402).get("state").asText()).isEqualTo("NEW");
        assertThat(productsNamed("WZ Rejected").get("total").asLong()).isZero();
        assertThat(api.listings(fixture, "state=MAPPED")).hasSize(1);
    }

    @Test
    void namesEveryInvalidRowAtOnce() {
        // given
        Map<String, Object> missingUnit = row(LISTING.get("good"), productNamed("WZ Rejected A"), null, "WHOLE_BEAN");
        Map<String, Object> noProduct = row(LISTING.get("fine"), Map.of(), "250 g", "WHOLE_BEAN");

        // when
        TestHost.Response r = api.map(fixture, missingUnit, noProduct);

        // then
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("mappings[0].unit", "mappings[1].product.name");
    }

    @Test
    void refusesAnEmptyOrMalformedRequest() {
        TestHost.Response empty = host.post("/api/v1/integrations/" + fixture + "/mappings", Map.of("mappings", List.of()));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().at("/errors/0/field").asText()).isEqualTo("mappings");
        TestHost.Response missing = host.post("/api/v1/integrations/" + fixture + "/mappings", Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(host.post("/api/v1/integrations/" + fixture + "/mappings", "{\"mappings\": [").status()).isEqualTo(400);
        assertThat(api.map(999_999, row(LISTING.get("good"), productNamed("X"), "250 g", "WHOLE_BEAN")).status())
                .isEqualTo(404);
    }

    @Test
    void aSkuAlreadyMeaningAnotherUnitIsAConflictAndNothingIsSaved() {
        // given
        long sidamo = catalogProduct("SC Sidamo", Map.of("sku", "SC-SKU-1", "unit", "1 kg", "grindStyle", "WHOLE_BEAN"));
        long variant = host.get("/api/v1/products/" + sidamo).json().at("/variants/0/id").asLong();
        long integration = syncedShop(
                product(601, "SC-SKU-1", "Sidamo 250 g", RECENT),
                product(602, "SC-OTHER", "Yirgacheffe 250 g", RECENT));
        long conflicting = api.listing(integration, 601).get("id").asLong();
        long innocent = api.listing(integration, 602).get("id").asLong();

        // when
        TestHost.Response r = api.map(integration,
                row(innocent, productNamed("SC Yirgacheffe"), "250 g", "WHOLE_BEAN"),
                row(conflicting, productNamed("SC Sidamo"), "250 g", "WHOLE_BEAN"));

        // then
        assertThat(r.status()).as("%s", r).isEqualTo(409);
        assertThat(r.json().get("type").asText()).endsWith("/sku-conflict");
        assertThat(r.json().get("detail").asText()).contains("SC-SKU-1").contains("1 kg")
                .contains("PATCH /api/v1/products/" + sidamo + "/variants/" + variant);
        // all or nothing: the first row, already written inside the transaction, was rolled back
        assertThat(api.listing(integration, 602).get("state").asText()).isEqualTo("NEW");
        assertThat(productsNamed("SC Yirgacheffe").get("total").asLong()).isZero();
        assertThat(host.get("/api/v1/products/" + sidamo).json().get("variants")).hasSize(1);

        // when mapped the way the SKU already means, then it links to the existing variant
        // (the listing's own name says 250 g: the unit that contradicts it needs an acknowledgement)
        TestHost.Response warned = api.map(integration, row(conflicting, productId(sidamo), "1 kg", "WHOLE_BEAN"));
        assertThat(warned.status()).as("%s", warned).isEqualTo(409);
        assertThat(warned.json().get("type").asText()).endsWith("/unacknowledged-warnings");
        assertThat(warned.json().at("/errors/0/field").asText()).isEqualTo("mappings[0].unit");
        TestHost.Response ok = host.post("/api/v1/integrations/" + integration + "/mappings", Map.of("mappings",
                List.of(row(conflicting, productId(sidamo), "1 kg", "WHOLE_BEAN")), "acknowledgeWarnings", true));
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().at("/items/0/mapping/variantId").asLong()).isEqualTo(variant);

        // when the catalog's unit was the mistake: corrected on the variant, then the mapped listing follows
        assertThat(host.patch("/api/v1/products/" + sidamo + "/variants/" + variant, Map.of("unit", "250 g")).status())
                .isEqualTo(200);
        assertThat(api.listing(integration, 601).at("/mapping/unit").asText()).isEqualTo("250 g");
    }

    @Test
    void theSameSkuAtTwoShopsMapsToTheSameCatalogVariant() {
        // given
        long first = syncedShop(product(701, "TS-ETH-250-WB", "Ethiopia Guji 250 g", RECENT));
        long second = syncedShop(product(9701, "TS-ETH-250-WB", "Guji, 250g bag", RECENT));
        assertThat(api.integration(first).get("shopUrl").asText()).isNotEqualTo(api.integration(second).get("shopUrl").asText());

        // when
        TestHost.Response a = api.map(first, row(api.listing(first, 701).get("id").asLong(),
                productNamed("TS Ethiopia Guji"), "250 g", "WHOLE_BEAN"));
        TestHost.Response b = api.map(second, row(api.listing(second, 9701).get("id").asLong(),
                productNamed("ts ethiopia guji"), "250 g", "WHOLE_BEAN"));

        // then
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        assertThat(b.status()).as("%s", b).isEqualTo(200);
        long variant = a.json().at("/items/0/mapping/variantId").asLong();
        assertThat(b.json().at("/items/0/mapping/variantId").asLong()).isEqualTo(variant);
        JsonNode catalog = productsNamed("TS Ethiopia");
        assertThat(catalog.get("total").asLong()).isEqualTo(1);
        assertThat(catalog.at("/items/0/variants")).hasSize(1);
    }

    @Test
    void ignoreIncludeAndUnlinkMoveBetweenStatesAndRefuseTheWrongOnes() {
        // given a NEW listing; then each step: the move, and the moves refused from the state it leads to
        long integration = syncedShop(product(801, "TR-GUJI-250", "Transition Guji", RECENT));
        long listing = api.listing(integration, 801).get("id").asLong();
        String path = listingPath(integration, listing);

        assertConflict(host.post(path + "/include", ""));
        assertConflict(host.delete(path + "/mapping"));

        TestHost.Response ignored = host.post(path + "/ignore", "");
        assertThat(ignored.status()).as("%s", ignored).isEqualTo(200);
        assertThat(ignored.json().get("state").asText()).isEqualTo("IGNORED");
        assertConflict(host.post(path + "/ignore", ""));
        assertThat(api.listings(integration, "state=IGNORED")).hasSize(1);
        assertThat(api.integration(integration).at("/counts/listingsIgnored").asLong()).isEqualTo(1);

        TestHost.Response included = host.post(path + "/include", "");
        assertThat(included.status()).isEqualTo(200);
        assertThat(included.json().get("state").asText()).isEqualTo("NEW");

        TestHost.Response mapped = api.map(integration, row(listing, productNamed("TR Guji"), "250 g", "WHOLE_BEAN"));
        assertThat(mapped.status()).as("%s", mapped).isEqualTo(200);
        long variant = mapped.json().at("/items/0/mapping/variantId").asLong();
        assertConflict(host.post(path + "/ignore", ""));
        assertConflict(host.post(path + "/include", ""));

        TestHost.Response unlinked = host.delete(path + "/mapping");
        assertThat(unlinked.status()).as("%s", unlinked).isEqualTo(200);
        assertThatJson(unlinked.json()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"state": "UNLINKED", "mapping": null}""");
        assertThat(api.listings(integration, "state=UNLINKED")).hasSize(1);
        assertConflict(host.delete(path + "/mapping"));

        // an UNLINKED listing can be mapped again; the SKU's variant is reused
        TestHost.Response again = api.map(integration, row(listing, productNamed("tr guji"), "250 g", "WHOLE_BEAN"));
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().at("/items/0/mapping/variantId").asLong()).isEqualTo(variant);

        // deleting the catalog product unlinks the listing
        long product = again.json().at("/items/0/mapping/productId").asLong();
        TestHost.Response deleted = host.delete("/api/v1/products/" + product);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("listingsUnlinked").asInt()).isEqualTo(1);
        assertThat(api.listing(integration, 801).get("state").asText()).isEqualTo("UNLINKED");

        assertThat(host.post(listingPath(integration, 999_999) + "/ignore", "").status()).isEqualTo(404);
        assertThat(host.post(listingPath(fixture, listing) + "/ignore", "").status())
                .as("a listing of another integration").isEqualTo(404);
    }

    private static void assertConflict(TestHost.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(409);
        assertThat(r.json().get("type").asText()).endsWith("/listing-state");
    }

    @Test
    void filtersListingsByStateAndText() {
        // given one listing in each state, one older than the start date
        long integration = syncedShop(
                product(901, "FL-GUJI-250", "Filter Guji", RECENT),
                product(902, "FL-KEN-250", "Filter Kenya", RECENT),
                product(903, "FL-ARA-250", "Filter 100% Arabica", RECENT),
                product(904, "FL-HUI-250", "Filter Huila", RECENT),
                product(905, "FL-OLD-250", "Filter Guji Old", OLD));
        long kenya = api.listing(integration, 902).get("id").asLong();
        long huila = api.listing(integration, 904).get("id").asLong();
        assertThat(api.map(integration, row(kenya, productNamed("FL Kenya"), "250 g", "WHOLE_BEAN")).status()).isEqualTo(200);
        assertThat(host.post(listingPath(integration, huila) + "/ignore", "").status()).isEqualTo(200);

        // when, then
        assertThat(api.listings(integration, "state=NEW")).extracting(l -> l.get("externalId").asText())
                .containsExactlyInAnyOrder("901", "903");
        assertThat(api.listings(integration, "state=mapped")).extracting(l -> l.get("externalId").asText())
                .containsExactly("902");
        assertThat(api.listings(integration, "state=IGNORED")).extracting(l -> l.get("externalId").asText())
                .containsExactly("904");
        assertThat(api.listings(integration, "state=UNLINKED")).isEmpty();
        assertThat(api.listings(integration, "q=GUJI")).extracting(l -> l.get("externalId").asText()).containsExactly("901");
        assertThat(api.listings(integration, "q=guji&includeHidden=true")).hasSize(2);
        assertThat(api.listings(integration, "q=fl-ken")).as("by SKU").extracting(l -> l.get("externalId").asText())
                .containsExactly("902");
        assertThat(api.listings(integration, "q=100%25")).as("%% is a character, not a wildcard")
                .extracting(l -> l.get("externalId").asText()).containsExactly("903");
        assertThat(api.listings(integration, "q=_")).isEmpty();
        assertThat(api.listings(integration, "q=filter&state=NEW")).hasSize(2);
        assertThat(api.listings(integration, "q=espresso")).isEmpty();

        JsonNode page = host.get("/api/v1/integrations/" + integration + "/listings?size=3&page=2").json();
        assertThatJson(page).isEqualTo("""
                {"total": 4, "page": 2, "size": 3, "items": ["${json-unit.ignore}"]}""");

        TestHost.Response bad = host.get("/api/v1/integrations/" + integration + "/listings?state=SOLD");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("state");
        assertThat(host.get("/api/v1/integrations/999999/listings").status()).isEqualTo(404);
    }
}

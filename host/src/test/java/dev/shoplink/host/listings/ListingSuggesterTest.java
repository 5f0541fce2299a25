package dev.shoplink.host.listings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.simulator.ShopSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suggestion parser over every listing of the demo shop (the simulator with the demo's seed and size), in the
 * three shapes shops send them: a ShipStation name "Ethiopia Guji - 250 g - Whole bean" with its SKU, a Shopify
 * product title with the variant title "250 g / Whole bean", and a SKU alone. The expected unit and grind style are
 * taken from the name's parts, the parser has to find them from each shape on its own.
 */
class ListingSuggesterTest {
    private static final ListingSuggester SUGGESTER = new ListingSuggester(HostConfig.DEFAULT_UNITS,
            g -> HostConfig.DEFAULT_GRIND_STYLES.stream().filter(s -> s.equalsIgnoreCase(g)).findFirst());

    record DemoListing(String name, String sku) {
    }

    static final List<DemoListing> DEMO = new ArrayList<>();

    @BeforeAll
    static void readTheDemoShop() throws Exception {
        try (ShopSimulator shop = ShopSimulator.builder().products(120).orders(1).seed(2026).noRateLimit().start()) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(shop.baseUrl() + "/products?pageSize=500&showInactive=true"))
                    .header("Authorization", shop.authorization()).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode p : new ObjectMapper().readTree(answer.body()).get("products")) {
                DEMO.add(new DemoListing(p.path("name").isNull() ? "" : p.path("name").asText(""), p.get("sku").asText()));
            }
        }
        assertThat(DEMO).hasSize(120);
    }

    private static List<DemoListing> named() {
        return DEMO.stream().filter(d -> !d.name().isEmpty()).toList();
    }

    private static String expectedUnit(DemoListing d) {
        return d.name().split(" - ")[1];
    }

    private static String expectedGrind(DemoListing d) {
        return d.name().split(" - ")[2].toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    @Test
    void shipStationNamesAndSkus() {
        assertThat(named()).hasSizeGreaterThan(100).allSatisfy(d -> {
            assertThat(SUGGESTER.unit(d.name(), "", d.sku())).as(d.name()).map(ListingSuggester.Reading::value)
                    .contains(expectedUnit(d));
            assertThat(SUGGESTER.grindStyle(d.name(), "", d.sku())).as(d.name()).map(ListingSuggester.Reading::value)
                    .contains(expectedGrind(d));
            assertThat(SUGGESTER.group("", d.name(), "", d.sku()).name()).isEqualTo(d.name().split(" - ")[0]);
        });
    }

    @Test
    void namesAloneWithoutSku() {
        assertThat(named()).allSatisfy(d -> {
            assertThat(SUGGESTER.unit(d.name(), "", "")).as(d.name()).map(ListingSuggester.Reading::source).contains("name");
            assertThat(SUGGESTER.unit(d.name(), "", "")).as(d.name()).map(ListingSuggester.Reading::value)
                    .contains(expectedUnit(d));
            assertThat(SUGGESTER.grindStyle(d.name(), "", "")).as(d.name()).map(ListingSuggester.Reading::value)
                    .contains(expectedGrind(d));
        });
    }

    @Test
    void shopifyTitlesWithVariantTitles() {
        assertThat(named()).allSatisfy(d -> {
            String[] parts = d.name().split(" - ");
            String variant = parts[1] + " / " + parts[2];
            assertThat(SUGGESTER.unit(parts[0], variant, "")).as(variant).contains(
                    new ListingSuggester.Reading(expectedUnit(d), "variant title"));
            assertThat(SUGGESTER.grindStyle(parts[0], variant, "")).as(variant).contains(
                    new ListingSuggester.Reading(expectedGrind(d), "variant title"));
            // the title alone names the product, never a grind: "Espresso Blend" is no espresso grind
            assertThat(SUGGESTER.grindStyle(parts[0], "", "")).as(parts[0]).isEmpty();
            assertThat(SUGGESTER.group("8001", parts[0], variant, d.sku()))
                    .isEqualTo(new ListingSuggester.Group("parent:8001", parts[0]));
        });
    }

    @Test
    void skusAlone() {
        assertThat(DEMO).allSatisfy(d -> {
            assertThat(SUGGESTER.unit("", "", d.sku())).as(d.sku()).isPresent();
            assertThat(SUGGESTER.grindStyle("", "", d.sku())).as(d.sku()).isPresent();
        });
        assertThat(named()).allSatisfy(d -> {
            assertThat(SUGGESTER.unit("", "", d.sku())).as(d.sku()).map(ListingSuggester.Reading::value).contains(expectedUnit(d));
            assertThat(SUGGESTER.grindStyle("", "", d.sku())).as(d.sku()).map(ListingSuggester.Reading::value)
                    .contains(expectedGrind(d));
        });
        // every listing of one coffee shares one SKU stem, and no two coffees share one
        assertThat(named().stream().map(d -> ListingSuggester.skuStem(d.sku()) + "=" + d.name().split(" - ")[0]).distinct()
                .map(s -> s.split("=")[0]).toList()).doesNotHaveDuplicates();
    }

    @Test
    void otherSpellings() {
        assertThat(SUGGESTER.unit("Kenya AA 12 oz", "", "")).map(ListingSuggester.Reading::value).contains("340 g");
        assertThat(SUGGESTER.unit("Kenya AA", "2,5kg", "")).map(ListingSuggester.Reading::value).contains("2.5 kg");
        assertThat(SUGGESTER.unit("Kenya AA", "1 Kilo", "")).map(ListingSuggester.Reading::value).contains("1 kg");
        assertThat(SUGGESTER.unit("Kenya AA", "", "KEN-AA-5LB-ESP")).map(ListingSuggester.Reading::value).contains("5 lb");
        assertThat(SUGGESTER.unit("Kenya AA", "", "KEN-AA-2-WB")).as("a lot number is no size").isEmpty();
        assertThat(SUGGESTER.unit("Kenya AA 2 lb", "", "")).as("no configured unit").isEmpty();
        assertThat(SUGGESTER.grindStyle("Kenya AA", "Pour-over", "")).map(ListingSuggester.Reading::value).contains("FILTER");
        assertThat(SUGGESTER.grindStyle("Kenya AA 250g whole beans", "", "")).map(ListingSuggester.Reading::value)
                .contains("WHOLE_BEAN");
        assertThat(SUGGESTER.grindStyle("Kenya AA", "Moka pot", "")).map(ListingSuggester.Reading::value).contains("MOKA_POT");
        assertThat(SUGGESTER.grindStyle("Decaf Espresso - 1 kg - Espresso", "", "")).map(ListingSuggester.Reading::value)
                .contains("ESPRESSO");
        assertThat(SUGGESTER.grindStyle("Espresso Blend - 1 kg - French press", "", "BLD-ESPR-1000-FP"))
                .map(ListingSuggester.Reading::value).contains("FRENCH_PRESS");
        assertThat(ListingSuggester.productName("Kenya AA 250g whole beans")).isEqualTo("Kenya AA");
        assertThat(SUGGESTER.group("", "", "", "ETH-GUJI-250-WB")).isEqualTo(new ListingSuggester.Group("sku:ETH-GUJI", "ETH-GUJI"));
    }

    @Test
    void contradictions() {
        assertThat(SUGGESTER.contradiction("250 g", "Ethiopia Guji - 5 lb - Whole bean", "", "ETH-GUJI-5LB-WB"))
                .contains("the listing says 5 lb, not 250 g");
        assertThat(SUGGESTER.contradiction("5 lb", "Ethiopia Guji - 5 lb - Whole bean", "", "ETH-GUJI-5LB-WB")).isEmpty();
        assertThat(SUGGESTER.contradiction("340 g", "Kenya AA", "12 oz", "")).as("12 oz is 340 g").isEmpty();
        assertThat(SUGGESTER.contradiction("250 g", "Kenya AA 2 lb", "", "")).contains("the listing says 907 g, not 250 g");
        assertThat(SUGGESTER.contradiction("250 g", "House Blend", "", "")).as("a listing that names no size").isEmpty();
    }

    @Test
    void similarity() {
        assertThat(ListingSuggester.similarity("Colombia Nariño", "colombia narino")).isEqualTo(1.0);
        assertThat(ListingSuggester.similarity("Ethiopia Guji", "Ethiopia Guji Natural")).isLessThan(ListingSuggester.SAME_PRODUCT);
        assertThat(ListingSuggester.similarity("Costa Rica Tarrazú", "Costa Rica Tarrazu Coffee"))
                .isGreaterThanOrEqualTo(ListingSuggester.SAME_PRODUCT);
        assertThat(ListingSuggester.similarity("House Blend", "House Blend No. 2")).isLessThan(ListingSuggester.SAME_PRODUCT);
        assertThat(Optional.of(ListingSuggester.similarity("", "x"))).contains(0.0);
    }
}

package dev.shoplink.host.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.TestHost;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roaster's catalog over HTTP: products and variants, the wizard's type-ahead, units and grind styles. */
class CatalogApiTest {
    @TempDir
    static Path dir;
    static TestHost host;

    @BeforeAll
    static void start() {
        // no shop is needed: the catalog is the roaster's own
        host = TestHost.start(dir, "http://127.0.0.1:9");
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    static Map<String, Object> variant(String sku, String unit, String grindStyle) {
        return Map.of("sku", sku, "unit", unit, "grindStyle", grindStyle);
    }

    static TestHost.Response create(String name, List<Map<String, Object>> variants) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("variants", variants);
        return host.post("/api/v1/products", body);
    }

    static long created(String name) {
        TestHost.Response r = create(name, List.of());
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static List<String> typeAhead(String q) {
        return host.get("/api/v1/products?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).json().get("items")
                .findValuesAsText("name");
    }

    @Test
    void createsReadsChangesAndDeletesProducts() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "  Rwanda Huye Mountain ");
        body.put("type", "Single origin");
        body.put("profileGroup", "Light filter");
        body.put("notes", "washed; red currant");
        body.put("variants", List.of(variant("RW-HUYE-250-WB", "250 g", "WHOLE_BEAN"), variant("RW-HUYE-1KG-FI", "1kg", "filter")));
        TestHost.Response r = host.post("/api/v1/products", body);

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode product = r.json();
        long id = product.get("id").asLong();
        assertThat(product.get("name").asText()).isEqualTo("Rwanda Huye Mountain");
        assertThat(product.get("type").asText()).isEqualTo("Single origin");
        assertThat(product.get("profileGroup").asText()).isEqualTo("Light filter");
        assertThat(product.get("notes").asText()).isEqualTo("washed; red currant");
        JsonNode variants = product.get("variants");
        assertThat(variants.findValuesAsText("sku")).containsExactly("RW-HUYE-1KG-FI", "RW-HUYE-250-WB");
        assertThat(variants.get(0).get("unit").asText()).as("spelled as configured").isEqualTo("1 kg");
        assertThat(variants.get(0).get("grindStyle").asText()).isEqualTo("FILTER");
        assertThat(variants.get(0).get("id").asLong()).isPositive();

        assertThat(host.get("/api/v1/products/" + id).json()).isEqualTo(product);

        TestHost.Response patched = host.patch("/api/v1/products/" + id, Map.of("name", "Rwanda Huye", "notes", "washed"));
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("Rwanda Huye");
        assertThat(patched.json().get("notes").asText()).isEqualTo("washed");
        assertThat(patched.json().get("type").asText()).as("untouched fields stay").isEqualTo("Single origin");
        assertThat(patched.json().get("variants")).hasSize(2);
        Map<String, Object> clearType = new LinkedHashMap<>();
        clearType.put("type", null);
        clearType.put("notes", "");
        TestHost.Response cleared = host.patch("/api/v1/products/" + id, clearType);
        assertThat(cleared.json().get("type").isNull()).as("null clears: %s", cleared).isTrue();
        assertThat(cleared.json().get("notes").isNull()).as("empty clears: %s", cleared).isTrue();
        assertThat(cleared.json().get("profileGroup").asText()).isEqualTo("Light filter");

        TestHost.Response deleted = host.delete("/api/v1/products/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
        assertThat(host.get("/api/v1/products/" + id).status()).isEqualTo(404);
        assertThat(host.delete("/api/v1/products/" + id).status()).isEqualTo(404);
        assertThat(host.patch("/api/v1/products/" + id, Map.of("notes", "x")).status()).isEqualTo(404);
        assertThat(host.get("/api/v1/products/abc").status()).isEqualTo(404);
        // its SKUs are free again
        assertThat(create("Rwanda Huye again", List.of(variant("RW-HUYE-250-WB", "250 g", "WHOLE_BEAN"))).status()).isEqualTo(201);
    }

    @Test
    void refusesInvalidProductsNamingTheField() {
        assertField(create("", List.of()), 422, "name");
        assertField(host.post("/api/v1/products", Map.of("type", "Blend")), 422, "name");
        assertField(create("Bad Unit Blend", List.of(variant("BU-1", "3 kg", "WHOLE_BEAN"))), 422, "variants[0].unit");
        assertField(create("Bad Grind Blend", List.of(variant("BG-1", "250 g", "COLD_BREW"))), 422, "variants[0].grindStyle");
        assertField(create("Twice Blend", List.of(variant("TW-1", "250 g", "FILTER"), variant("TW-1", "1 kg", "FILTER"))),
                422, "variants");
        assertThat(host.post("/api/v1/products", "{\"name\": ").status()).isEqualTo(400);

        long taken = created("Taken Blend");
        assertField(create("taken  BLEND", List.of()), 422, "name");
        long other = created("Other Blend");
        assertField(host.patch("/api/v1/products/" + other, Map.of("name", "Taken blend")), 422, "name");
        assertField(host.patch("/api/v1/products/" + other, Map.of("name", " ")), 422, "name");

        assertThat(create("Sku Owner", List.of(variant("OWNED-1", "250 g", "FILTER"))).status()).isEqualTo(201);
        TestHost.Response conflict = create("Sku Thief", List.of(variant("OWNED-1", "250 g", "FILTER")));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("type").asText()).endsWith("/sku-conflict");
        assertThat(typeAhead("Sku Thief")).as("nothing saved").isEmpty();
        assertThat(host.get("/api/v1/products/" + taken).status()).isEqualTo(200);
    }

    @Test
    void oneAnswerNamesEveryInvalidFieldInTheFormsOrder() {
        TestHost.Response r = host.post("/api/v1/products", """
                {"variants": [{"sku": "S-1", "unit": 250, "grindStyle": "FILTER"}, "no object", {"sku": " "}],
                 "notes": ["x"], "type": "%s", "comment": "unknown fields are ignored"}
                """.formatted("t".repeat(101)));
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().get("type").asText()).endsWith("/validation");
        List<String> errors = new java.util.ArrayList<>();
        r.json().get("errors").forEach(e -> errors.add(e.get("field").asText() + ": " + e.get("message").asText()));
        assertThat(errors).containsExactly(
                "name: is required",
                "type: must be at most 100 characters",
                "notes: must be a string",
                "variants[0].unit: must be a string",
                "variants[1]: must be an object",
                "variants[2].sku: must not be empty",
                "variants[2].unit: is required",
                "variants[2].grindStyle: is required");
        assertThat(r.json().get("detail").asText()).isEqualTo("8 fields are invalid");
    }

    @Test
    void variantsAreAddedCorrectedAndDeletedOneByOne() {
        long id = created("Guatemala Huehue");
        TestHost.Response added = host.post("/api/v1/products/" + id + "/variants", variant("GT-HUE-1", "250 g", "filter"));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        JsonNode variant = added.json().get("variants").get(0);
        assertThat(variant.get("sku").asText()).isEqualTo("GT-HUE-1");
        assertThat(variant.get("grindStyle").asText()).isEqualTo("FILTER");
        long variantId = variant.get("id").asLong();

        TestHost.Response corrected = host.patch("/api/v1/products/" + id + "/variants/" + variantId, Map.of("unit", "1 kg"));
        assertThat(corrected.status()).as("%s", corrected).isEqualTo(200);
        assertThat(corrected.json().at("/variants/0/unit").asText()).isEqualTo("1 kg");
        assertThat(corrected.json().at("/variants/0/grindStyle").asText()).as("left as it was").isEqualTo("FILTER");

        assertField(host.patch("/api/v1/products/" + id + "/variants/" + variantId, Map.of("unit", "3 kg")), 422, "unit");
        assertField(host.patch("/api/v1/products/" + id + "/variants/" + variantId, Map.of("sku", "GT-HUE-2")), 422, "sku");
        assertField(host.patch("/api/v1/products/" + id + "/variants/" + variantId, Map.of("grindStyle", "")), 422, "grindStyle");
        assertField(host.post("/api/v1/products/" + id + "/variants", Map.of("unit", "250 g")), 422, "sku");
        TestHost.Response taken = host.post("/api/v1/products/" + id + "/variants", variant("GT-HUE-1", "250 g", "FILTER"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asText()).endsWith("/sku-conflict");
        long other = created("Other Huehue");
        assertThat(host.patch("/api/v1/products/" + other + "/variants/" + variantId, Map.of("unit", "250 g")).status())
                .as("a variant of another product").isEqualTo(404);
        assertThat(host.post("/api/v1/products/999999/variants", variant("GT-X", "250 g", "FILTER")).status()).isEqualTo(404);

        TestHost.Response deleted = host.delete("/api/v1/products/" + id + "/variants/" + variantId);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("listingsUnlinked").asInt()).isZero();
        assertThat(host.get("/api/v1/products/" + id).json().get("variants")).isEmpty();
        assertThat(host.delete("/api/v1/products/" + id + "/variants/" + variantId).status()).isEqualTo(404);
        assertThat(host.post("/api/v1/products/" + other + "/variants", variant("GT-HUE-1", "250 g", "FILTER")).status())
                .as("the SKU is free again").isEqualTo(201);
    }

    private static void assertField(TestHost.Response r, int status, String field) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsText("field")).as("%s", r).contains(field);
    }

    @Test
    void typeAheadRanksExactThenPrefixThenContainsIgnoringCase() {
        created("Sidama Bensa Blend");
        created("Washed Sidama");
        created("Sidama");
        created("Sidamo Natural");
        created("Sidama Ardi");
        created("Kenya Nyeri");

        assertThat(typeAhead("sidama")).containsExactly("Sidama", "Sidama Ardi", "Sidama Bensa Blend", "Washed Sidama");
        assertThat(typeAhead("SIDAM")).containsExactly("Sidama", "Sidama Ardi", "Sidama Bensa Blend", "Sidamo Natural",
                "Washed Sidama");
        assertThat(typeAhead("ama")).containsExactly("Sidama", "Sidama Ardi", "Sidama Bensa Blend", "Washed Sidama");
        assertThat(typeAhead("  sidama   ardi ")).containsExactly("Sidama Ardi");
        assertThat(typeAhead("%")).isEmpty();
        assertThat(typeAhead("nothing like it")).isEmpty();

        JsonNode page = host.get("/api/v1/products?q=sidam&size=2&page=2").json();
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("items").findValuesAsText("name")).containsExactly("Sidama Bensa Blend", "Sidamo Natural");
        assertThat(host.get("/api/v1/products?size=501").status()).isEqualTo(422);
    }

    @Test
    void servesTheDefaultUnitsAndGrindStyles() {
        JsonNode units = host.get("/api/v1/catalog/units").json();
        assertThat(textValues(units.get("items"))).contains("250 g", "340 g", "1 kg", "2.5 kg", "5 lb");
        assertThat(units.get("total").asInt()).isEqualTo(units.get("items").size());
        JsonNode grinds = host.get("/api/v1/catalog/grind-styles").json();
        assertThat(textValues(grinds.get("items"))).contains("WHOLE_BEAN", "ESPRESSO", "FILTER", "FRENCH_PRESS");
        assertThat(host.anonymous("GET", "/api/v1/catalog/units").status()).isEqualTo(401);
    }

    @Test
    void unitsAndGrindStylesComeFromConfiguration(@TempDir Path other) {
        Map<String, String> env = TestHost.env(other, "http://127.0.0.1:9");
        env.put("SHOPLINK_UNITS", "200 g, 1 kg");
        env.put("SHOPLINK_GRIND_STYLES", "WHOLE_BEAN,COLD_BREW");
        try (TestHost configured = TestHost.start(other, env, Clock.systemUTC(), false)) {
            assertThat(textValues(configured.get("/api/v1/catalog/units").json().get("items"))).containsExactly("200 g", "1 kg");
            assertThat(textValues(configured.get("/api/v1/catalog/grind-styles").json().get("items")))
                    .containsExactly("WHOLE_BEAN", "COLD_BREW");
            Map<String, Object> body = Map.of("name", "Cold Brew Blend",
                    "variants", List.of(variant("CB-200", "200g", "cold brew")));
            TestHost.Response r = configured.post("/api/v1/products", body);
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            assertThat(r.json().at("/variants/0/unit").asText()).isEqualTo("200 g");
            assertThat(r.json().at("/variants/0/grindStyle").asText()).isEqualTo("COLD_BREW");
            assertThat(configured.post("/api/v1/products", Map.of("name", "Old Unit",
                    "variants", List.of(variant("OU-250", "250 g", "WHOLE_BEAN")))).status()).isEqualTo(422);
        }
    }

    private static List<String> textValues(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

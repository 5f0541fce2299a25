package dev.shoplink.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.integrations.CredentialFields;
import dev.shoplink.host.testing.OpenApiContract;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The length limits of request bodies live once, as {@code @Size(max = …)} on the request records (with the
 * constants beside them); openapi.json repeats them as {@code maxLength}. This test holds the two together: each
 * limited record field names the schema property that documents it, and both say the same number.
 */
class OpenApiLimitsTest {
    private static final String CATALOG = "dev.shoplink.host.catalog.CatalogRequests$";
    private static final String INTEGRATIONS = "dev.shoplink.host.integrations.IntegrationRequests$";
    private static final String LISTINGS = "dev.shoplink.host.listings.MappingBody";

    /** Record (binary name) → its limited fields → the JSON pointers, in openapi.json, of the properties documenting them. */
    private static final Map<String, Map<String, List<String>>> DOCUMENTED = Map.of(
            CATALOG + "NewProductBody", Map.of(
                    "name", List.of("/components/schemas/ProductCreate/properties/name"),
                    "type", List.of("/components/schemas/ProductCreate/properties/type"),
                    "profileGroup", List.of("/components/schemas/ProductCreate/properties/profileGroup"),
                    "notes", List.of("/components/schemas/ProductCreate/properties/notes")),
            CATALOG + "ProductChangeBody", Map.of(
                    "name", List.of("/components/schemas/ProductPatch/properties/name"),
                    "type", List.of("/components/schemas/ProductPatch/properties/type"),
                    "profileGroup", List.of("/components/schemas/ProductPatch/properties/profileGroup"),
                    "notes", List.of("/components/schemas/ProductPatch/properties/notes")),
            CATALOG + "NewVariantBody", Map.of(
                    "sku", List.of("/components/schemas/VariantCreate/properties/sku",
                            "/components/schemas/ProductCreate/properties/variants/items/properties/sku"),
                    "unit", List.of("/components/schemas/VariantCreate/properties/unit",
                            "/components/schemas/ProductCreate/properties/variants/items/properties/unit"),
                    "grindStyle", List.of("/components/schemas/VariantCreate/properties/grindStyle",
                            "/components/schemas/ProductCreate/properties/variants/items/properties/grindStyle")),
            CATALOG + "VariantChangeBody", Map.of(
                    "unit", List.of("/components/schemas/VariantPatch/properties/unit"),
                    "grindStyle", List.of("/components/schemas/VariantPatch/properties/grindStyle")),
            INTEGRATIONS + "IntegrationBody", Map.of(
                    "connector", List.of("/components/schemas/IntegrationCreate/properties/connector"),
                    "name", List.of("/components/schemas/IntegrationCreate/properties/name"),
                    "shopUrl", List.of("/components/schemas/IntegrationCreate/properties/shopUrl")),
            INTEGRATIONS + "IntegrationChangeBody", Map.of(
                    "name", List.of("/components/schemas/IntegrationPatch/properties/name"),
                    "shopUrl", List.of("/components/schemas/IntegrationPatch/properties/shopUrl")),
            LISTINGS + "$Row", Map.of(
                    "unit", List.of("/components/schemas/MappingRequest/properties/mappings/items/properties/unit"),
                    "grindStyle", List.of("/components/schemas/MappingRequest/properties/mappings/items/properties/grindStyle")),
            LISTINGS + "$Product", Map.of(
                    "name", List.of("/components/schemas/MappingRequest/properties/mappings/items/properties/product/oneOf/1/properties/name")));

    private final JsonNode spec = OpenApiContract.get().spec();

    @Test
    void everyLengthLimitOfARequestRecordIsTheDocumentedMaxLength() throws Exception {
        Map<String, String> mismatches = new TreeMap<>();
        int compared = 0;
        for (Map.Entry<String, Map<String, List<String>>> record : DOCUMENTED.entrySet()) {
            Map<String, Integer> limits = limits(Class.forName(record.getKey()));
            assertThat(limits.keySet()).as("the limited fields of %s (a new limit needs its maxLength in openapi.json "
                    + "and a line here)", record.getKey()).containsExactlyInAnyOrderElementsOf(record.getValue().keySet());
            for (Map.Entry<String, List<String>> field : record.getValue().entrySet()) {
                for (String pointer : field.getValue()) {
                    JsonNode property = spec.at(pointer);
                    assertThat(property.isMissingNode()).as("openapi.json has %s", pointer).isFalse();
                    compared++;
                    if (property.path("maxLength").asInt(-1) != limits.get(field.getKey())) {
                        mismatches.put(record.getKey() + "." + field.getKey(), "@Size(max = " + limits.get(field.getKey())
                                + ") but " + pointer + " has maxLength " + property.path("maxLength"));
                    }
                }
            }
        }
        assertThat(mismatches).as("request limits that openapi.json documents otherwise").isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyLimitedRequestRecordIsCompared() throws Exception {
        List<String> unlisted = new ArrayList<>();
        // the orders' and the sync's bodies have no length limit yet: listed so that a new one is not missed
        for (String holder : List.of(CATALOG.substring(0, CATALOG.length() - 1),
                INTEGRATIONS.substring(0, INTEGRATIONS.length() - 1), LISTINGS,
                "dev.shoplink.host.orders.OrderRequests", "dev.shoplink.host.sync.SyncRoutes")) {
            List<Class<?>> classes = new ArrayList<>(List.of(Class.forName(holder).getDeclaredClasses()));
            classes.add(Class.forName(holder));
            for (Class<?> c : classes) {
                if (c.isRecord() && !limits(c).isEmpty() && !DOCUMENTED.containsKey(c.getName())) {
                    unlisted.add(c.getName());
                }
            }
        }
        assertThat(unlisted).as("request records with length limits this test does not hold to openapi.json").isEmpty();
    }

    @Test
    void credentialValuesHaveTheDocumentedLimit() {
        for (String schema : List.of("IntegrationCreate", "IntegrationPatch")) {
            assertThat(spec.at("/components/schemas/" + schema + "/properties/credentials/additionalProperties/maxLength").asInt())
                    .as(schema + ".credentials").isEqualTo(CredentialFields.MAX_LENGTH);
        }
    }

    /** Field → its {@code @Size(max)}, read from the record's field and from the type (also inside {@code Optional<…>}). */
    private static Map<String, Integer> limits(Class<?> record) throws NoSuchFieldException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            List<Size> sizes = new ArrayList<>(List.of(record.getDeclaredField(component.getName()).getAnnotationsByType(Size.class)));
            AnnotatedType type = component.getAnnotatedType();
            sizes.addAll(List.of(type.getAnnotationsByType(Size.class)));
            if (type instanceof AnnotatedParameterizedType parameterized) {
                for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                    sizes.addAll(List.of(argument.getAnnotationsByType(Size.class)));
                }
            }
            OptionalInt max = sizes.stream().mapToInt(Size::max).filter(m -> m != Integer.MAX_VALUE).min();
            max.ifPresent(m -> out.put(component.getName(), m));
        }
        return out;
    }
}

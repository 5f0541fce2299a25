package dev.shoplink.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.TestHost;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI description documents exactly the routes the host registers under
 * {@code /api/v1}: a route added without documentation (or documentation of a route that is
 * gone) fails the build.
 */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @TempDir
    static Path dir;
    static TestHost host;

    @BeforeAll
    static void start() {
        host = TestHost.start(dir, "http://127.0.0.1:9");
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void everyApiRouteIsDocumentedAndEveryDocumentedRouteExists() {
        TestHost.Response response = host.anonymous("GET", "/api/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode spec = response.json();
        assertThat(spec.path("openapi").asText()).startsWith("3.1");

        Set<String> documented = documentedRoutes(spec);
        Set<String> registered = new TreeSet<>(host.app().routes());
        Set<String> documentedApi = api(documented);
        Set<String> registeredApi = api(registered);

        assertThat(registeredApi).as("registered /api/v1 routes").isNotEmpty();
        assertThat(minus(registeredApi, documentedApi))
                .as("routes the host serves but host/src/main/resources/openapi/openapi.json does not document").isEmpty();
        assertThat(minus(documentedApi, registeredApi))
                .as("routes openapi.json documents but the host does not serve").isEmpty();
        assertThat(minus(documented, registered)).as("documented routes outside /api/v1 (health) must exist too").isEmpty();
    }

    @Test
    void everyApiOperationNeedsTheTokenAndAnswersProblemsForErrors() {
        JsonNode spec = host.anonymous("GET", "/api/openapi.json").json();
        assertThat(spec.at("/components/securitySchemes/adminToken/scheme").asText()).isEqualTo("bearer");
        assertThat(spec.at("/security/0").has("adminToken")).isTrue();
        for (Map.Entry<String, JsonNode> path : fields(spec.path("paths"))) {
            for (Map.Entry<String, JsonNode> operation : fields(path.getValue())) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode op = operation.getValue();
                assertThat(op.path("tags").size()).as(name + " has a tag").isEqualTo(1);
                assertThat(op.path("operationId").asText()).as(name + " has an operationId").isNotBlank();
                if (path.getKey().startsWith("/api/v1/")) {
                    assertThat(op.has("security")).as(name + " keeps the global bearer requirement").isFalse();
                    assertThat(op.path("responses").has("401")).as(name + " documents 401").isTrue();
                }
                for (Map.Entry<String, JsonNode> r : fields(op.path("responses"))) {
                    if (path.getKey().startsWith("/api/v1/") && (r.getKey().startsWith("4") || r.getKey().startsWith("5"))) {
                        JsonNode resolved = resolve(spec, r.getValue());
                        assertThat(resolved.at("/content/application~1problem+json/schema/$ref").asText())
                                .as(name + " " + r.getKey() + " is a problem").isEqualTo("#/components/schemas/Problem");
                    }
                }
            }
        }
        assertThat(spec.at("/components/schemas/Problem/properties/errors/items/$ref").asText())
                .isEqualTo("#/components/schemas/FieldError");
        assertThat(names(spec.at("/components/schemas/PageResult/required"))).containsExactlyInAnyOrder("items", "page", "size", "total");
    }

    @Test
    void everyReferenceResolves() {
        JsonNode spec = host.anonymous("GET", "/api/openapi.json").json();
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#(/[^\"]+)\"").matcher(spec.toString());
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(spec.at(refs.group(1)).isMissingNode()).as("$ref #" + refs.group(1)).isFalse();
        }
        assertThat(count).isGreaterThan(50);
    }

    @Test
    void docsPageLoadsSwaggerUiFromTheWebjar() {
        TestHost.Response page = host.anonymous("GET", "/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui").contains("/api/openapi.json");

        Matcher script = Pattern.compile("src=\"(/webjars/swagger-ui/[^\"]+/swagger-ui-bundle\\.js)\"").matcher(page.body());
        assertThat(script.find()).as("the page loads swagger-ui-bundle.js from the webjar: " + page.body()).isTrue();
        assertThat(host.anonymous("GET", script.group(1)).status()).isEqualTo(200);

        Matcher css = Pattern.compile("href=\"(/webjars/swagger-ui/[^\"]+/swagger-ui\\.css)\"").matcher(page.body());
        assertThat(css.find()).isTrue();
        assertThat(host.anonymous("GET", css.group(1)).status()).isEqualTo(200);
    }

    @Test
    void theSpecNeedsNoTokenButTheApiStillDoes() {
        assertThat(host.send(HttpRequest.newBuilder(host.uri("/api/openapi.json")).GET(), false).status()).isEqualTo(200);
        assertThat(host.anonymous("GET", "/api/v1/system").status()).isEqualTo(401);
    }

    @Test
    void answersCarryTheDocumentedFields() {
        JsonNode spec = host.anonymous("GET", "/api/openapi.json").json();

        assertFields(spec, host.get("/api/v1/system").json(), "SystemInfo");
        JsonNode connectors = host.get("/api/v1/connectors").json();
        assertFields(spec, connectors, "PageResult");
        assertThat(connectors.path("items").size()).as("the bundled ShipStation connector is loaded").isPositive();
        assertFields(spec, connectors.path("items").get(0), "Connector");
        assertFields(spec, connectors.path("items").get(0).path("fields").get(0), "CredentialField");
        assertFields(spec, host.get("/api/v1/plugins").json().path("items").get(0), "Plugin");
        TestHost.Response reload = host.send(HttpRequest.newBuilder(host.uri("/api/v1/plugins/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()), true);
        assertFields(spec, reload.json(), "PluginReload");

        TestHost.Response created = host.post("/api/v1/products", Map.of("name", "Ethiopia Guji " + System.nanoTime(),
                "variants", List.of(Map.of("sku", "ETH-" + System.nanoTime(), "unit", "250 g", "grindStyle", "WHOLE_BEAN"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertFields(spec, created.json(), "Product");
        assertFields(spec, created.json().path("variants").get(0), "Variant");
        assertFields(spec, host.get("/api/v1/products?q=guji").json(), "PageResult");

        TestHost.Response missing = host.get("/api/v1/products/987654");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertFields(spec, missing.json(), "Problem");

        // the test host's shop address (port 9) answers nothing: the documented 502
        TestHost.Response unreachable = host.post("/api/v1/integrations", Map.of("connector", "shipstation", "name", "Main store",
                "customerType", "RETAIL", "shopUrl", "https://shop.example.com",
                "credentials", Map.of("apiKey", "key-0123456789", "apiSecret", "secret-0123456789"),
                "syncStartDate", LocalDate.now(ZoneOffset.UTC).toString()));
        assertThat(unreachable.status()).as(unreachable.toString()).isEqualTo(502);
        assertThat(spec.at("/paths/~1api~1v1~1integrations/post/responses").has("502")).isTrue();

        TestHost.Response invalid = host.get("/api/v1/orders?status=LOST");
        assertThat(invalid.status()).isEqualTo(422);
        assertFields(spec, invalid.json(), "Problem");
        assertFields(spec, invalid.json().path("errors").get(0), "FieldError");
    }

    /** The object has every required property of the schema and nothing the schema does not name. */
    private static void assertFields(JsonNode spec, JsonNode value, String schema) {
        JsonNode definition = spec.at("/components/schemas/" + schema);
        assertThat(definition.isMissingNode()).as("schema " + schema).isFalse();
        Set<String> documented = new TreeSet<>();
        definition.path("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> actual = new TreeSet<>();
        value.fieldNames().forEachRemaining(actual::add);
        assertThat(minus(actual, documented)).as(schema + ": fields the API sends but the schema lacks in " + value).isEmpty();
        assertThat(minus(names(definition.path("required")), actual)).as(schema + ": required fields missing in " + value).isEmpty();
    }

    private static Set<String> documentedRoutes(JsonNode spec) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : fields(spec.path("paths"))) {
            for (Map.Entry<String, JsonNode> operation : fields(path.getValue())) {
                if (METHODS.contains(operation.getKey())) {
                    out.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return out;
    }

    private static Set<String> api(Set<String> routes) {
        return routes.stream().filter(r -> r.substring(r.indexOf(' ') + 1).startsWith("/api/v1"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static JsonNode resolve(JsonNode spec, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#") ? spec.at(ref.substring(1)) : node;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.properties();
    }
}

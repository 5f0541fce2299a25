package dev.shoplink.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP contract as the tests hold the host to it: every answer an end-to-end test receives through
 * {@link TestHost#exchange} must carry a status code that {@code openapi/openapi.json} declares for that path
 * and method, and a body that the declared response schema (problem+json included) accepts.
 *
 * <p>Paths the description does not document (the web UI, {@code /api/openapi.json}, {@code /metrics}) are not
 * checked here: {@code OpenApiTest} holds the list of documented routes to the list the host serves.
 */
public final class OpenApiContract {
    /** The classpath resource of the description (the one the host serves). */
    public static final String RESOURCE = "/openapi/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract INSTANCE = new OpenApiContract(load());

    /** What a method a path does not have answers: a problem (docs/API.md, "wrong method → 405"). */
    private static final JsonNode METHOD_NOT_ALLOWED = JSON.createObjectNode().set("content", JSON.createObjectNode()
            .set("application/problem+json", JSON.createObjectNode().set("schema", JSON.createObjectNode()
                    .put("$ref", "#/components/schemas/Problem"))));

    private final JsonNode spec;
    private final List<Template> templates;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    OpenApiContract(JsonNode spec) {
        this.spec = spec;
        List<Template> out = new ArrayList<>();
        spec.path("paths").properties().forEach(p -> out.add(Template.of(p.getKey(), p.getValue())));
        // literal segments win over parameters: /listings/suggestions before /listings/{listingId}
        out.sort(Comparator.comparingInt(Template::parameters));
        this.templates = List.copyOf(out);
    }

    public static OpenApiContract get() {
        return INSTANCE;
    }

    /** The description as parsed from the classpath. */
    public JsonNode spec() {
        return spec;
    }

    /**
     * Fails with an {@link AssertionError} naming method, path, status and what is wrong when the answer breaks
     * the contract; does nothing for a path the description does not document.
     */
    public void check(String method, String pathAndQuery, TestHost.Response response) {
        List<String> problems = problems(method, pathAndQuery, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("answer breaks openapi.json: " + method + " " + pathAndQuery + " -> "
                    + response.status() + ": " + String.join("; ", problems) + "\n  body: " + abbreviate(response.body()));
        }
    }

    /** What is wrong with that answer (nothing for an undocumented path). */
    public List<String> problems(String method, String pathAndQuery, TestHost.Response response) {
        String path = pathAndQuery.split("\\?", 2)[0];
        Optional<Template> template = templates.stream().filter(t -> t.pattern().matcher(path).matches()).findFirst();
        if (template.isEmpty()) {
            return List.of();
        }
        String verb = method.toLowerCase(Locale.ROOT);
        JsonNode operation = template.get().item().path(verb);
        String where = "/paths/" + escape(template.get().path()) + "/" + verb;
        String status = Integer.toString(response.status());
        if (operation.isMissingNode()) {
            // docs/API.md: a wrong method is a 405 problem; an OpenAPI path item lists only the methods it has
            return response.status() == 405 ? validate(where + "/405", METHOD_NOT_ALLOWED, response)
                    : List.of("the method is not documented for " + template.get().path() + " and the answer is no 405");
        }
        JsonNode declared = resolve(operation.path("responses").path(status));
        if (declared.isMissingNode()) {
            declared = resolve(operation.path("responses").path(status.charAt(0) + "XX"));
            status = status.charAt(0) + "XX";
        }
        if (declared.isMissingNode()) {
            List<String> codes = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(codes::add);
            return List.of("status " + response.status() + " is not declared (declared: " + codes + ")");
        }
        return validate(where + "/responses/" + status, declared, response);
    }

    /** The answer against a response object of the description (its media types and their schemas). */
    private List<String> validate(String key, JsonNode declared, TestHost.Response response) {
        JsonNode content = declared.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return response.body().isBlank() ? List.of() : List.of("no body is declared, but one was sent");
        }
        String mediaType = response.contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            List<String> types = new ArrayList<>();
            content.fieldNames().forEachRemaining(types::add);
            return List.of("Content-Type '" + response.contentType() + "' is not declared (declared: " + types + ")");
        }
        JsonNode schema = content.path(mediaType).path("schema");
        if (schema.isMissingNode() || !mediaType.contains("json")) {
            return List.of();
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return List.of("the body is not JSON: " + e.getMessage());
        }
        Schema compiled = schemas.computeIfAbsent(key + "/" + mediaType, k -> registry.getSchema(withComponents(schema)));
        // formats are asserted too: a "date-time" that is no date-time, or a "uri" that is none, breaks the contract
        return compiled.validate(body, context -> context.executionConfig(c -> c.formatAssertionsEnabled(true))).stream()
                .map(Error::toString).collect(Collectors.toList());
    }

    /** The response schema as a document of its own that carries the components its {@code $ref}s point into. */
    private JsonNode withComponents(JsonNode schema) {
        ObjectNode document = schema.isObject() ? ((ObjectNode) schema).deepCopy() : JSON.createObjectNode();
        document.set("components", spec.path("components"));
        return document;
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? spec.at(ref.substring(1)) : node;
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Template(String path, JsonNode item, Pattern pattern, int parameters) {
        static Template of(String path, JsonNode item) {
            StringBuilder regex = new StringBuilder();
            int parameters = 0;
            for (String part : path.split("(?=\\{)|(?<=\\})")) {
                if (part.startsWith("{") && part.endsWith("}")) {
                    regex.append("[^/]+");
                    parameters++;
                } else {
                    regex.append(Pattern.quote(part));
                }
            }
            return new Template(path, item, Pattern.compile(regex.toString()), parameters);
        }
    }
}

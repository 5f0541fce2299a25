package dev.shoplink.host.http;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The request schemas of the committed openapi.json (and the answers' schemas {@link OpenApiSchemas#RESPONSES}
 * names) are what {@link OpenApiSchemas} generates from the records: a changed {@code @Size}, {@code @NotNull},
 * type or field fails here until the file is regenerated. With
 * {@code -Dopenapi.regenerate=true} the first test rewrites the file instead ({@link OpenApiSchemas#REGENERATE}).
 */
class OpenApiGeneratedTest {
    /** The classes that declare the records {@link RequestBinder} binds (they and their nested records). */
    private static final List<String> HOLDERS = List.of("dev.shoplink.host.catalog.CatalogRequests",
            "dev.shoplink.host.integrations.IntegrationRequests", "dev.shoplink.host.listings.MappingBody",
            "dev.shoplink.host.orders.OrderRequests", "dev.shoplink.host.sync.SyncRoutes");

    @Test
    void theCommittedDescriptionIsTheGeneratedOne() throws Exception {
        Path file = OpenApiSchemas.FILE;
        String committed = Files.readString(file, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("openapi.regenerate")) {
            OpenApiSchemas.main(new String[] {file.toString()});
            return;
        }
        String generated = OpenApiSchemas.regenerate(committed);
        if (!generated.equals(committed)) {
            throw new AssertionError("openapi.json is stale: run `" + OpenApiSchemas.REGENERATE + "` to regenerate. "
                    + firstDifference(committed, generated));
        }
    }

    @Test
    void theRecordsOwnTheirLimitsAndTheFileItsProse() throws Exception {
        String committed = Files.readString(OpenApiSchemas.FILE, StandardCharsets.UTF_8);
        ObjectNode edited = (ObjectNode) new ObjectMapper().readTree(committed);
        ObjectNode connector = (ObjectNode) edited.at("/components/schemas/IntegrationCreate/properties/connector");
        int limit = connector.path("maxLength").asInt();
        connector.put("maxLength", limit + 1).put("description", "edited by hand");

        JsonNode regenerated = new ObjectMapper().readTree(OpenApiSchemas.regenerate(edited.toPrettyString()));
        JsonNode property = regenerated.at("/components/schemas/IntegrationCreate/properties/connector");
        assertThat(property.path("maxLength").asInt()).as("the record's @Size wins over the file").isEqualTo(limit);
        assertThat(property.path("description").asText()).as("a hand-written description is kept").isEqualTo("edited by hand");
    }

    @Test
    void everyRequestRecordIsGenerated() throws Exception {
        Set<Class<?>> generated = reachable(OpenApiSchemas.REQUESTS.values());
        List<String> missing = new ArrayList<>();
        for (String holder : HOLDERS) {
            Class<?> outer = Class.forName(holder);
            List<Class<?>> classes = new ArrayList<>(List.of(outer.getDeclaredClasses()));
            classes.add(outer);
            classes.stream().filter(Class::isRecord).filter(c -> !generated.contains(c)).forEach(c -> missing.add(c.getName()));
        }
        assertThat(missing).as("request records OpenApiSchemas.REQUESTS does not reach (add them, or their holder's "
                + "record that uses them)").isEmpty();
        assertThat(OpenApiSchemas.generate().properties()).extracting(Map.Entry::getKey)
                .containsAll(OpenApiSchemas.REQUESTS.keySet());
    }

    @Test
    void aComponentTheMapperMayLeaveOutIsNotRequired() {
        // given the answers' schemas as generated
        ObjectNode schemas = OpenApiSchemas.generate();

        // then a problem's instance and errors (@JsonInclude NON_EMPTY) may be missing, the rest may not
        assertThatJson(schemas.get("Problem")).node("required").isEqualTo(json("[\"type\",\"title\",\"status\",\"detail\"]"));
    }

    @Test
    void anOptionalTheMapperLeavesOutWhenEmptyIsNeverNull() {
        // given the answers' schemas as generated
        ObjectNode schemas = OpenApiSchemas.generate();

        // then the switch report's syncId (an Optional under NON_ABSENT) is an integer when there, never null
        assertThatJson(schemas.get("SwitchReport")).node("properties.syncId.type").isEqualTo("integer");
        assertThatJson(schemas.get("SwitchReport")).node("required").isArray().doesNotContain("syncId");
    }

    /** Where the two texts part, with the lines around it (the whole file would drown the message). */
    private static String firstDifference(String committed, String generated) {
        String[] a = committed.split("\n", -1);
        String[] b = generated.split("\n", -1);
        int line = 0;
        while (line < Math.min(a.length, b.length) && a[line].equals(b[line])) {
            line++;
        }
        int from = Math.max(0, line - 3);
        return "First difference at line " + (line + 1) + ":\n  committed: "
                + String.join("\n             ", List.of(a).subList(from, Math.min(a.length, line + 3)))
                + "\n  generated: " + String.join("\n             ", List.of(b).subList(from, Math.min(b.length, line + 3)));
    }

    /** The listed types and every record inside them (record components, type arguments). */
    private static Set<Class<?>> reachable(Iterable<String> roots) throws ClassNotFoundException {
        Set<Class<?>> seen = new HashSet<>();
        Deque<Type> todo = new ArrayDeque<>();
        for (String root : roots) {
            todo.add(Class.forName(root));
        }
        while (!todo.isEmpty()) {
            Type type = todo.pop();
            if (type instanceof ParameterizedType p) {
                todo.addAll(List.of(p.getActualTypeArguments()));
            } else if (type instanceof Class<?> c && c.isRecord() && seen.add(c)) {
                for (RecordComponent component : c.getRecordComponents()) {
                    todo.add(component.getGenericType());
                }
            } else if (type instanceof Class<?> c) {
                seen.add(c);
            }
        }
        return seen;
    }
}

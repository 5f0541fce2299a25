package dev.shoplink.host.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.impl.module.FlattenedWrapperModule;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Generates the request-body schemas of {@code openapi.json} from the request records that {@link RequestBinder}
 * binds, and the schemas of some answers from the view records the routes write ({@link #RESPONSES}), so that a
 * limit or a field lives once: {@code @Size}, {@code @NotNull}, {@code @Positive}, the Java types and the
 * Jackson property names make {@code components/schemas/{Name}} (victools jsonschema-generator, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses it, references as {@code #/components/schemas/{Name}}).
 *
 * <p>What the generator writes it owns: the keywords in {@link #OWNED} ({@link #RESPONSE_OWNED} in answers) come
 * only from the records (and from {@link #serviceRules}, the few rules a route or service enforces beyond the
 * annotations). Every other keyword of the committed file at the same place (descriptions, examples, defaults,
 * formats such as {@code uri}, the credentials' open map, either-or rules as {@code anyOf} of {@code required}) is
 * hand-written and kept. The rest of the file (paths, responses, the schemas of no listed record) is not touched.
 *
 * <p>{@code OpenApiGeneratedTest} fails when the committed file differs from what this writes. To regenerate,
 * from the repository root: {@value #REGENERATE} (or run {@link #main} with the host module as working directory).
 */
public final class OpenApiSchemas {
    /** The committed description, relative to the host module. */
    static final Path FILE = Path.of("src/main/resources/openapi/openapi.json");

    /** The command that rewrites the committed file (docs/API.md). */
    static final String REGENERATE = "mvn -q -o -pl host test -Dtest=OpenApiGeneratedTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dshoplink.postgres.skip=true -Dopenapi.regenerate=true";

    /** Component name → the request record (or enum) it is generated from, in the order they are written. */
    static final Map<String, String> REQUESTS = inOrder(
            "CustomerType", "dev.shoplink.host.integrations.CustomerType",
            "IntegrationCreate", "dev.shoplink.host.integrations.IntegrationRequests$IntegrationBody",
            "IntegrationPatch", "dev.shoplink.host.integrations.IntegrationRequests$IntegrationChangeBody",
            "SyncScope", "dev.shoplink.host.sync.SyncScope",
            "SyncRequest", "dev.shoplink.host.sync.SyncRoutes$SyncBody",
            "MappingRequest", "dev.shoplink.host.listings.MappingBody",
            "ProductCreate", "dev.shoplink.host.catalog.CatalogRequests$NewProductBody",
            "ProductPatch", "dev.shoplink.host.catalog.CatalogRequests$ProductChangeBody",
            "VariantCreate", "dev.shoplink.host.catalog.CatalogRequests$NewVariantBody",
            "VariantPatch", "dev.shoplink.host.catalog.CatalogRequests$VariantChangeBody",
            "OrderStatus", "dev.shoplink.host.orders.OrderStatus",
            "OrderPatch", "dev.shoplink.host.orders.OrderRequests$StatusBody",
            "OrderArchive", "dev.shoplink.host.orders.OrderRequests$ArchiveBody");

    /** Component name → the view record (or enum) an answer is written from. */
    static final Map<String, String> RESPONSES = inOrder(
            "IntegrationStatus", "dev.shoplink.host.integrations.IntegrationStatus",
            "IntegrationCounts", "dev.shoplink.host.integrations.IntegrationRepository$Counts",
            "Integration", "dev.shoplink.host.integrations.IntegrationView",
            "SyncState", "dev.shoplink.host.sync.SyncState",
            "SyncProgress", "dev.shoplink.host.sync.SyncView$Progress",
            "Sync", "dev.shoplink.host.sync.SyncView",
            "ListingMapping", "dev.shoplink.host.listings.ListingView$Mapping",
            "Variant", "dev.shoplink.host.catalog.Variant",
            "Product", "dev.shoplink.host.catalog.Product",
            "ListingState", "dev.shoplink.host.listings.ListingState",
            "Listing", "dev.shoplink.host.listings.ListingView",
            "OrderCustomer", "dev.shoplink.host.orders.OrderView$Customer",
            "OrderItem", "dev.shoplink.host.orders.OrderView$Item",
            "Order", "dev.shoplink.host.orders.OrderView",
            "OrderLineProduct", "dev.shoplink.host.orders.OrderView$Resolved",
            "OrderStatusChange", "dev.shoplink.host.orders.OrderView$StatusChange",
            "DisconnectResult", "dev.shoplink.host.integrations.IntegrationRepository$DisconnectResult",
            "CredentialField", "dev.shoplink.host.plugins.PluginRoutes$FieldView",
            "Connector", "dev.shoplink.host.plugins.PluginRoutes$ConnectorView",
            "Plugin", "dev.shoplink.host.plugins.PluginInfo",
            "PluginReload", "dev.shoplink.host.plugins.PluginRoutes$Reloaded",
            "ListingReading", "dev.shoplink.host.listings.ListingSuggester$Reading",
            "SuggestedListing", "dev.shoplink.host.listings.MappingSuggestions$SuggestedListing",
            "SuggestionGroup", "dev.shoplink.host.listings.MappingSuggestions$Group",
            "FieldError", "dev.shoplink.host.domain.FieldError",
            "Problem", "dev.shoplink.host.http.Problem",
            "PageResult", "dev.shoplink.host.http.PageResult",
            "SwitchListings", "dev.shoplink.host.switching.SwitchReport$Listings",
            "SwitchOrders", "dev.shoplink.host.switching.SwitchReport$Orders",
            "SwitchConflict", "dev.shoplink.host.switching.SwitchReport$Conflict",
            "SwitchReport", "dev.shoplink.host.switching.SwitchReport",
            "ListingItems", "dev.shoplink.host.listings.ListingRoutes$Changed",
            "DeleteResult", "dev.shoplink.host.catalog.CatalogRoutes$Deleted",
            "OrderArchiveResult", "dev.shoplink.host.orders.OrderRoutes$Archived",
            "SystemInfo", "dev.shoplink.host.http.SystemInfo",
            "Health", "dev.shoplink.host.http.Health",
            "Session", "dev.shoplink.host.http.SessionView");

    /**
     * Answers other answers extend ({@code allOf}): the list envelope, to which the orders' page adds {@code
     * totalExact} and {@code next}. Their schema does not forbid other properties.
     */
    static final Set<String> EXTENDED = Set.of("PageResult");

    /** The keywords the generator decides; a hand-written one of these in the file is replaced (or dropped). */
    static final Set<String> OWNED = Set.of("type", "properties", "required", "items", "$ref", "enum", "const",
            "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "minItems", "maxItems", "uniqueItems");

    /**
     * In the answers' schemas the generator owns less: value rules there (ids of at least 1) are documentation of
     * what the code writes, and so are the nullability and the values of a plain {@code String} ({@link
     * #plainString}). Every component is required and nothing else is allowed: the API's mapper writes each one, an
     * empty Optional as null, unless {@code @JsonInclude} lets it leave the component out ({@link #mayBeLeftOut});
     * the answers others extend ({@link #EXTENDED}) allow more.
     */
    static final Set<String> RESPONSE_OWNED = Set.of("type", "properties", "required", "items", "$ref", "enum",
            "anyOf", "oneOf", "additionalProperties");

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiSchemas() {
    }

    /** Rewrites {@code openapi.json} (the path given, else {@link #FILE}) with freshly generated request schemas. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : FILE;
        String committed = Files.readString(file, StandardCharsets.UTF_8);
        String regenerated = regenerate(committed);
        if (!regenerated.equals(committed)) {
            Files.writeString(file, regenerated, StandardCharsets.UTF_8);
        }
        System.out.println(file + (regenerated.equals(committed) ? " is up to date" : " regenerated"));
    }

    /** The description {@code committed} with every listed schema generated anew, as the file is written. */
    static String regenerate(String committed) {
        ObjectNode spec;
        try {
            spec = (ObjectNode) JSON.readTree(committed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode schemas = (ObjectNode) spec.path("components").path("schemas");
        generate().properties().forEach(e -> schemas.set(e.getKey(), merge(e.getValue(), schemas.path(e.getKey()),
                RESPONSES.containsKey(e.getKey()))));
        StringBuilder out = new StringBuilder();
        write(spec, 0, out);
        return out.append('\n').toString();
    }

    /** The generated definitions, name → schema, references as {@code #/components/schemas/{Name}}. */
    static ObjectNode generate() {
        Map<Class<?>, String> names = new LinkedHashMap<>();
        REQUESTS.forEach((name, type) -> names.put(load(type), name));
        RESPONSES.forEach((name, type) -> names.put(load(type), name));
        ObjectNode out = definitions(names, REQUESTS.keySet(), false);
        serviceRules(out);
        definitions(names, RESPONSES.keySet(), true).properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The definitions named in {@code roots}. An enum with a name of its own is referenced wherever it is used; a
     * record used once is inlined where it is used, and written as its own component too.
     */
    private static ObjectNode definitions(Map<Class<?>, String> names, Set<String> roots, boolean responses) {
        SchemaBuilder builder = new SchemaGenerator(config(names, responses).build()).buildMultipleSchemaDefinitions();
        Map<String, ObjectNode> references = new LinkedHashMap<>();
        names.forEach((type, name) -> {
            if (roots.contains(name) || type.isEnum()) {
                references.put(name, builder.createSchemaReference(type));
            }
        });
        ObjectNode collected = builder.collectDefinitions("components/schemas");
        collected.fieldNames().forEachRemaining(name -> {
            if (!names.containsValue(name)) {
                throw new IllegalStateException("a type used more than once needs a component of its own: add "
                        + name + " to OpenApiSchemas.REQUESTS or RESPONSES");
            }
        });
        ObjectNode out = JSON.createObjectNode();
        for (String name : roots) {
            ObjectNode schema = collected.has(name) ? (ObjectNode) collected.get(name) : references.get(name);
            if (EXTENDED.contains(name)) {
                schema.remove("additionalProperties");
            }
            out.set(name, schema);
        }
        return out;
    }

    /** The generator's settings: requests ({@code responses} false) and answers differ in what they own. */
    private static SchemaGeneratorConfigBuilder config(Map<Class<?>, String> names, boolean responses) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
                // Optionals flattened to their content; whether one is nullable the check below decides alone (the
                // preset's FLATTENED_OPTIONALS would make every Optional nullable, also one the mapper leaves out)
                .with(new FlattenedWrapperModule<>(Optional.class))
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.INLINE_NULLABLE_SCHEMAS)
                .without(Option.SCHEMA_VERSION_INDICATOR, Option.FLATTENED_OPTIONALS, Option.SIMPLIFIED_OPTIONALS);
        config.forTypesInGeneral()
                .withDefinitionNamingStrategy((key, context) -> names.getOrDefault(key.getType().getErasedType(),
                        key.getType().getErasedType().getSimpleName()))
                // credentials stay JSON (ObjectNode): an object whose fields the connector's form decides
                .withCustomDefinitionProvider((type, context) -> JsonNode.class.isAssignableFrom(type.getErasedType())
                        ? new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "object"),
                                CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES)
                        : null);
        config.forTypesInGeneral().withPropertySorter(Comparator.comparingInt(OpenApiSchemas::declared));
        // an Optional is null when empty (answers, unless left out then) or tells "sent as null" from "left out" (PATCH)
        config.forFields().withNullableCheck(field -> {
            if (field.getRawMember().getType() != Optional.class) {
                return null;
            }
            return !(responses && mayBeLeftOut(field));
        });
        if (responses) {
            // the API's mapper writes every component of a view (an empty Optional as null), and nothing else
            config.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES);
            config.forFields().withRequiredCheck(field -> !mayBeLeftOut(field));
        } else {
            // @Null: a field that may be sent only as null (a variant's SKU, which cannot change)
            config.forFields().withInstanceAttributeOverride((schema, field, context) -> {
                if (field.getAnnotation(Null.class) != null) {
                    schema.put("type", "null");
                }
            });
            // the records say "required" and "too long" in two @Size each, which the Jakarta module does not read
            config.forFields().withStringMinLengthResolver(field -> size(field, Size::min, 0))
                    .withStringMaxLengthResolver(field -> size(field, Size::max, Integer.MAX_VALUE));
        }
        return config;
    }

    /**
     * Whether the API's mapper may leave a view's component out: under {@code @JsonInclude(NON_EMPTY)} when null or
     * empty, under {@code NON_ABSENT} an empty Optional (a view's other components are never null). The
     * component's own annotation wins over its record's.
     */
    private static boolean mayBeLeftOut(FieldScope field) {
        if (field.isFakeContainerItemScope() || field.getType().getErasedType().isPrimitive()) {
            return false;
        }
        JsonInclude include = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
        if (include == null) {
            include = field.getDeclaringType().getErasedType().getAnnotation(JsonInclude.class);
        }
        JsonInclude.Include rule = include == null ? JsonInclude.Include.ALWAYS : include.value();
        return rule == JsonInclude.Include.NON_EMPTY
                || rule == JsonInclude.Include.NON_ABSENT && field.getRawMember().getType() == Optional.class;
    }

    /** The record component's place in its record (the order of the form); other members after. */
    private static int declared(MemberScope<?, ?> member) {
        RecordComponent[] components = member.getDeclaringType().getErasedType().getRecordComponents();
        for (int i = 0; components != null && i < components.length; i++) {
            if (components[i].getName().equals(member.getDeclaredName())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The tightest of a text field's {@code @Size} bounds (on the field, its type, or inside its Optional). */
    private static Integer size(FieldScope field, ToIntFunction<Size> bound, int none) {
        if (field.isFakeContainerItemScope() || !field.getType().isInstanceOf(CharSequence.class)) {
            return null;
        }
        List<Size> sizes = new ArrayList<>(List.of(field.getRawMember().getAnnotationsByType(Size.class)));
        AnnotatedType type = field.getRawMember().getAnnotatedType();
        sizes.addAll(List.of(type.getAnnotationsByType(Size.class)));
        if (type instanceof AnnotatedParameterizedType parameterized) {
            for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                sizes.addAll(List.of(argument.getAnnotationsByType(Size.class)));
            }
        }
        IntStream bounds = sizes.stream().mapToInt(bound).filter(b -> b != none);
        OptionalInt tightest = none == 0 ? bounds.max() : bounds.min();
        return tightest.isPresent() ? tightest.getAsInt() : null;
    }

    /** Rules a route or a service enforces beyond the records' annotations, in keywords the generator owns. */
    private static void serviceRules(ObjectNode definitions) {
        // ListingRoutes: a row without a unit or grind style is refused with a message naming the configured ones
        ((ObjectNode) definitions.at("/MappingRequest/properties/mappings/items")).withArray("required")
                .add("unit").add("grindStyle");
        // ListingService: no rows at all is refused
        ((ObjectNode) definitions.at("/MappingRequest/properties/mappings")).put("minItems", 1);
    }

    /**
     * The generated schema with the hand-written keywords of the committed one kept at the same place, in the
     * committed order where there is one; properties in the record's order.
     */
    static JsonNode merge(JsonNode generated, JsonNode written, boolean answer) {
        if (!generated.isObject()) {
            return generated;
        }
        Set<String> owned = answer ? RESPONSE_OWNED : OWNED;
        if (answer && generated.path("type").asText().equals("string") && generated.size() == 1) {
            generated = plainString(written);
        }
        Set<String> keys = new LinkedHashSet<>();
        written.fieldNames().forEachRemaining(keys::add);
        generated.fieldNames().forEachRemaining(keys::add);
        ObjectNode out = JSON.createObjectNode();
        for (String key : keys) {
            JsonNode value = generated.get(key);
            if (value == null) {
                if (!owned.contains(key)) {
                    out.set(key, written.get(key).deepCopy());
                }
            } else if (key.equals("properties")) {
                ObjectNode properties = out.putObject("properties");
                value.properties().forEach(p -> properties.set(p.getKey(),
                        merge(p.getValue(), written.path("properties").path(p.getKey()), answer)));
            } else if (key.equals("items")) {
                out.set(key, merge(value, written.path("items"), answer));
            } else {
                out.set(key, value.deepCopy());
            }
        }
        return out;
    }

    /**
     * A view's plain {@code String} says neither whether it is null at times nor which values it takes: there the
     * file's {@code ["string", "null"]}, its {@code enum} or its {@code $ref} to an enum component stands.
     */
    private static JsonNode plainString(JsonNode written) {
        ObjectNode out = JSON.createObjectNode();
        JsonNode type = written.path("type");
        if (written.has("$ref") && !written.has("type")) {
            return out.set("$ref", written.get("$ref"));
        }
        boolean nullable = type.isArray() && type.size() == 2 && type.get(0).asText().equals("string")
                && type.get(1).asText().equals("null");
        out.set("type", nullable ? type.deepCopy() : out.textNode("string"));
        if (written.has("enum")) {
            out.set("enum", written.get("enum").deepCopy());
        }
        return out;
    }

    /** Name, type, name, type, …: a map in that order. */
    private static Map<String, String> inOrder(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("OpenApiSchemas.REQUESTS names a type that is gone: " + name, e);
        }
    }

    // ---- the file's layout: two spaces, "key": value, empty arrays and objects as [] and {} ----------------------

    private static void write(JsonNode node, int depth, StringBuilder out) {
        if (node.isObject() && !node.isEmpty()) {
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                indent(depth + 1, out).append(TextNode.valueOf(field.getKey())).append(": ");
                write(field.getValue(), depth + 1, out);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            indent(depth, out).append('}');
        } else if (node.isArray() && !node.isEmpty()) {
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(depth + 1, out);
                write(node.get(i), depth + 1, out);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            indent(depth, out).append(']');
        } else {
            out.append(node.isObject() ? "{}" : node.isArray() ? "[]" : node.toString());
        }
    }

    private static StringBuilder indent(int depth, StringBuilder out) {
        return out.append("  ".repeat(depth));
    }
}

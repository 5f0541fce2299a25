package dev.shoplink.host.catalog;

import static dev.shoplink.host.http.Params.pathId;

import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.JsonBody;
import dev.shoplink.host.http.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/products} and {@code /api/v1/catalog/*}. */
public final class CatalogRoutes implements ApiRoutes {
    private final CatalogService service;

    @Inject
    public CatalogRoutes(CatalogService service) {
        this.service = service;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/products", ctx -> ctx.json(service.search(ctx.queryParam("q"), PageRequest.from(ctx).toPage())));
        routes.post("/api/v1/products", ctx -> ctx.status(201).json(service.create(newProduct(JsonBody.parse(ctx)))));
        routes.get("/api/v1/products/{id}", ctx -> ctx.json(service.get(id(ctx))));
        routes.patch("/api/v1/products/{id}", ctx -> ctx.json(service.patch(id(ctx), productChange(JsonBody.parse(ctx)))));
        routes.delete("/api/v1/products/{id}", ctx -> ctx.json(Map.of("deleted", true, "listingsUnlinked", service.delete(id(ctx)))));
        routes.post("/api/v1/products/{id}/variants", ctx -> ctx.status(201).json(service.addVariant(id(ctx), newVariant(JsonBody.parse(ctx)))));
        routes.patch("/api/v1/products/{id}/variants/{variantId}", ctx -> ctx.json(service.changeVariant(id(ctx),
                variantId(ctx), variantChange(JsonBody.parse(ctx)))));
        routes.delete("/api/v1/products/{id}/variants/{variantId}", ctx -> ctx.json(Map.of("deleted", true,
                "listingsUnlinked", service.deleteVariant(id(ctx), variantId(ctx)))));
        routes.get("/api/v1/catalog/units", ctx -> ctx.json(all(service.units())));
        routes.get("/api/v1/catalog/grind-styles", ctx -> ctx.json(all(service.grindStyles())));
    }

    /** The request as a command; shape errors (required, type, length) are a 422 here, the catalog's own rules in the service. */
    static NewProduct newProduct(JsonBody body) {
        Optional<String> name = body.string("name", true, 500);
        Optional<String> type = body.string("type", false, 100);
        Optional<String> profileGroup = body.string("profileGroup", false, 200);
        Optional<String> notes = body.string("notes", false, 4000);
        List<NewVariant> variants = body.array("variants", false, CatalogRoutes::variantFields);
        body.throwIfInvalid();
        return new NewProduct(name.get(), type, profileGroup, notes, variants);
    }

    /** A field sent as null or "" clears it; a field left out stays as it is. */
    static ProductChange productChange(JsonBody body) {
        Optional<String> name = body.nonBlank("name", 500);
        Optional<String> type = body.string("type", false, 100);
        Optional<String> profileGroup = body.string("profileGroup", false, 200);
        Optional<String> notes = body.string("notes", false, 4000);
        body.throwIfInvalid();
        return new ProductChange(name, sent(body, "type", type), sent(body, "profileGroup", profileGroup),
                sent(body, "notes", notes));
    }

    private static Optional<Optional<String>> sent(JsonBody body, String field, Optional<String> value) {
        return body.node().has(field) ? Optional.of(value) : Optional.empty();
    }

    static NewVariant newVariant(JsonBody body) {
        Optional<NewVariant> variant = variantFields(body);
        body.throwIfInvalid();
        return variant.orElseThrow();
    }

    private static Optional<NewVariant> variantFields(JsonBody v) {
        Optional<String> sku = v.string("sku", true, 255);
        Optional<String> unit = v.string("unit", true, 50);
        Optional<String> grind = v.string("grindStyle", true, 50);
        return sku.isPresent() && unit.isPresent() && grind.isPresent()
                ? Optional.of(new NewVariant(sku.get(), unit.get(), grind.get())) : Optional.empty();
    }

    static VariantChange variantChange(JsonBody body) {
        Optional<String> unit = body.nonBlank("unit", 50);
        Optional<String> grind = body.nonBlank("grindStyle", 50);
        if (body.has("sku")) {
            body.reject("sku", "a variant's SKU cannot change: add a variant with the new SKU and delete this one");
        }
        body.throwIfInvalid();
        return new VariantChange(unit, grind);
    }

    private static Map<String, Object> all(List<String> items) {
        return Map.of("items", items, "page", 1, "size", items.size(), "total", items.size());
    }

    private static long id(Context ctx) {
        return pathId(ctx, "id", "product");
    }

    private static long variantId(Context ctx) {
        return pathId(ctx, "variantId", "variant");
    }
}

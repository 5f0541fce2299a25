package dev.shoplink.host.listings;

import static dev.shoplink.host.http.Params.flag;
import static dev.shoplink.host.http.Params.pathId;

import dev.shoplink.host.http.ApiException;
import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.JsonBody;
import dev.shoplink.host.http.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Listings of an integration and the mapping wizard. */
public final class ListingRoutes implements ApiRoutes {
    private final ListingService service;

    @Inject
    public ListingRoutes(ListingService service) {
        this.service = service;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/integrations/{id}/listings", ctx -> ctx.json(service.list(integration(ctx), state(ctx),
                ctx.queryParam("q"), flag(ctx, "includeHidden", false), PageRequest.from(ctx).toPage())));
        routes.get("/api/v1/integrations/{id}/listings/suggestions", ctx -> ctx.json(service.suggestions(integration(ctx),
                state(ctx), ctx.queryParam("q"), PageRequest.from(ctx).toPage())));
        routes.post("/api/v1/integrations/{id}/mappings", ctx -> ctx.json(Map.of("items",
                service.map(integration(ctx), mappingRequest(JsonBody.parse(ctx))))));
        routes.post("/api/v1/integrations/{id}/listings/{listingId}/ignore",
                ctx -> ctx.json(service.ignore(integration(ctx), listing(ctx))));
        routes.post("/api/v1/integrations/{id}/listings/{listingId}/include",
                ctx -> ctx.json(service.include(integration(ctx), listing(ctx))));
        routes.delete("/api/v1/integrations/{id}/listings/{listingId}/mapping",
                ctx -> ctx.json(service.unlink(integration(ctx), listing(ctx))));
    }

    /**
     * The wizard's request as a command. Shape errors of every row (missing, wrong type, too long) are one 422 here;
     * what needs the catalog or the listings (unknown units, unknown or unmappable listings) the service reports.
     */
    MappingRequest mappingRequest(JsonBody body) {
        List<MappingRequest.Row> rows = body.array("mappings", true, this::row);
        boolean acknowledged = body.bool("acknowledgeWarnings").orElse(false);
        body.throwIfInvalid();
        return new MappingRequest(rows, acknowledged);
    }

    private Optional<MappingRequest.Row> row(JsonBody row) {
        Optional<Long> listingId = row.id("listingId", true);
        boolean hasProduct = row.has("product");
        if (!hasProduct) {
            row.reject("product", "is required: choose a catalog product or type a new product's name");
        }
        Optional<JsonBody> product = hasProduct ? row.object("product", true) : Optional.empty();
        // the error list is shared by all rows: only this product's own errors may silence the hint below
        int errorsBefore = row.errors().size();
        Optional<Long> productId = product.flatMap(p -> p.id("id", false));
        Optional<String> productName = product.flatMap(p -> p.string("name", false, 500));
        if (product.isPresent() && productId.isEmpty() && productName.isEmpty() && row.errors().size() == errorsBefore) {
            product.get().reject("name", "name an existing product by id, or a product by name");
        }
        Optional<String> unit = required(row, "unit", "choose a unit (" + String.join(", ", service.units()) + ")");
        Optional<String> grind = required(row, "grindStyle", "choose a grind style ("
                + String.join(", ", service.grindStyles()) + ")");
        if (listingId.isEmpty() || unit.isEmpty() || grind.isEmpty() || (productId.isEmpty() && productName.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new MappingRequest.Row(listingId.get(), productId, productName, unit.get(), grind.get()));
    }

    /** A required text field whose absence says what to do: "is required: choose a unit (250 g, …)". */
    private static Optional<String> required(JsonBody row, String field, String whatToDo) {
        var value = row.node().get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            row.reject(field, "is required: " + whatToDo);
            return Optional.empty();
        }
        return row.string(field, true, 50);
    }

    private static long integration(Context ctx) {
        return pathId(ctx, "id", "integration");
    }

    private static long listing(Context ctx) {
        return pathId(ctx, "listingId", "listing");
    }

    private static Optional<ListingState> state(Context ctx) {
        String raw = ctx.queryParam("state");
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ListingState.valueOf(raw.strip().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("state", "must be one of NEW, MAPPED, IGNORED, UNLINKED");
        }
    }
}

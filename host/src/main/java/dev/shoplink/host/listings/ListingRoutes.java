package dev.shoplink.host.listings;

import static dev.shoplink.host.http.Params.flag;
import static dev.shoplink.host.http.Params.pathId;

import dev.shoplink.host.http.ApiException;
import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.PageRequest;
import dev.shoplink.host.http.RequestBinder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.List;
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
                ctx.queryParam("q"), flag(ctx, "includeHidden", false), PageRequest.from(ctx).toPaging())));
        routes.get("/api/v1/integrations/{id}/listings/suggestions", ctx -> ctx.json(service.suggestions(integration(ctx),
                state(ctx), ctx.queryParam("q"), PageRequest.from(ctx).toPaging())));
        routes.post("/api/v1/integrations/{id}/mappings", ctx -> ctx.json(new Changed(
                service.map(integration(ctx), mappingRequest(ctx)))));
        routes.post("/api/v1/integrations/{id}/listings/{listingId}/ignore",
                ctx -> ctx.json(service.ignore(integration(ctx), listing(ctx))));
        routes.post("/api/v1/integrations/{id}/listings/{listingId}/include",
                ctx -> ctx.json(service.include(integration(ctx), listing(ctx))));
        routes.delete("/api/v1/integrations/{id}/listings/{listingId}/mapping",
                ctx -> ctx.json(service.unlink(integration(ctx), listing(ctx))));
    }

    /** The listings a request changed. */
    public record Changed(List<ListingView> items) {
    }

    /**
     * The wizard's request as a command. Shape errors of every row (missing, wrong type, too long) are one 422 here;
     * what needs the catalog or the listings (unknown units, unknown or unmappable listings) the service reports.
     */
    MappingRequest mappingRequest(Context ctx) {
        RequestBinder.Binding<MappingBody> body = RequestBinder.read(ctx, MappingBody.class);
        List<MappingBody.Row> rows = body.value() == null || body.value().mappings() == null ? List.of()
                : body.value().mappings();
        for (int i = 0; i < rows.size(); i++) {
            MappingBody.Row row = rows.get(i);
            if (row == null) {
                continue;
            }
            String at = "mappings[" + i + "]";
            MappingBody.Product product = row.product();
            if (product != null && product.id() == null && product.named().isEmpty() && !body.hasError(at + ".product")) {
                body.reject(at + ".product.name", "name an existing product by id, or a product by name");
            }
            required(body, at + ".unit", row.unit(), "choose a unit (" + String.join(", ", service.units()) + ")");
            required(body, at + ".grindStyle", row.grindStyle(), "choose a grind style ("
                    + String.join(", ", service.grindStyles()) + ")");
        }
        return body.orThrow().command();
    }

    /** A required text field whose absence says what to do: "is required: choose a unit (250 g, …)". */
    private static void required(RequestBinder.Binding<?> body, String field, String value, String whatToDo) {
        if ((value == null || value.isEmpty()) && !body.hasError(field)) {
            body.reject(field, "is required: " + whatToDo);
        }
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

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
                ctx.queryParam("q"), flag(ctx, "includeHidden", false), PageRequest.from(ctx))));
        routes.get("/api/v1/integrations/{id}/listings/suggestions", ctx -> ctx.json(service.suggestions(integration(ctx),
                state(ctx), ctx.queryParam("q"), PageRequest.from(ctx))));
        routes.post("/api/v1/integrations/{id}/mappings", ctx -> ctx.json(Map.of("items",
                service.map(integration(ctx), JsonBody.parse(ctx)))));
        routes.post("/api/v1/integrations/{id}/listings/{listingId}/ignore",
                ctx -> ctx.json(service.ignore(integration(ctx), listing(ctx))));
        routes.post("/api/v1/integrations/{id}/listings/{listingId}/include",
                ctx -> ctx.json(service.include(integration(ctx), listing(ctx))));
        routes.delete("/api/v1/integrations/{id}/listings/{listingId}/mapping",
                ctx -> ctx.json(service.unlink(integration(ctx), listing(ctx))));
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

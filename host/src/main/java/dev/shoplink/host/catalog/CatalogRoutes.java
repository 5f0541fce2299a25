package dev.shoplink.host.catalog;

import static dev.shoplink.host.http.Params.pathId;
import static dev.shoplink.host.http.RequestBinder.bind;

import dev.shoplink.host.catalog.CatalogRequests.NewProductBody;
import dev.shoplink.host.catalog.CatalogRequests.NewVariantBody;
import dev.shoplink.host.catalog.CatalogRequests.ProductChangeBody;
import dev.shoplink.host.catalog.CatalogRequests.VariantChangeBody;
import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.PageRequest;
import dev.shoplink.host.http.PageResult;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.List;

/** {@code /api/v1/products} and {@code /api/v1/catalog/*}. */
public final class CatalogRoutes implements ApiRoutes {
    private final CatalogService service;

    @Inject
    public CatalogRoutes(CatalogService service) {
        this.service = service;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/products", ctx -> ctx.json(service.search(ctx.queryParam("q"), PageRequest.from(ctx).toPaging())));
        routes.post("/api/v1/products", ctx -> ctx.status(201).json(service.create(bind(ctx, NewProductBody.class).command())));
        routes.get("/api/v1/products/{id}", ctx -> ctx.json(service.get(id(ctx))));
        routes.patch("/api/v1/products/{id}", ctx -> ctx.json(service.patch(id(ctx), bind(ctx, ProductChangeBody.class).command())));
        routes.delete("/api/v1/products/{id}", ctx -> ctx.json(new Deleted(service.delete(id(ctx)))));
        routes.post("/api/v1/products/{id}/variants", ctx -> ctx.status(201).json(service.addVariant(id(ctx), bind(ctx, NewVariantBody.class).command())));
        routes.patch("/api/v1/products/{id}/variants/{variantId}", ctx -> ctx.json(service.changeVariant(id(ctx),
                variantId(ctx), bind(ctx, VariantChangeBody.class).command())));
        routes.delete("/api/v1/products/{id}/variants/{variantId}", ctx -> ctx.json(new Deleted(
                service.deleteVariant(id(ctx), variantId(ctx)))));
        routes.get("/api/v1/catalog/units", ctx -> ctx.json(all(service.units())));
        routes.get("/api/v1/catalog/grind-styles", ctx -> ctx.json(all(service.grindStyles())));
    }

    /** A product or variant deleted, and how many listings mapped to it became UNLINKED. */
    public record Deleted(boolean deleted, int listingsUnlinked) {
        Deleted(int listingsUnlinked) {
            this(true, listingsUnlinked);
        }
    }

    /** A short list answered whole, as one page. */
    private static PageResult<String> all(List<String> items) {
        return new PageResult<>(items, 1, items.size(), items.size());
    }

    private static long id(Context ctx) {
        return pathId(ctx, "id", "product");
    }

    private static long variantId(Context ctx) {
        return pathId(ctx, "variantId", "variant");
    }
}

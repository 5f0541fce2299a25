package dev.shoplink.host.integrations;

import static dev.shoplink.host.http.Params.flag;
import static dev.shoplink.host.http.Params.pathId;

import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.JsonBody;
import dev.shoplink.host.http.PageRequest;
import dev.shoplink.host.http.PageResult;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

/** {@code /api/v1/integrations}: the setup form, overview, edit, disconnect. */
public final class IntegrationRoutes implements ApiRoutes {
    private final IntegrationService service;

    @Inject
    public IntegrationRoutes(IntegrationService service) {
        this.service = service;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/integrations", ctx -> ctx.status(201).json(service.create(JsonBody.parse(ctx))));
        routes.get("/api/v1/integrations", ctx -> {
            PageRequest page = PageRequest.from(ctx);
            ctx.json(PageResult.slice(service.list(flag(ctx, "includeDisconnected", false)), page));
        });
        routes.get("/api/v1/integrations/{id}", ctx -> ctx.json(service.get(id(ctx))));
        routes.patch("/api/v1/integrations/{id}", ctx -> ctx.json(service.patch(id(ctx), JsonBody.parse(ctx))));
        routes.delete("/api/v1/integrations/{id}", ctx -> ctx.json(
                service.disconnect(id(ctx), flag(ctx, "archiveOpenOrders", true), flag(ctx, "purge", false))));
    }

    /** A path id; anything but a positive number is an unknown id (404). */
    public static long id(Context ctx) {
        return pathId(ctx, "id", "integration");
    }
}

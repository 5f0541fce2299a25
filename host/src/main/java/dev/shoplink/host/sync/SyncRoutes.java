package dev.shoplink.host.sync;

import static dev.shoplink.host.http.Params.pathId;

import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.PageRequest;
import dev.shoplink.host.http.RequestBinder;
import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;

/** Starting syncs and watching them. */
public final class SyncRoutes implements ApiRoutes {
    private final SyncService service;

    @Inject
    public SyncRoutes(SyncService service) {
        this.service = service;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/integrations/{id}/sync", ctx -> {
            long id = pathId(ctx, "id", "integration");
            SyncScope scope = SyncScope.ALL;
            if (!ctx.body().isBlank()) {
                SyncScope sent = RequestBinder.bind(ctx, SyncBody.class).scope();
                scope = sent == null ? SyncScope.ALL : sent;
            }
            SyncView run = service.request(id, scope);
            ctx.status(202).header("Location", "/api/v1/syncs/" + run.syncId()).json(run);
        });
        routes.get("/api/v1/syncs/{syncId}", ctx -> ctx.json(service.get(pathId(ctx, "syncId", "sync"))));
        routes.get("/api/v1/integrations/{id}/syncs",
                ctx -> ctx.json(service.history(pathId(ctx, "id", "integration"), PageRequest.from(ctx).toPaging())));
    }

    /** {@code POST /integrations/{id}/sync}'s optional body: which part to sync (all when left out). */
    record SyncBody(SyncScope scope) {
    }
}

package dev.shoplink.host.switching;

import static dev.shoplink.host.http.Params.flag;

import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.integrations.IntegrationRoutes;
import dev.shoplink.host.integrations.NewIntegration;
import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;

/** {@code POST /api/v1/integrations/{id}/switch}: another shop in place of this integration's (or, dry run, what that does). */
public final class SwitchRoutes implements ApiRoutes {
    private final SwitchService service;

    @Inject
    public SwitchRoutes(SwitchService service) {
        this.service = service;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/integrations/{id}/switch", ctx -> {
            boolean dryRun = flag(ctx, "dryRun", false);
            long id = IntegrationRoutes.id(ctx);
            NewIntegration newShop = IntegrationRoutes.newIntegration(ctx);
            ctx.status(dryRun ? 200 : 201).json(service.switchShop(id, newShop, dryRun));
        });
    }
}

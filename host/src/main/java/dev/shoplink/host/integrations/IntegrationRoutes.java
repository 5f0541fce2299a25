package dev.shoplink.host.integrations;

import static dev.shoplink.host.http.Params.flag;
import static dev.shoplink.host.http.Params.pathId;

import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.PageRequest;
import dev.shoplink.host.http.PageResult;
import dev.shoplink.host.http.RequestBinder;
import dev.shoplink.host.integrations.IntegrationRequests.IntegrationBody;
import dev.shoplink.host.integrations.IntegrationRequests.IntegrationChangeBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/** {@code /api/v1/integrations}: the setup form, overview, edit, disconnect. */
public final class IntegrationRoutes implements ApiRoutes {
    private final IntegrationService service;

    @Inject
    public IntegrationRoutes(IntegrationService service) {
        this.service = service;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/integrations", ctx -> ctx.status(201).json(service.create(newIntegration(ctx))));
        routes.get("/api/v1/integrations", ctx -> {
            PageRequest page = PageRequest.from(ctx);
            ctx.json(PageResult.slice(service.list(flag(ctx, "includeDisconnected", false)), page));
        });
        routes.get("/api/v1/integrations/{id}", ctx -> ctx.json(service.get(id(ctx))));
        routes.patch("/api/v1/integrations/{id}", ctx -> {
            long id = id(ctx);
            ctx.json(service.patch(id, integrationChange(ctx)));
        });
        routes.delete("/api/v1/integrations/{id}", ctx -> ctx.json(
                service.disconnect(id(ctx), flag(ctx, "archiveOpenOrders", true), flag(ctx, "purge", false))));
    }

    /** A path id; anything but a positive number is an unknown id (404). */
    public static long id(Context ctx) {
        return pathId(ctx, "id", "integration");
    }

    /**
     * The setup form as a command (also a switch's new shop). Shape errors (required, type, length, date, URL) are
     * not answered here but carried in the command: the service adds its own and answers all of them in one 422.
     */
    public static NewIntegration newIntegration(Context ctx) {
        RequestBinder.Binding<IntegrationBody> body = RequestBinder.read(ctx, IntegrationBody.class);
        IntegrationBody form = Objects.requireNonNullElse(body.value(), IntegrationBody.NOTHING);
        Optional<String> shopUrl = httpUrl(body, form.shopUrl());
        return new NewIntegration(Optional.ofNullable(form.connector()), Optional.ofNullable(form.name()),
                Optional.ofNullable(form.customerType()), shopUrl, Optional.ofNullable(form.credentials()),
                Optional.ofNullable(form.syncStartDate()), body.errors());
    }

    /** A change as a command: a field left out stays as it is, one sent blank is refused (carried, like the form's). */
    static IntegrationChange integrationChange(Context ctx) {
        RequestBinder.Binding<IntegrationChangeBody> body = RequestBinder.read(ctx, IntegrationChangeBody.class);
        IntegrationChangeBody change = Objects.requireNonNullElse(body.value(), IntegrationChangeBody.NOTHING);
        Optional<String> shopUrl = httpUrl(body, change.shopUrl());
        return new IntegrationChange(Optional.ofNullable(change.name()), Optional.ofNullable(change.customerType()),
                shopUrl, Optional.ofNullable(change.syncStartDate()), Optional.ofNullable(change.credentials()),
                body.errors());
    }

    /** The URL when it is an absolute http(s) one; else empty, and the binding names what is wrong with it. */
    private static Optional<String> httpUrl(RequestBinder.Binding<?> body, String raw) {
        if (raw == null || body.hasError("shopUrl")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                body.reject("shopUrl", "must be an absolute http(s) URL such as https://shop.example.com");
                return Optional.empty();
            }
            return Optional.of(raw);
        } catch (URISyntaxException e) {
            body.reject("shopUrl", "is not a valid URL: " + e.getReason());
            return Optional.empty();
        }
    }
}

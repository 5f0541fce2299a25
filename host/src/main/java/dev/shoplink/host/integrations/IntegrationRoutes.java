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
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
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
        routes.post("/api/v1/integrations", ctx -> ctx.status(201).json(service.create(newIntegration(JsonBody.parse(ctx)))));
        routes.get("/api/v1/integrations", ctx -> {
            PageRequest page = PageRequest.from(ctx);
            ctx.json(PageResult.slice(service.list(flag(ctx, "includeDisconnected", false)), page));
        });
        routes.get("/api/v1/integrations/{id}", ctx -> ctx.json(service.get(id(ctx))));
        routes.patch("/api/v1/integrations/{id}", ctx -> {
            long id = id(ctx);
            ctx.json(service.patch(id, integrationChange(JsonBody.parse(ctx))));
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
    public static NewIntegration newIntegration(JsonBody body) {
        Optional<String> connector = body.string("connector", true, 64);
        Optional<String> name = body.string("name", true, 200);
        Optional<CustomerType> type = body.enumValue("customerType", true, CustomerType.class);
        Optional<String> shopUrl = body.string("shopUrl", true, 2000).flatMap(u -> httpUrl(body, u));
        Optional<JsonBody> credentials = body.object("credentials", true);
        Optional<LocalDate> start = body.date("syncStartDate", true);
        return new NewIntegration(connector, name, type, shopUrl, credentials.map(JsonBody::node), start, body.errors());
    }

    /** A change as a command: a field left out stays as it is, one sent blank is refused (carried, like the form's). */
    static IntegrationChange integrationChange(JsonBody body) {
        Optional<String> name = body.nonBlank("name", 200);
        Optional<CustomerType> type = body.enumValue("customerType", false, CustomerType.class);
        Optional<String> shopUrl = body.nonBlank("shopUrl", 2000).flatMap(u -> httpUrl(body, u));
        Optional<LocalDate> start = body.date("syncStartDate", false);
        Optional<JsonBody> credentials = body.object("credentials", false);
        return new IntegrationChange(name, type, shopUrl, start, credentials.map(JsonBody::node), body.errors());
    }

    private static Optional<String> httpUrl(JsonBody body, String raw) {
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

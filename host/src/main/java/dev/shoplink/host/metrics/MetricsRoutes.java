package dev.shoplink.host.metrics;

import dev.shoplink.host.config.AdminToken;
import dev.shoplink.host.http.ApiException;
import dev.shoplink.host.http.ApiRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} in the Prometheus text format, behind the admin bearer token, and the
 * timing of every HTTP request by method, route template and status.
 */
public final class MetricsRoutes implements ApiRoutes {
    public static final String PATH = "/metrics";
    public static final String HTTP_REQUESTS = "shoplink.http.server.requests";
    /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String STARTED = MetricsRoutes.class.getName() + ".started";

    private final PrometheusMeterRegistry registry;
    private final byte[] expected;

    @Inject
    public MetricsRoutes(PrometheusMeterRegistry registry, AdminToken token) {
        this.registry = registry;
        this.expected = ("Bearer " + token.value()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void register(RoutesConfig routes) {
        // registered after the host's own before-handlers: a request they refuse (a missing admin token,
        // a body over the limit) never reaches this one and is not timed
        routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        routes.after(this::timed);
        routes.get(PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        String given = ctx.header("Authorization");
        if (given == null || !MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"shoplink\"");
            throw new ApiException(401, "unauthorized", "Unauthorized",
                    given == null ? "send the admin token as 'Authorization: Bearer <token>'" : "the admin token is wrong");
        }
        ctx.contentType(TEXT_FORMAT).result(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private void timed(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        Timer.builder(HTTP_REQUESTS).description("HTTP requests served, by route template (never the raw path)")
                .tag("method", ctx.method().name()).tag("route", route(ctx)).tag("status", Integer.toString(ctx.statusCode()))
                .register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** The matched route's template ({@code /api/v1/integrations/{id}}); static files and unmatched paths by kind only. */
    private static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;
        }
        return ctx.statusCode() >= 400 ? "UNMATCHED" : "STATIC";
    }
}

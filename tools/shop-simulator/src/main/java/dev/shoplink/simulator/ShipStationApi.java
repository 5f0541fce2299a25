package dev.shoplink.simulator;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ShipStation V1 subset the connector uses, plus the gate every API request passes first:
 * rate limit → Basic auth → plan check (402) → fault injection. The order matters: a request over
 * budget is refused before anything else, as ShipStation does, and faults only hit requests a real
 * server would have worked on.
 */
final class ShipStationApi {

    private static final Logger LOG = LoggerFactory.getLogger(ShipStationApi.class);
    static final String JSON = "application/json; charset=utf-8";
    private static final String FAULT = "shoplink.simulator.fault";
    private static final String DROPPED = "shoplink.simulator.dropped";

    private final Settings settings;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final Counters counters;
    private final ProductCatalog catalog;
    private final OrderBook orders;
    private final ShipStationAccounts accounts;
    private final byte[] stores;
    private final byte[] tags;
    private final ShopifyApi shopify;

    ShipStationApi(Settings settings, RateLimiter rateLimiter, FaultInjector faults, Counters counters,
            ProductCatalog catalog, OrderBook orders, Store store, String apiKey, String apiSecret,
            Map<String, String> moreAccounts, ShopifyApi shopify) {
        this.shopify = shopify;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.counters = counters;
        this.catalog = catalog;
        this.orders = orders;
        this.accounts = new ShipStationAccounts(apiKey, apiSecret, moreAccounts);
        this.stores = ShipStationJson.stores(store);
        this.tags = ShipStationJson.tags();
    }

    void register(JavalinConfig config) {
        // The request logger runs once per finished request, also when the gate answered early
        // (an after-handler is skipped then), so it is where statuses are counted.
        config.requestLogger.http((ctx, millis) -> countStatus(ctx));
        RoutesConfig routes = config.routes;
        routes.before(this::gate);
        routes.get("/products", ctx -> send(ctx, 200, catalog.query(
                ProductCatalog.Query.parse(params(ctx), settings.pageSizeCap())).envelope("products")));
        routes.get("/products/{productId}", ctx -> single(ctx, catalog.find(id(ctx, "productId")), "Product"));
        routes.get("/orders", ctx -> send(ctx, 200, orders.query(
                OrderBook.Query.parse(params(ctx), settings.pageSizeCap())).envelope("orders")));
        routes.get("/orders/{orderId}", ctx -> single(ctx, orders.find(id(ctx, "orderId")), "Order"));
        routes.get("/stores", ctx -> send(ctx, 200, stores));
        routes.get("/accounts/listtags", ctx -> send(ctx, 200, tags));
        routes.post(ShopifyApi.ROUTE, ctx -> {
            ShopifyApi.Reply reply = shopify.answer(ctx.pathParam("version"), ctx.contentType(), ctx.bodyAsBytes(),
                    ctx.scheme() + "://" + ctx.host());
            ctx.header("X-Shopify-API-Version", ctx.pathParam("version"));
            send(ctx, reply.status(), reply.body());
        });
        // Shopify's bulk results: a signed storage link, no credentials
        routes.get(ShopifyBulk.DOWNLOAD_PREFIX + "{file}", ctx -> {
            ShopifyBulk.Download d = shopify.bulk().download(ctx.path(), ctx.queryParam("expires"), ctx.queryParam("signature"),
                    ctx.header("Range"));
            d.headers().forEach(ctx::header);
            ctx.status(d.status()).result(d.body());
        });
        routes.exception(BadRequestException.class, (e, ctx) -> send(ctx, 400, ShipStationJson.message(e.getMessage())));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure serving {}", ctx.path(), e);
            ctx.status(500).contentType(JSON).result(ShipStationJson.message("An error has occurred."));
        });
    }

    private static QueryParams params(Context ctx) {
        return new QueryParams(ctx.queryParamMap());
    }

    private static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void single(Context ctx, byte[] json, String what) {
        if (json == null) {
            send(ctx, 404, ShipStationJson.message(what + " not found"));
        } else {
            send(ctx, 200, json);
        }
    }

    static boolean isAdmin(Context ctx) {
        return ctx.path().startsWith("/_sim");
    }

    /** Route template a path belongs to, so per-path counts stay small however many ids are asked for. */
    static String routeKey(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/products") || p.equals("/orders") || p.equals("/stores") || p.equals("/accounts/listtags")) {
            return p;
        }
        if (ShopifyApi.isShopifyPath(p) && p.endsWith("/graphql.json") && p.indexOf('/', 11) == p.lastIndexOf('/')) {
            return ShopifyApi.ROUTE;
        }
        if (p.startsWith("/products/") && p.indexOf('/', 10) < 0) {
            return "/products/{productId}";
        }
        if (p.startsWith("/orders/") && p.indexOf('/', 8) < 0) {
            return "/orders/{orderId}";
        }
        return "other";
    }

    private void gate(Context ctx) {
        if (isAdmin(ctx) || ShopifyBulk.isDownloadPath(ctx.path())) {
            return;
        }
        String route = routeKey(ctx.path());
        counters.request(route);
        pause(settings.latency());

        boolean shopifyRoute = route.equals(ShopifyApi.ROUTE);
        if (shopifyRoute || ShopifyApi.isShopifyPath(ctx.path())) {
            shopifyGate(ctx, shopifyRoute);
            return;
        }
        shipStationGate(ctx, route);
    }

    /** Shopify's gate: the app's access token, then the shop's state; its cost limit is in ShopifyApi. */
    private void shopifyGate(Context ctx, boolean shopifyRoute) {
        if (!shopify.authorized(ctx.header("X-Shopify-Access-Token"))) {
            ctx.header("WWW-Authenticate", "Basic Realm=\"Shopify API Authentication\"");
            refuse(ctx, 401, JSON, ShopifyApi.UNAUTHORIZED);
            return;
        }
        if (!settings.apiAccess()) {
            refuse(ctx, 402, JSON, ShopifyApi.UNAVAILABLE_SHOP);
            return;
        }
        if (shopifyRoute) {
            injectFault(ctx, true);
        }
    }

    /** ShipStation's gate: rate limit, Basic auth, plan, then a fault for a known route. */
    private void shipStationGate(Context ctx, String route) {
        String[] credentials = ShipStationAccounts.basicCredentials(ctx.header("Authorization"));
        int limit = settings.rateLimit();
        if (limit > 0) {
            RateLimiter.Decision decision = rateLimiter.acquire(
                    credentials == null ? "" : credentials[0], limit, settings.rateWindow().toMillis());
            ctx.header("X-Rate-Limit-Limit", Integer.toString(decision.limit()));
            ctx.header("X-Rate-Limit-Remaining", Integer.toString(decision.remaining()));
            ctx.header("X-Rate-Limit-Reset", Long.toString(decision.resetSeconds()));
            if (!decision.allowed()) {
                counters.tooManyRequestsServed();
                refuse(ctx, 429, JSON, ShipStationJson.message("Too Many Requests"));
                return;
            }
        }
        if (credentials == null || !accounts.authentic(credentials[0], credentials[1])) {
            // ShipStation documents no body for 401; plain text keeps clients from relying on one.
            refuse(ctx, 401, "text/plain; charset=utf-8", "401 Unauthorized".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!settings.apiAccess()) {
            refuse(ctx, 402, JSON, ShipStationJson.message(
                    "Payment Required: this account's plan does not include API access"));
            return;
        }
        if (route.equals("other")) {
            return;
        }
        injectFault(ctx, false);
    }

    private void injectFault(Context ctx, boolean shopifyRoute) {
        FaultKind fault = faults.draw(settings.failRate(), settings.faultKinds());
        if (fault == null) {
            return;
        }
        counters.fault(fault);
        switch (fault) {
            case SERVER_ERROR -> refuse(ctx, shopifyRoute ? 503 : 500, JSON, shopifyRoute
                    ? "{\"errors\":\"Service Unavailable\"}".getBytes(StandardCharsets.UTF_8)
                    : ShipStationJson.message("An error has occurred."));
            case CONNECTION_RESET -> {
                drop(ctx, true);
                ctx.skipRemainingHandlers();
            }
            case SLOW_RESPONSE -> pause(settings.slowResponseDelay());
            case TRUNCATED_BODY, MALFORMED_JSON -> ctx.attribute(FAULT, fault);
        }
    }

    private static void refuse(Context ctx, int status, String contentType, byte[] body) {
        ctx.status(status).contentType(contentType).result(body);
        ctx.skipRemainingHandlers();
    }

    private void countStatus(Context ctx) {
        if (!isAdmin(ctx) && ctx.attribute(DROPPED) == null) {
            counters.status(ctx.statusCode());
        }
    }

    /** Writes a JSON response, applying a body fault chosen by the gate. */
    private void send(Context ctx, int status, byte[] body) {
        FaultKind fault = ctx.attribute(FAULT);
        if (fault == FaultKind.MALFORMED_JSON) {
            ctx.status(status).contentType(JSON).result(Arrays.copyOf(body, Math.max(1, body.length / 2)));
            return;
        }
        if (fault == FaultKind.TRUNCATED_BODY) {
            try {
                ctx.res().setStatus(status);
                ctx.res().setContentType(JSON);
                ctx.res().setContentLength(body.length);
                OutputStream out = ctx.res().getOutputStream();
                out.write(body, 0, body.length / 2);
                out.flush();
            } catch (IOException e) {
                LOG.debug("Client went away while a truncated body was being sent", e);
            }
            drop(ctx, false);
            return;
        }
        ctx.status(status).contentType(JSON).result(body);
    }

    /**
     * Closes the TCP connection under the request. With {@code reset} the socket lingers 0 s, so the
     * client gets an RST ("connection reset") rather than an orderly end of stream.
     */
    private static void drop(Context ctx, boolean reset) {
        ctx.attribute(DROPPED, Boolean.TRUE);
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req())
                .getConnectionMetaData().getConnection().getEndPoint();
        if (reset && endPoint.getTransport() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("Could not arm an abortive close; closing normally", e);
            }
        }
        endPoint.close();
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

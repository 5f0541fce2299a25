package dev.shoplink.host.orders;

import static dev.shoplink.host.http.Params.flag;
import static dev.shoplink.host.http.Params.pathId;

import dev.shoplink.host.http.ApiException;
import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.PageRequest;
import dev.shoplink.host.http.RequestBinder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/orders}. */
public final class OrderRoutes implements ApiRoutes {
    private final OrderService service;

    @Inject
    public OrderRoutes(OrderService service) {
        this.service = service;
    }

    @Override
    public void register(RoutesConfig routes) {
        // jsonStream: the API's mapper writes UTF-8 bytes at once (ApiJson); json() would build a String of the
        // ~70 KB page first and encode it again
        routes.get("/api/v1/orders", ctx -> ctx.jsonStream(service.page(integrationId(ctx), status(ctx), date(ctx, "from"),
                date(ctx, "to"), Optional.ofNullable(ctx.queryParam("q")), flag(ctx, "open", false), PageRequest.from(ctx).toPaging(),
                after(ctx), linkBase(ctx))));
        routes.get("/api/v1/orders/{id}", ctx -> ctx.jsonStream(service.get(pathId(ctx, "id", "order"))));
        routes.patch("/api/v1/orders/{id}", ctx -> ctx.json(service.patch(pathId(ctx, "id", "order"),
                RequestBinder.bind(ctx, OrderRequests.StatusBody.class).command())));
        routes.post("/api/v1/orders/archive", ctx -> ctx.json(new Archived(service.archive(archiveOrders(ctx)))));
    }

    /** How many orders an archive request moved to ARCHIVED. */
    public record Archived(int archived) {
    }

    /** {@code {"ids": [..]}} or {@code {"integrationId": 2, "orderedBefore": "2026-11-01"}}. */
    static ArchiveOrders archiveOrders(Context ctx) {
        RequestBinder.Binding<OrderRequests.ArchiveBody> body = RequestBinder.read(ctx, OrderRequests.ArchiveBody.class);
        OrderRequests.ArchiveBody archive = body.value();
        if (archive == null || archive.ids() != null || body.hasError("ids")) {
            return new ArchiveOrders.ByIds(body.orThrow().ids());
        }
        if (archive != null && archive.integrationId() == null && !body.hasError("integrationId")) {
            body.reject("integrationId", "is required");
        }
        if (archive != null && archive.orderedBefore() == null && !body.hasError("orderedBefore")) {
            body.reject("orderedBefore", "is required");
        }
        archive = body.orThrow();
        return new ArchiveOrders.OrderedBefore(archive.integrationId(), archive.orderedBefore());
    }

    /** The {@code after} cursor of a {@code next} link; not with {@code page} (the cursor says which page it is). */
    private static Optional<OrderCursor> after(Context ctx) {
        String raw = ctx.queryParam("after");
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        OrderCursor cursor = OrderCursor.decode(raw).orElseThrow(() -> ApiException.validation("after",
                "is not a cursor of this API: use the next link of a page as it is"));
        String page = ctx.queryParam("page");
        if (page != null && !page.isBlank()) {
            throw ApiException.validation("after", "cannot be combined with page: the cursor says which page it starts");
        }
        return Optional.of(cursor);
    }

    /** The request's path and query without {@code page} and {@code after}: the next link adds its cursor to it. */
    static String linkBase(Context ctx) {
        StringBuilder link = new StringBuilder(ctx.path());
        char sep = '?';
        for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
            if (p.getKey().equals("page") || p.getKey().equals("after")) {
                continue;
            }
            for (String v : p.getValue()) {
                link.append(sep).append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        return link.toString();
    }

    private static Optional<Long> integrationId(Context ctx) {
        String raw = ctx.queryParam("integrationId");
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            throw ApiException.validation("integrationId", "must be an integration id");
        }
    }

    private static Optional<OrderStatus> status(Context ctx) {
        String raw = ctx.queryParam("status");
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OrderStatus.valueOf(raw.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("status", "must be one of RECEIVED, IN_PROGRESS, COMPLETED, ARCHIVED");
        }
    }

    private static Optional<TimeBound> date(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(TimeBound.parse(raw).orElseThrow(() -> ApiException.validation(name,
                "must be a date as YYYY-MM-DD or a date-time with an offset such as 2026-11-20T17:02:11Z")));
    }
}

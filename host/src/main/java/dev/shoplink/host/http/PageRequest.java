package dev.shoplink.host.http;

import dev.shoplink.host.domain.Paging;
import io.javalin.http.Context;

/** {@code ?page=1&size=50}, 1-based, size at most 500. */
public record PageRequest(int page, int size) {
    public static final int MAX_SIZE = 500;

    public static PageRequest from(Context ctx) {
        int page = positive(ctx, "page", 1);
        int size = positive(ctx, "size", 50);
        if (size > MAX_SIZE) {
            throw ApiException.validation("size", "must be at most " + MAX_SIZE);
        }
        return new PageRequest(page, size);
    }

    private static int positive(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v < 1) {
                throw ApiException.validation(name, "must be 1 or more");
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.validation(name, "must be a whole number");
        }
    }

    /** The same request for the services that know nothing of HTTP. */
    public Paging toPaging() {
        return new Paging(page, size);
    }

    public long offset() {
        return toPaging().offset();
    }
}

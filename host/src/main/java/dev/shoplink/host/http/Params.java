package dev.shoplink.host.http;

import io.javalin.http.Context;

/** Path and query parameters of the API, read the same way by every feature's routes. */
public final class Params {
    private Params() {
    }

    /** A positive id from the path; anything else is a 404 naming what was looked for. */
    public static long pathId(Context ctx, String param, String what) {
        String raw = ctx.pathParam(param);
        try {
            long v = Long.parseLong(raw);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through: not an id we could have issued
        }
        throw ApiException.notFound("no " + what + " " + raw);
    }

    public static boolean flag(Context ctx, String name, boolean fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.validation(name, "must be true or false");
    }
}

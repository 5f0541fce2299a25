package dev.shoplink.host.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every answer of the host carries, whoever writes it (a handler, the static files,
 * Javalin's error mapping or Jetty itself).
 *
 * <p>The policy allows what the web UI and the Swagger UI page load: scripts, styles, fonts and API
 * calls from this origin only (ES modules, no inline script anywhere), images also as {@code data:}
 * URIs (Swagger UI's icons). Nothing may frame the pages.
 */
public final class SecurityHeaders {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** Puts the headers on a response about to be written for {@code path} (null when the URI was unreadable). */
    static void apply(HttpFields.Mutable headers, String path) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (path == null || path.startsWith("/api") || path.startsWith("/health")) {
            // answers carry customers' addresses and orders: no browser or proxy keeps a copy
            headers.put("Cache-Control", "no-store");
        }
    }
}

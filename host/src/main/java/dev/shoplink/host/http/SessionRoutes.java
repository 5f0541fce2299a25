package dev.shoplink.host.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Who may call {@code /api/v1}: the admin token as a bearer token, or a browser session made from it
 * ({@link Sessions}). {@code POST /api/v1/session} signs in (bearer token required), {@code GET} tells the
 * session's CSRF token to another tab of the same browser, {@code DELETE} signs out.
 */
final class SessionRoutes implements ApiRoutes {
    static final String PATH = "/api/v1/session";
    private static final String SESSION_ATTRIBUTE = "shoplink.session";
    private static final String BEARER_ATTRIBUTE = "shoplink.bearer";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Sessions sessions;

    SessionRoutes(Sessions sessions) {
        this.sessions = sessions;
    }

    /**
     * The {@code before} filter: a bearer token decides alone when present; else a live session cookie,
     * whose changes must carry its CSRF token. Reads headers only, never the body.
     */
    static void authenticate(Context ctx, byte[] expectedAuthorization, Sessions sessions) {
        String given = ctx.header("Authorization");
        if (given != null) {
            if (!MessageDigest.isEqual(expectedAuthorization, given.strip().getBytes(StandardCharsets.UTF_8))) {
                throw unauthorized(ctx, "the admin token is wrong");
            }
            ctx.attribute(BEARER_ATTRIBUTE, Boolean.TRUE);
            return;
        }
        String cookie = ctx.cookie(Sessions.COOKIE);
        if (cookie == null) {
            throw unauthorized(ctx, "send the admin token as 'Authorization: Bearer <token>', or sign in with it at "
                    + "POST " + PATH + " for a session cookie");
        }
        Sessions.Session session = sessions.touch(cookie).orElseThrow(() -> unauthorized(ctx,
                "the session has ended (signed out, expired, or the host restarted): sign in again with the admin token"));
        if (!SAFE.contains(ctx.method().name())) {
            String csrf = ctx.header(Sessions.CSRF_HEADER);
            if (csrf == null || csrf.isBlank()) {
                throw new ApiException(403, "csrf-token-missing", "CSRF token missing",
                        "a change made with the session cookie must carry the session's CSRF token in the "
                                + Sessions.CSRF_HEADER + " header (GET " + PATH + " tells it)");
            }
            if (!Sessions.csrfMatches(session, csrf)) {
                throw new ApiException(403, "csrf-token-wrong", "CSRF token wrong",
                        "the " + Sessions.CSRF_HEADER + " header does not match this session's CSRF token (GET " + PATH
                                + " tells it)");
            }
        }
        ctx.attribute(SESSION_ATTRIBUTE, session);
    }

    private static ApiException unauthorized(Context ctx, String detail) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"shoplink\"");
        return new ApiException(401, "unauthorized", "Unauthorized", detail);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, ctx -> {
            if (!Boolean.TRUE.equals(ctx.attribute(BEARER_ATTRIBUTE))) {
                throw unauthorized(ctx, "signing in takes the admin token as 'Authorization: Bearer <token>'");
            }
            String previous = ctx.cookie(Sessions.COOKIE);
            sessions.close(previous); // one browser, one session: signing in again replaces it
            Sessions.Session session = sessions.open();
            ctx.header("Set-Cookie", cookie(ctx, session.id(), Sessions.LIFETIME.toSeconds()));
            ctx.header("Cache-Control", "no-store");
            ctx.status(201).json(SessionView.of(session));
        });
        routes.get(PATH, ctx -> {
            Sessions.Session session = ctx.attribute(SESSION_ATTRIBUTE);
            ctx.header("Cache-Control", "no-store");
            ctx.json(session == null ? SessionView.bearer() : SessionView.of(session));
        });
        routes.delete(PATH, ctx -> {
            sessions.close(ctx.cookie(Sessions.COOKIE));
            ctx.header("Set-Cookie", cookie(ctx, "", 0));
            ctx.header("Cache-Control", "no-store");
            ctx.status(204);
        });
    }

    /** The session cookie: HttpOnly, SameSite=Strict, for the whole site; Secure when the request came over https. */
    static String cookie(Context ctx, String value, long maxAgeSeconds) {
        StringBuilder c = new StringBuilder(Sessions.COOKIE).append('=').append(value)
                .append("; Path=/; Max-Age=").append(maxAgeSeconds).append("; HttpOnly; SameSite=Strict");
        if (overHttps(ctx)) {
            c.append("; Secure");
        }
        return c.toString();
    }

    static boolean overHttps(Context ctx) {
        if (ctx.req().isSecure()) {
            return true;
        }
        String forwarded = ctx.header("X-Forwarded-Proto");
        if (forwarded == null) {
            return false;
        }
        int comma = forwarded.indexOf(',');
        return "https".equalsIgnoreCase((comma < 0 ? forwarded : forwarded.substring(0, comma)).strip());
    }
}

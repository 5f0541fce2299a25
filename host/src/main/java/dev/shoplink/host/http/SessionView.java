package dev.shoplink.host.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/**
 * How {@code /api/v1/session} describes the caller: {@code authenticatedBy} alone for a bearer token, the session's
 * CSRF token and times for a session cookie (an empty component is left out, not written as null).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record SessionView(String authenticatedBy, Optional<String> csrfToken, Optional<String> csrfHeader,
                          Optional<Instant> createdAt, Optional<Instant> expiresAt) {

    /** A request that carried the admin token as a bearer token. */
    static SessionView bearer() {
        return new SessionView("bearer", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A request of a browser session (or the sign-in that opened it). */
    static SessionView of(Sessions.Session session) {
        return new SessionView("session", Optional.of(session.csrfToken()), Optional.of(Sessions.CSRF_HEADER),
                Optional.of(session.createdAt()), Optional.of(session.expiresAt()));
    }
}

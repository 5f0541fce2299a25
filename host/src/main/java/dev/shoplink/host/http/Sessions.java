package dev.shoplink.host.http;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Browser sessions of the web UI, kept in memory: the admin token is exchanged once
 * ({@code POST /api/v1/session}) for a random session id in an HttpOnly, SameSite=Strict cookie and
 * a CSRF token the UI sends back in {@value #CSRF_HEADER} on every change. A session ends after
 * {@link #IDLE} without a request, {@link #LIFETIME} after sign-in, on sign-out, or when the host stops
 * (nothing is written to disk, so a restart signs every browser out). At most {@link #MAX_SESSIONS}
 * live at once; a new one beyond that pushes out the least recently used.
 */
public final class Sessions {
    public static final String COOKIE = "shoplink_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final Duration IDLE = Duration.ofHours(12);
    public static final Duration LIFETIME = Duration.ofDays(7);
    static final int MAX_SESSIONS = 1000;

    /** A live session. */
    public record Session(String id, String csrfToken, Instant createdAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]"; // never the secrets
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    // access order: the eldest entry is the least recently used session, dropped when a new one is one too many
    private final LinkedHashMap<String, Session> live = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** Starts a session. */
    public synchronized Session open() {
        prune();
        Instant now = clock.instant();
        Session s = new Session(secret(), secret(), now, expiry(now, now));
        live.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle expiry moved on; empty when unknown or expired. */
    public synchronized Optional<Session> touch(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session s = live.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        if (!now.isBefore(s.expiresAt())) {
            live.remove(id);
            return Optional.empty();
        }
        Session moved = new Session(s.id(), s.csrfToken(), s.createdAt(), expiry(s.createdAt(), now));
        live.put(id, moved);
        return Optional.of(moved);
    }

    /** Ends a session; unknown ids are ignored. */
    public synchronized void close(String id) {
        if (id != null) {
            live.remove(id);
        }
    }

    /** Whether {@code given} is the session's CSRF token (constant-time). */
    public static boolean csrfMatches(Session session, String given) {
        return given != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                given.strip().getBytes(StandardCharsets.UTF_8));
    }

    synchronized int size() {
        return live.size();
    }

    private void prune() {
        Instant now = clock.instant();
        live.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@link #IDLE} after the last request, but never beyond {@link #LIFETIME} after sign-in. */
    private static Instant expiry(Instant createdAt, Instant lastUsed) {
        Instant idle = lastUsed.plus(IDLE);
        Instant end = createdAt.plus(LIFETIME);
        return idle.isBefore(end) ? idle : end;
    }
}

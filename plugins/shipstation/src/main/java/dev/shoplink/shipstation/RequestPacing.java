package dev.shoplink.shipstation;

import dev.shoplink.api.RateLimitedException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps ShipStation's rate limit (40 requests a minute per API key, announced in
 * {@code X-Rate-Limit-*} headers) without sleeping: when a response says the window is used up,
 * the next call for the same account is refused with {@link RateLimitedException} before it is
 * sent, and the host waits and repeats it. A 429 blocks the account the same way, so concurrent
 * jobs on one key do not keep hammering ShipStation.
 *
 * <p>Accounts are keyed by base URL and a hash of the API key, so no key sits in this map.
 */
final class RequestPacing {
    /** ShipStation's window is one minute; wait that long when it tells us nothing better. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private static final Duration MINIMUM_WAIT = Duration.ofSeconds(1);

    private final ConcurrentMap<String, Instant> notBefore = new ConcurrentHashMap<>();

    /** Refuses the call when the account's window is still used up. */
    void checkBeforeSending(String account, Instant now) {
        Instant earliest = notBefore.get(account);
        if (earliest == null) {
            return;
        }
        if (!now.isBefore(earliest)) {
            notBefore.remove(account, earliest);
            return;
        }
        Duration wait = Duration.between(now, earliest);
        throw new RateLimitedException(
                "ShipStation's rate limit for this API key is used up; the next request may go in "
                        + seconds(wait) + " s",
                wait);
    }

    /** Remembers a used-up window announced by a successful response. */
    void afterResponse(String account, HttpHeaders headers, Instant now) {
        Optional<Long> remaining = integerHeader(headers, "X-Rate-Limit-Remaining");
        if (remaining.isPresent() && remaining.get() <= 0) {
            block(account, now.plus(resetWait(headers).orElse(DEFAULT_WAIT)));
        }
    }

    /**
     * The wait a 429 asks for: {@code Retry-After} when present (V1 does not document it, V2
     * sends it), else {@code X-Rate-Limit-Reset}, else a minute. The account is blocked that long.
     */
    Duration afterTooManyRequests(String account, HttpHeaders headers, Instant now) {
        Duration wait = retryAfter(headers, now)
                .or(() -> resetWait(headers))
                .orElse(DEFAULT_WAIT);
        if (wait.compareTo(MINIMUM_WAIT) < 0) {
            wait = MINIMUM_WAIT;
        }
        block(account, now.plus(wait));
        return wait;
    }

    private void block(String account, Instant until) {
        notBefore.merge(account, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private static Optional<Duration> resetWait(HttpHeaders headers) {
        return headers.firstValue("X-Rate-Limit-Reset").flatMap(RequestPacing::secondsValue);
    }

    private static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("Retry-After");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = secondsValue(value.get());
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(value.get().strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A non-negative number of seconds; fractions round up so we never come back too early. */
    private static Optional<Duration> secondsValue(String text) {
        try {
            BigDecimal seconds = new BigDecimal(text.strip()).setScale(0, RoundingMode.CEILING);
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(seconds.longValueExact()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> integerHeader(HttpHeaders headers, String name) {
        return headers.firstValue(name).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static long seconds(Duration wait) {
        // round up: "0 s" would read as "go now"
        return wait.plusNanos(999_999_999).getSeconds();
    }
}

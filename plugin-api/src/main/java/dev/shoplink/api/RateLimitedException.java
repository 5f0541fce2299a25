package dev.shoplink.api;

import java.time.Duration;
import java.util.Objects;

/** The shop's rate limit is used up; the host waits {@link #retryAfter()} and repeats the same call. */
public class RateLimitedException extends ConnectorException {
    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(message, null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long to wait before the next request. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}

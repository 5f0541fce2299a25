package dev.shoplink.simulator;

import java.time.Instant;

/**
 * One rate-limit window of one API key: it opened with the key's first request after the previous window ended,
 * and {@code used} requests were allowed in it (refused ones are not counted).
 */
public record RateWindow(Instant start, int used) {
}

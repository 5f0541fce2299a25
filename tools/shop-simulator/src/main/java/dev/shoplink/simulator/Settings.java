package dev.shoplink.simulator;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The knobs that may change while the simulator runs (from a test or {@code POST /_sim/settings}).
 * Fields are volatile and individually consistent; nothing needs two of them to change atomically.
 */
final class Settings {

    static final int MAX_PAGE_SIZE = 500;

    private volatile int rateLimit;
    private volatile Duration rateWindow;
    private volatile double failRate;
    private volatile List<FaultKind> faultKinds;
    private volatile Duration latency;
    private volatile Duration slowResponseDelay;
    private volatile boolean apiAccess;
    private volatile int pageSizeCap;

    Settings(int rateLimit, Duration rateWindow, double failRate, Set<FaultKind> faultKinds, Duration latency,
            Duration slowResponseDelay, boolean apiAccess, int pageSizeCap) {
        rateLimit(rateLimit);
        rateWindow(rateWindow);
        failRate(failRate);
        faultKinds(faultKinds);
        latency(latency);
        slowResponseDelay(slowResponseDelay);
        apiAccess(apiAccess);
        pageSizeCap(pageSizeCap);
    }

    /** Requests per window per API key; 0 turns limiting (and the rate-limit headers) off. */
    int rateLimit() {
        return rateLimit;
    }

    void rateLimit(int perWindow) {
        if (perWindow < 0) {
            throw new IllegalArgumentException("rate limit must be >= 0 (0 = off): " + perWindow);
        }
        this.rateLimit = perWindow;
    }

    Duration rateWindow() {
        return rateWindow;
    }

    void rateWindow(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate window must be positive: " + window);
        }
        this.rateWindow = window;
    }

    double failRate() {
        return failRate;
    }

    void failRate(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("fail rate must be within [0, 1]: " + share);
        }
        this.failRate = share;
    }

    /** In enum order, which keeps the seeded choice between kinds reproducible. */
    List<FaultKind> faultKinds() {
        return faultKinds;
    }

    void faultKinds(Set<FaultKind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one fault kind is needed");
        }
        this.faultKinds = List.copyOf(EnumSet.copyOf(kinds));
    }

    Duration latency() {
        return latency;
    }

    void latency(Duration added) {
        if (added.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + added);
        }
        this.latency = added;
    }

    Duration slowResponseDelay() {
        return slowResponseDelay;
    }

    void slowResponseDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("slow-response delay must not be negative: " + delay);
        }
        this.slowResponseDelay = delay;
    }

    boolean apiAccess() {
        return apiAccess;
    }

    void apiAccess(boolean allowed) {
        this.apiAccess = allowed;
    }

    int pageSizeCap() {
        return pageSizeCap;
    }

    void pageSizeCap(int cap) {
        if (cap < 1 || cap > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size cap must be within 1.." + MAX_PAGE_SIZE + ": " + cap);
        }
        this.pageSizeCap = cap;
    }
}

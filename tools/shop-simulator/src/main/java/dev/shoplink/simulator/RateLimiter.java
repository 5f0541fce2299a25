package dev.shoplink.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ShipStation's budget: a fixed number of requests per window per API key. A key's window opens with
 * its first request and closes {@code window} later; refused requests do not use up budget. Time comes
 * from an injectable {@link Clock} so a test can move past a window without waiting a minute.
 */
final class RateLimiter {

    /** What the three {@code X-Rate-Limit-*} headers say, and whether the request may proceed. */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private record Window(long startMillis, int used) {
    }

    /** A key's windows are kept for {@link #windows}; beyond this many the oldest are forgotten. */
    static final int HISTORY = 10_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    /** Each key's closed windows, oldest first; changed only inside {@code windows.compute} for that key. */
    private final ConcurrentHashMap<String, ArrayDeque<Window>> closed = new ConcurrentHashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    Decision acquire(String apiKey, int limit, long windowMillis) {
        long now = clock.millis();
        Decision[] decision = new Decision[1];
        windows.compute(apiKey, (key, window) -> {
            Window current = window == null || now >= window.startMillis() + windowMillis || now < window.startMillis()
                    ? new Window(now, 0) : window;
            if (window != null && current != window) {
                ArrayDeque<Window> history = closed.computeIfAbsent(key, k -> new ArrayDeque<>());
                synchronized (history) {
                    if (history.size() >= HISTORY) {
                        history.removeFirst();
                    }
                    history.addLast(window);
                }
            }
            long resetMillis = current.startMillis() + windowMillis - now;
            long resetSeconds = Math.max(1, (resetMillis + 999) / 1000);
            if (current.used() < limit) {
                Window next = new Window(current.startMillis(), current.used() + 1);
                decision[0] = new Decision(true, limit, limit - next.used(), resetSeconds);
                return next;
            }
            decision[0] = new Decision(false, limit, 0, resetSeconds);
            return current;
        });
        return decision[0];
    }

    /** The key's windows so far, oldest first: when each opened and how many requests it allowed. */
    List<RateWindow> windows(String apiKey) {
        List<RateWindow> all = new ArrayList<>();
        ArrayDeque<Window> history = closed.get(apiKey);
        if (history != null) {
            synchronized (history) {
                history.forEach(w -> all.add(new RateWindow(Instant.ofEpochMilli(w.startMillis()), w.used())));
            }
        }
        Window current = windows.get(apiKey);
        if (current != null) {
            all.add(new RateWindow(Instant.ofEpochMilli(current.startMillis()), current.used()));
        }
        return all;
    }

    void reset() {
        windows.clear();
        closed.clear();
    }
}

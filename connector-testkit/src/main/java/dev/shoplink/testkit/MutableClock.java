package dev.shoplink.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, so that rate-limit pacing, windows and "modified since" can be checked without
 * sleeping. Give it to the code under test wherever that code takes a {@link Clock}; it reads UTC.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** Sets the clock to {@code to}. */
    public void set(Instant to) {
        now = to;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock: it is the instant that the code under test reads, and that stays the test's. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

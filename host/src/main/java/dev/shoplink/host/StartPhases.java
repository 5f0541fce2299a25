package dev.shoplink.host;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall-clock time of each step of {@link Shoplink#startNotReady}, logged at debug (logger
 * {@code dev.shoplink.host.StartPhases}) as each step ends and as one line at the end: where start-up goes
 * (docs/BENCHMARKS.md, "Start-up breakdown"). The first entry is the JVM's own start, from the process's
 * start time to the first step.
 */
final class StartPhases {
    private static final Logger LOG = LoggerFactory.getLogger(StartPhases.class);

    private final List<String> done = new ArrayList<>();
    /** Off at the default level: no process look-up, no clock reads, no strings on the start path. */
    private final boolean on = LOG.isDebugEnabled();
    private long last;

    StartPhases(long startNanos) {
        this.last = startNanos;
        if (!on) {
            return;
        }
        Optional<Instant> processStart = ProcessHandle.current().info().startInstant();
        processStart.ifPresent(at -> done.add("JVM and logging before the host " + Duration.between(at, Instant.now()).toMillis()
                + " ms"));
    }

    /** Ends the step running since the last call (or since the start). */
    void done(String step) {
        if (!on) {
            return;
        }
        long now = System.nanoTime();
        String entry = step + " " + Duration.ofNanos(now - last).toMillis() + " ms";
        last = now;
        done.add(entry);
        LOG.debug("start phase: {}", entry);
    }

    /** All steps in one debug line. */
    void log() {
        if (on) {
            LOG.debug("start phases: {}", String.join(", ", done));
        }
    }
}

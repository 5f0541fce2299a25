package dev.shoplink.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The wall-clock view of a JFR recording ({@code settings=profile}) for the threads whose name starts with a prefix,
 * over a time window: how much of it the threads spent running Java code ({@code jdk.ExecutionSample}, one every
 * 10 ms while in Java), in native code ({@code jdk.NativeMethodSample}, one every 20 ms while in a native method:
 * file writes, fsync, socket reads, parking), and in the blocking events JFR times (file force/write, socket read,
 * park, monitor enter; those over the profile's 10–20 ms thresholds only). {@link JfrSummary} gives the CPU view.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" dev.shoplink.bench.JfrWallClock FILE FROM TO PREFIX...
 * </pre>
 * FROM and TO are ISO instants (e.g. 2026-12-02T08:01:02.345Z).
 */
public final class JfrWallClock {

    private JfrWallClock() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: JfrWallClock FILE FROM TO THREAD-PREFIX...");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Instant from = Instant.parse(args[1]);
        Instant to = Instant.parse(args[2]);
        List<String> prefixes = List.of(args).subList(3, args.length);
        Map<String, Long> running = new HashMap<>();
        Map<String, Long> nativeTop = new HashMap<>();
        Map<String, Double> blocked = new HashMap<>();
        Map<String, Long> threadNames = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                String type = e.getEventType().getName();
                RecordedThread thread = type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample")
                        ? e.getThread("sampledThread") : e.getThread();
                String name = thread == null ? null : thread.getJavaName();
                String prefix = name == null ? null : prefixes.stream().filter(name::startsWith).findFirst().orElse(null);
                if (prefix == null) {
                    continue;
                }
                threadNames.merge(name, 1L, Long::sum);
                switch (type) {
                    case "jdk.ExecutionSample" -> running.merge(prefix + " | " + layer(e.getStackTrace()), 1L, Long::sum);
                    case "jdk.NativeMethodSample" -> nativeTop.merge(prefix + " | " + top(e.getStackTrace(), 2), 1L, Long::sum);
                    case "jdk.FileForce", "jdk.FileWrite", "jdk.FileRead", "jdk.SocketRead", "jdk.SocketWrite", "jdk.ThreadPark",
                         "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadSleep" -> blocked.merge(prefix + " | " + type
                            + " | " + waitsFor(e.getStackTrace()), e.getDuration().toNanos() / 1e6, Double::sum);
                    default -> {
                    }
                }
            }
        }
        double wallMs = Duration.between(from, to).toNanos() / 1e6;
        System.out.printf(Locale.ROOT, "window %.0f ms; threads seen: %s%n", wallMs, threadNames.keySet());
        System.out.println("running Java (jdk.ExecutionSample, ~10 ms each), by layer of the top frames:");
        print(running, 10, wallMs);
        System.out.println("in native code (jdk.NativeMethodSample, ~20 ms each), by top frames:");
        print(nativeTop, 20, wallMs);
        System.out.println("blocking events JFR timed (over its thresholds), summed:");
        List<Map.Entry<String, Double>> b = new ArrayList<>(blocked.entrySet());
        b.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (Map.Entry<String, Double> en : b.subList(0, Math.min(25, b.size()))) {
            System.out.printf(Locale.ROOT, "  %8.0f ms  %5.1f %%  %s%n", en.getValue(), 100 * en.getValue() / wallMs, en.getKey());
        }
    }

    private static void print(Map<String, Long> counts, int periodMs, double wallMs) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (Map.Entry<String, Long> en : sorted.subList(0, Math.min(20, sorted.size()))) {
            double ms = en.getValue() * (double) periodMs;
            System.out.printf(Locale.ROOT, "  %6d samples ≈ %8.0f ms  %5.1f %%  %s%n", en.getValue(), ms, 100 * ms / wallMs,
                    en.getKey());
        }
    }

    private static String top(RecordedStackTrace st, int n) {
        if (st == null || st.getFrames().isEmpty()) {
            return "?";
        }
        StringBuilder b = new StringBuilder();
        for (RecordedFrame f : st.getFrames().subList(0, Math.min(n, st.getFrames().size()))) {
            b.append(b.length() == 0 ? "" : " < ").append(method(f));
        }
        return b + " [" + waitsFor(st) + "]";
    }

    /** The first frame of interest below the top: which part of the sync waits. */
    private static String waitsFor(RecordedStackTrace st) {
        if (st == null) {
            return "?";
        }
        for (RecordedFrame f : st.getFrames()) {
            String m = method(f);
            if (m.startsWith("dev.shoplink.") || m.startsWith("org.h2.mvstore.") || m.startsWith("org.postgresql.core.")
                    || m.startsWith("com.github.kagkarlsson.")) {
                return m;
            }
        }
        return method(st.getFrames().get(st.getFrames().size() - 1));
    }

    private static String layer(RecordedStackTrace st) {
        if (st == null || st.getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame f : st.getFrames()) {
            String m = method(f);
            for (String p : List.of("org.h2.", "org.postgresql.", "org.jdbi.", "com.fasterxml.jackson.", "jdk.internal.net.http.",
                    "com.zaxxer.hikari.", "dev.shoplink.")) {
                if (m.startsWith(p)) {
                    return p;
                }
            }
        }
        return "JDK/other";
    }

    private static String method(RecordedFrame f) {
        return f.getMethod() == null ? "?" : f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}

package dev.shoplink.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Aggregates a JFR recording over a time window: the same {@code jdk.ExecutionSample} events that
 * {@code jfr print --events jdk.ExecutionSample} prints, counted by top frame (self), by method
 * anywhere on the stack (inclusive, Shoplink code only), and by the library the top frame belongs to;
 * plus garbage collections and the heap after GC, and the most allocated classes.
 */
final class JfrSummary {

    record Entry(String name, long count, double share) {
    }

    record Summary(long samples, List<Entry> selfTop, List<Entry> inclusiveShoplink, List<Entry> byLayer,
                   List<Entry> byThread, int gcCount, double gcPauseMs, double maxHeapAfterGcMiB,
                   List<Entry> allocationTop) {
    }

    private JfrSummary() {
    }

    static Summary summarize(Path file, Instant from, Instant to, int top) throws IOException {
        Tally tally = new Tally();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                Instant at = e.getStartTime();
                if (!at.isBefore(from) && !at.isAfter(to)) {
                    tally.add(e);
                }
            }
        }
        return tally.summary(top);
    }

    /** The counts of the events read so far; events of other types are ignored. */
    private static final class Tally {
        private long samples;
        private final Map<String, Long> self = new HashMap<>();
        private final Map<String, Long> inclusive = new HashMap<>();
        private final Map<String, Long> layers = new HashMap<>();
        private final Map<String, Long> threads = new HashMap<>();
        private final Map<String, Long> allocations = new HashMap<>();
        private long allocationTotal;
        private int gcCount;
        private double gcPause;
        private long maxHeapAfterGc;

        void add(RecordedEvent e) {
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> sample(e);
                case "jdk.GarbageCollection" -> {
                    gcCount++;
                    gcPause += e.getDuration("sumOfPauses").toNanos() / 1e6;
                }
                case "jdk.GCHeapSummary" -> {
                    if ("After GC".equals(e.getString("when"))) {
                        maxHeapAfterGc = Math.max(maxHeapAfterGc, e.getLong("heapUsed"));
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = e.getLong("weight");
                    allocationTotal += weight;
                    allocations.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                }
                default -> {
                }
            }
        }

        /** A sample without frames is not counted; a Shoplink method counts once per sample however deep it recurses. */
        private void sample(RecordedEvent e) {
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                return;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            String topMethod = method(frames.get(0));
            self.merge(topMethod, 1L, Long::sum);
            layers.merge(layer(frames), 1L, Long::sum);
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(threadGroup(thread), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String m = method(f);
                if (m.startsWith("dev.shoplink.") && !m.contains("$$Lambda") && !m.contains("lambda$") && seen.add(m)) {
                    inclusive.merge(m, 1L, Long::sum);
                }
            }
        }

        Summary summary(int top) {
            return new Summary(samples, topOf(self, samples, top), topOf(inclusive, samples, top),
                    topOf(layers, samples, 12), topOf(threads, samples, 6), gcCount, gcPause,
                    maxHeapAfterGc / (1024.0 * 1024.0), topOf(allocations, allocationTotal, 10));
        }
    }

    private static List<Entry> topOf(Map<String, Long> counts, long total, int n) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Long> en : sorted.subList(0, Math.min(n, sorted.size()))) {
            out.add(new Entry(en.getKey(), en.getValue(), total == 0 ? 0 : 100.0 * en.getValue() / total));
        }
        return out;
    }

    private static String method(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "?";
        }
        return m.getType().getName() + "." + m.getName();
    }

    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("org.h2.", "H2 (database engine)");
        LAYERS.put("com.fasterxml.jackson.", "Jackson (JSON)");
        LAYERS.put("org.jdbi.", "Jdbi");
        LAYERS.put("com.zaxxer.hikari.", "HikariCP");
        LAYERS.put("jdk.internal.net.http.", "JDK HttpClient");
        LAYERS.put("java.net.http.", "JDK HttpClient");
        LAYERS.put("org.eclipse.jetty.", "Jetty (admin API)");
        LAYERS.put("io.javalin.", "Javalin (admin API)");
        LAYERS.put("com.github.kagkarlsson.", "db-scheduler");
        LAYERS.put("dev.shoplink.shipstation.", "ShipStation connector");
        LAYERS.put("dev.shoplink.host.", "host code");
        LAYERS.put("ch.qos.logback.", "Logback");
        LAYERS.put("org.pf4j.", "PF4J");
    }

    /** The library of the first frame from the top that belongs to a known library (JDK frames are attributed to their caller). */
    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod() == null ? "" : f.getMethod().getType().getName();
            for (Map.Entry<String, String> l : LAYERS.entrySet()) {
                if (type.startsWith(l.getKey())) {
                    return l.getValue();
                }
            }
        }
        return "JDK only (no library frame on the stack)";
    }

    private static String threadGroup(String name) {
        return name.replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-N-");
    }
}

package dev.shoplink.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a unified GC log ({@code -Xlog:gc:file=...}) of the host: how full the heap was before each
 * collection (the real peak occupancy) and after it (what was still live), and the pauses.
 */
record GcLog(int collections, int fullCollections, double pauseMs, double maxBeforeMiB, double maxAfterMiB,
             double committedMiB) {

    // "Pause Young (Normal) (G1 Evacuation Pause) 208M->75M(256M) 3.1ms": the pause's name may hold digits ("G1"), so
    // it runs lazily up to the first "<n><unit>->"; a name of non-digits only skipped every G1 evacuation pause
    private static final Pattern PAUSE = Pattern.compile(
            "GC\\(\\d+\\) (Pause .*?)\\s+(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)\\s+([\\d.]+)ms");

    static String option(Path file) {
        return "-Xlog:gc:file=" + file.toAbsolutePath();
    }

    static GcLog read(Path file) {
        int count = 0;
        int full = 0;
        double pause = 0;
        double before = 0;
        double after = 0;
        double committed = 0;
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = PAUSE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                count++;
                if (m.group(1).startsWith("Pause Full")) {
                    full++;
                }
                before = Math.max(before, mib(m.group(2), m.group(3)));
                after = Math.max(after, mib(m.group(4), m.group(5)));
                committed = Math.max(committed, mib(m.group(6), m.group(7)));
                pause += Double.parseDouble(m.group(8));
            }
        } catch (IOException e) {
            return new GcLog(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new GcLog(count, full, pause, before, after, committed);
    }

    private static double mib(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}

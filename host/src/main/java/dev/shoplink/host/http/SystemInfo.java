package dev.shoplink.host.http;

import java.util.List;

/**
 * {@code GET /api/v1/system}: what this host is. {@code searchIndex}: how the orders' text search is served (the
 * embedded store's text index ready, catching up while the search scans, or failed; PostgreSQL's own index).
 */
public record SystemInfo(String version, String pluginApiVersion, boolean demo, String zone, List<String> units,
                         List<String> grindStyles, Memory memory, String searchIndex) {

    /** The JVM heap in bytes: in use now, its limit ({@code -1} when none), the peak since start. */
    public record Memory(long heapUsed, long heapMax, long heapPeak) {
    }
}

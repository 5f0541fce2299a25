package dev.shoplink.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * Large first syncs through Shopify's bulk query operations ({@code bulkOperationRunQuery}, Admin API
 * {@value ShopifyClient#API_VERSION}).
 *
 * <p><b>When.</b> A first read (cursor at the start; for orders without {@code modifiedSince}) asks
 * Shopify how many products or orders it selects ({@code productsCount} / {@code ordersCount}, limited
 * to the threshold, 1 point); at or above the threshold it starts a bulk operation, below it the
 * connector pages as usual.
 *
 * <p><b>Paging.</b> The first page is empty and carries the new operation's id in its cursor, so the
 * host has stored the id before anything else happens. Later calls poll {@code bulkOperation(id:)};
 * while it is {@code CREATED}/{@code RUNNING} a call waits (polling every 0.5 s, then up to every 5 s) until
 * its waits reach {@link #pollBudget} and then answers an empty page with the same cursor. Once it is
 * {@code COMPLETED} its JSONL result is read page by page ({@link BulkResults}; a null url means no
 * results).
 *
 * <p><b>Starting over.</b> An operation Shopify no longer knows, that is {@code EXPIRED} or
 * {@code CANCELED}, whose url has expired (HTTP 400/401/403/404/410 from the storage link), or that
 * {@code FAILED} with {@code INTERNAL_SERVER_ERROR}/{@code TIMEOUT}, is replaced by a new operation read
 * from its first line (the host upserts, so items already read are read again, not lost; a failed
 * operation's {@code partialDataUrl} is not read, its data being incomplete in ways Shopify does not state); after
 * {@value #MAX_RESTARTS} replacements a failure is {@link ShopUnavailableException}. {@code FAILED} with
 * {@code ACCESS_DENIED} is {@link ApiAccessDeniedException}. When Shopify refuses a new operation
 * because too many run ({@code LIMIT_REACHED}; {@code OPERATION_IN_PROGRESS} in versions before
 * 2026-01, which ran one at a time), the read falls back to ordinary paging from the start.
 */
final class BulkExport {
    /**
     * Top-level objects (orders, or products) from which a first read uses a bulk operation: measured
     * with {@code ShopifyBulkBench} (docs/BENCHMARKS.md, "Shopify bulk first sync"; the connector's README,
     * "Why 500"): from about 500 orders paging under Shopify's Standard limit takes longer than a bulk
     * export even with tens of seconds of Shopify queue time, and spends hundreds of times the points.
     */
    static final long DEFAULT_THRESHOLD = 500;
    static final int MAX_RESTARTS = 3;
    static final Duration FIRST_POLL = Duration.ofMillis(500);
    static final Duration MAX_POLL = Duration.ofSeconds(5);
    static final Duration DEFAULT_POLL_BUDGET = Duration.ofSeconds(30);

    /** Waits between polls; tests pass one that does not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** What a bulk read exports and how its parents and children become items. */
    record Kind<T>(String name, String countOperation, String countQuery, String countField,
                   java.util.function.Function<String, String> bulkQuery, BiFunction<JsonNode, List<JsonNode>, List<T>> assemble) {
    }

    private final ShopifyClient client;
    private final Sleeper sleeper;
    private final long threshold;
    private final Duration pollBudget;
    private final BulkResults results;

    BulkExport(ShopifyClient client, Sleeper sleeper, long threshold, Duration pollBudget) {
        this.client = client;
        this.sleeper = sleeper;
        this.threshold = threshold;
        this.pollBudget = pollBudget;
        this.results = new BulkResults(client);
    }

    /** The system property that overrides {@link #DEFAULT_THRESHOLD} (a number; {@code off} never exports in bulk). */
    static final String THRESHOLD_PROPERTY = "shoplink.shopify.bulkThreshold";

    static BulkExport withDefaults(ShopifyClient client) {
        return new BulkExport(client, d -> Thread.sleep(d.toMillis()), configuredThreshold(System.getProperty(THRESHOLD_PROPERTY)),
                DEFAULT_POLL_BUDGET);
    }

    /** The threshold a {@value #THRESHOLD_PROPERTY} value asks for: a positive number, or {@code off}; else the default. */
    static long configuredThreshold(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_THRESHOLD;
        }
        if (value.strip().equalsIgnoreCase("off")) {
            return Long.MAX_VALUE;
        }
        try {
            long threshold = Long.parseLong(value.strip());
            return threshold > 0 ? threshold : DEFAULT_THRESHOLD;
        } catch (NumberFormatException e) {
            return DEFAULT_THRESHOLD;
        }
    }

    long threshold() {
        return threshold;
    }

    /**
     * A first read: counts what the search selects and, when that reaches the threshold, starts a bulk
     * operation and answers its first (empty) page. Empty when the read should page as usual.
     */
    <T> Optional<Page<T>> startIfLarge(Connection connection, Kind<T> kind, String search) {
        if (threshold > Integer.MAX_VALUE) {
            return Optional.empty(); // bulk exports are off: no count
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("query", search);
        variables.put("limit", threshold);
        String what = "the " + kind.countOperation() + " query";
        JsonNode count = client.query(connection, kind.countOperation(), kind.countQuery(), variables, Queries.COUNT_COST)
                .data().path(kind.countField());
        if (!count.path("count").canConvertToLong()) {
            throw Payloads.missingField(kind.countField() + ".count", "the shop", what);
        }
        if (count.path("count").asLong() < threshold) {
            return Optional.empty();
        }
        return start(connection, kind, search, 0);
    }

    /** Runs {@code bulkOperationRunQuery}; empty when Shopify runs too many already (the read pages instead). */
    private <T> Optional<Page<T>> start(Connection connection, Kind<T> kind, String search, int restarts) {
        String what = "the BulkExport mutation";
        JsonNode payload = client.query(connection, "BulkExport", Queries.BULK_RUN, Map.of("query", kind.bulkQuery().apply(search)),
                Queries.BULK_RUN_COST).data().path("bulkOperationRunQuery");
        if (!payload.isObject()) {
            throw Payloads.missingField("bulkOperationRunQuery", "the shop", what);
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode error : payload.path("userErrors")) {
            String code = error.path("code").asText("");
            if (code.equals("LIMIT_REACHED") || code.equals("OPERATION_IN_PROGRESS")) {
                return Optional.empty();
            }
            problems.add(error.path("message").asText("(no message)") + (code.isEmpty() ? "" : " [" + code + "]"));
        }
        if (!problems.isEmpty()) {
            throw new MalformedResponseException("Shopify refused " + what + ": " + String.join("; ", problems));
        }
        String id = payload.path("bulkOperation").path("id").asText("");
        if (!id.startsWith("gid://shopify/BulkOperation/")) {
            throw Payloads.missingField("bulkOperation.id", "the new bulk operation", what);
        }
        BulkCursor at = new BulkCursor(kind.name(), id, 0, 0, restarts);
        return Optional.of(at.continuing(List.of()));
    }

    /**
     * One page of the export at {@code at}: waits for the operation, or reads the next lines of its
     * result. Empty when a replacement operation cannot start (the read pages from the start instead).
     */
    <T> Optional<Page<T>> page(Connection connection, Kind<T> kind, String search, BulkCursor at) {
        String what = "the BulkOperation query";
        Duration slept = Duration.ZERO;
        Duration wait = FIRST_POLL;
        while (true) {
            JsonNode op = client.query(connection, "BulkOperation", Queries.BULK_POLL, Map.of("id", at.operation()),
                    Queries.BULK_POLL_COST).data().path("bulkOperation");
            if (!op.isObject()) {
                // Shopify no longer knows it
                return restart(connection, kind, search, at);
            }
            String status = op.path("status").asText("");
            switch (status) {
                case "COMPLETED" -> {
                    String url = op.path("url").isTextual() ? op.path("url").asText() : "";
                    if (url.isBlank()) {
                        // no results: Shopify writes no file
                        return Optional.of(Page.last(List.of()));
                    }
                    Optional<Page<T>> read = results.read(connection, kind, at, url);
                    return read.isPresent() ? read : restart(connection, kind, search, at);
                }
                case "CREATED", "RUNNING", "CANCELING" -> {
                    if (slept.compareTo(pollBudget) >= 0) {
                        return Optional.of(at.continuing(List.of()));
                    }
                    sleep(wait);
                    slept = slept.plus(wait);
                    Duration doubled = wait.multipliedBy(2);
                    wait = doubled.compareTo(MAX_POLL) > 0 ? MAX_POLL : doubled;
                }
                case "EXPIRED", "CANCELED" -> {
                    return restart(connection, kind, search, at);
                }
                case "FAILED" -> {
                    checkReplaceable(op, kind, at);
                    return restart(connection, kind, search, at);
                }
                default -> throw new MalformedResponseException("Shopify's answer to " + what + " has '" + status
                        + "' as the status of " + at.operation());
            }
        }
    }

    /**
     * A {@code FAILED} operation: {@link ApiAccessDeniedException} for {@code ACCESS_DENIED}, and
     * {@link ShopUnavailableException} once {@value #MAX_RESTARTS} replacements have failed too; else it may be replaced.
     */
    private static void checkReplaceable(JsonNode op, Kind<?> kind, BulkCursor at) {
        String code = op.path("errorCode").asText("");
        if (code.equals("ACCESS_DENIED")) {
            throw new ApiAccessDeniedException("Shopify's bulk export of " + kind.name() + " failed with ACCESS_DENIED. "
                    + ShopifyClient.SCOPES_NEEDED);
        }
        // A partialDataUrl is never read: Shopify calls that data "partial or incomplete" (errorCode
        // INTERNAL_SERVER_ERROR / TIMEOUT) without saying what is missing, so an order in it may lack lines
        // (a nested connection that timed out looks like none) and the replacement has to export
        // everything again anyway. Nothing of a FAILED operation has been delivered (results are
        // read only once COMPLETED), so the replacement loses nothing and repeats nothing of it.
        boolean partial = op.path("partialDataUrl").isTextual() && !op.path("partialDataUrl").asText().isBlank();
        if (at.restarts() >= MAX_RESTARTS) {
            throw new ShopUnavailableException("Shopify's bulk export of " + kind.name() + " failed with "
                    + (code.isEmpty() ? "no error code" : code) + " " + (at.restarts() + 1) + " times"
                    + (partial ? " (its partial data was not used: Shopify marks it incomplete)" : "") + "; try again later");
        }
    }

    private <T> Optional<Page<T>> restart(Connection connection, Kind<T> kind, String search, BulkCursor at) {
        results.discard(connection, at);
        return start(connection, kind, search, at.restarts() + 1);
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopUnavailableException("interrupted while waiting for Shopify's bulk export", e);
        }
    }

    /** Open result streams (tests). */
    int openStreams() {
        return results.openStreams();
    }

    /**
     * Where a bulk read stands: the kind ({@code products}, {@code orders}), the operation's id, the
     * JSONL objects read and the byte offset of the next one, and how many operations replaced failed ones.
     */
    record BulkCursor(String kind, String operation, long objects, long offset, int restarts) {
        private static final String PREFIX = "bulk-";

        static boolean is(Cursor cursor) {
            return cursor.value().startsWith(PREFIX);
        }

        static BulkCursor of(Cursor cursor, String kind) {
            List<String> parts = CursorText.split(cursor.value(), PREFIX + kind + ":", 4);
            try {
                if (parts != null && parts.get(0) != null) {
                    return new BulkCursor(kind, parts.get(0), Long.parseLong(parts.get(1)), Long.parseLong(parts.get(2)),
                            Integer.parseInt(parts.get(3)));
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException("not a Shopify bulk " + kind + " cursor: " + cursor.value());
        }

        BulkCursor at(long objectsRead, long nextOffset) {
            return new BulkCursor(kind, operation, objectsRead, nextOffset, restarts);
        }

        /** A page that another follows, at this cursor. */
        <T> Page<T> continuing(List<T> items) {
            return new Page<>(items, Optional.of(cursor()), OptionalLong.empty(), OptionalInt.empty());
        }

        Cursor cursor() {
            return Cursor.of(CursorText.join(PREFIX + kind + ":", operation, Long.toString(objects),
                    Long.toString(offset), Integer.toString(restarts)));
        }
    }
}

package dev.shoplink.shopify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 * {@code COMPLETED} the JSONL result is streamed from its {@code url} (no token is sent there; a null
 * url means no results) and each page holds whole parents with their children, about
 * {@value #PAGE_OBJECTS} lines. The cursor holds the operation id, the number of JSONL objects read and
 * the byte offset where the next one starts; the open stream is kept for the next call, and a call with
 * a cursor the kept stream is not at (a restarted host, another instance) downloads again from that
 * offset ({@code Range}, else reading and skipping that many objects). So a restarted host neither
 * runs the export again nor yields an item twice.
 *
 * <p><b>Order of lines.</b> The mutation asks for {@code groupObjects: true}: then a parent's nested
 * nodes (variants, line items) follow it directly, and one parent with its children is all that is
 * held. A child line whose {@code __parentId} is not the parent just read is a
 * {@link MalformedResponseException}.
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
    /** JSONL lines per page, at least; a page ends after a whole parent. */
    static final int PAGE_OBJECTS = 1_000;
    static final int MAX_RESTARTS = 3;
    static final Duration FIRST_POLL = Duration.ofMillis(500);
    static final Duration MAX_POLL = Duration.ofSeconds(5);
    static final Duration DEFAULT_POLL_BUDGET = Duration.ofSeconds(30);
    /** An open result stream not used for this long is closed. */
    static final Duration IDLE = Duration.ofMinutes(5);

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

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
    private final ConcurrentMap<String, Reader> open = new ConcurrentHashMap<>();

    BulkExport(ShopifyClient client, Sleeper sleeper, long threshold, Duration pollBudget) {
        this.client = client;
        this.sleeper = sleeper;
        this.threshold = threshold;
        this.pollBudget = pollBudget;
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
        return Optional.of(notLast(List.of(), at));
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
                    return read(connection, kind, search, at, url);
                }
                case "CREATED", "RUNNING", "CANCELING" -> {
                    if (slept.compareTo(pollBudget) >= 0) {
                        return Optional.of(notLast(List.of(), at));
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
                    return restart(connection, kind, search, at);
                }
                default -> throw new MalformedResponseException("Shopify's answer to " + what + " has '" + status
                        + "' as the status of " + at.operation());
            }
        }
    }

    private <T> Optional<Page<T>> restart(Connection connection, Kind<T> kind, String search, BulkCursor at) {
        close(open.remove(key(connection, at)));
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

    // ------------------------------------------------------------ reading the result

    /** An open result stream: where it stands (objects read, byte offset of the next) and the object read ahead. */
    private static final class Reader implements AutoCloseable {
        final InputStream body;
        final JsonParser parser;
        /** The byte offset in the file where this stream starts. */
        final long base;
        long objects;
        JsonNode pending;
        long pendingOffset;
        long lastUsed = System.nanoTime();

        Reader(InputStream body, long base, long objects) throws IOException {
            this.body = body;
            this.parser = MAPPER.createParser(body);
            this.base = base;
            this.objects = objects;
        }

        /** The next object and its byte offset, or null at the end. */
        JsonNode next(String what) throws IOException {
            if (pending != null) {
                JsonNode node = pending;
                pending = null;
                return node;
            }
            JsonToken token;
            try {
                token = parser.nextToken();
                if (token == null) {
                    return null;
                }
                pendingOffset = base + parser.currentTokenLocation().getByteOffset();
                if (token != JsonToken.START_OBJECT) {
                    throw new MalformedResponseException("line " + (objects + 1) + " of " + what + " is not a JSON object");
                }
                return MAPPER.readTree(parser);
            } catch (JacksonException e) {
                throw new MalformedResponseException("line " + (objects + 1) + " of " + what + " is not valid JSON: "
                        + e.getOriginalMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                parser.close();
                body.close();
            } catch (IOException e) {
                // the stream is given up either way
            }
        }
    }

    private <T> Optional<Page<T>> read(Connection connection, Kind<T> kind, String search, BulkCursor at, String url) {
        String what = "the bulk export of " + kind.name();
        String key = key(connection, at);
        sweep();
        Reader reader = open.remove(key);
        if (reader != null && (reader.objects != at.objects() || reader.pendingOffset != at.offset())) {
            close(reader);
            reader = null;
        }
        try {
            if (reader == null) {
                reader = download(connection, url, at, what);
                if (reader == null) {
                    return restart(connection, kind, search, at);
                }
            }
            List<T> items = new ArrayList<>();
            JsonNode parent = null;
            String parentId = null;
            List<JsonNode> children = new ArrayList<>();
            int lines = 0;
            while (true) {
                JsonNode object = reader.next(what);
                if (object == null) {
                    if (parent != null) {
                        items.addAll(kind.assemble().apply(parent, children));
                    }
                    close(reader);
                    return Optional.of(Page.last(items));
                }
                JsonNode childOf = object.get("__parentId");
                if (childOf == null) {
                    if (parent != null) {
                        items.addAll(kind.assemble().apply(parent, children));
                        if (lines >= PAGE_OBJECTS) {
                            reader.pending = object;
                            reader.lastUsed = System.nanoTime();
                            BulkCursor next = at.at(reader.objects, reader.pendingOffset);
                            open.put(key, reader);
                            reader = null;
                            return Optional.of(notLast(items, next));
                        }
                    }
                    parent = object;
                    parentId = object.path("id").asText("");
                    children = new ArrayList<>();
                } else if (parent != null && childOf.asText().equals(parentId)) {
                    children.add(object);
                } else {
                    throw new MalformedResponseException("line " + (reader.objects + 1) + " of " + what + " belongs to "
                            + childOf.asText() + ", which is not the object just before it; the export asked for grouped"
                            + " objects (groupObjects: true), so children must directly follow their parent");
                }
                reader.objects++;
                lines++;
            }
        } catch (IOException e) {
            throw new ShopUnavailableException("the download of " + what + " broke off: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } finally {
            close(reader);
        }
    }

    /**
     * Opens the result at the cursor's position: from its byte offset when the server honours
     * {@code Range}, else from the start, skipping the objects already read. Null when the link has expired.
     */
    private Reader download(Connection connection, String url, BulkCursor at, String what) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException("Shopify's bulk operation " + at.operation() + " has '" + url + "' as its url");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new MalformedResponseException("Shopify's bulk operation " + at.operation() + " has a url that is not http(s)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(connection.timeout()).GET()
                .header("User-Agent", "Shoplink-Shopify");
        if (at.offset() > 0) {
            request.header("Range", "bytes=" + at.offset() + "-");
        }
        HttpResponse<InputStream> response = client.exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream(),
                connection.timeout(), "the download of " + what);
        int status = response.statusCode();
        if (status == 206) {
            return new Reader(response.body(), at.offset(), at.objects());
        }
        if (status == 200) {
            Reader reader = new Reader(response.body(), 0, 0);
            while (reader.objects < at.objects()) {
                if (reader.next(what) == null) {
                    reader.close();
                    throw new MalformedResponseException(what + " has fewer lines (" + reader.objects + ") than were read before ("
                            + at.objects() + ")");
                }
                reader.objects++;
            }
            return reader;
        }
        response.body().close();
        if (status == 400 || status == 401 || status == 403 || status == 404 || status == 410) {
            return null;
        }
        if (status >= 500) {
            throw new ShopUnavailableException("Shopify's storage answered HTTP " + status + " to the download of " + what);
        }
        throw new MalformedResponseException("Shopify's storage answered HTTP " + status + " to the download of " + what);
    }

    private static String key(Connection connection, BulkCursor at) {
        return ShopifyClient.shopKey(connection) + " " + at.operation();
    }

    /** Closes streams left open by reads that did not come back (a sync stopped or moved to another host). */
    private void sweep() {
        long now = System.nanoTime();
        open.forEach((key, reader) -> {
            if (now - reader.lastUsed > IDLE.toNanos() && open.remove(key, reader)) {
                reader.close();
            }
        });
    }

    /** Open result streams (tests). */
    int openStreams() {
        return open.size();
    }

    /** A page that another follows, at {@code next}. */
    private static <T> Page<T> notLast(List<T> items, BulkCursor next) {
        return new Page<>(items, Optional.of(next.cursor()), OptionalLong.empty(), OptionalInt.empty());
    }

    private static void close(Reader reader) {
        if (reader != null) {
            reader.close();
        }
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
            List<String> parts = ShopifyConnector.CursorText.split(cursor.value(), PREFIX + kind + ":", 4);
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

        Cursor cursor() {
            return Cursor.of(ShopifyConnector.CursorText.join(PREFIX + kind + ":", operation, Long.toString(objects),
                    Long.toString(offset), Integer.toString(restarts)));
        }
    }
}

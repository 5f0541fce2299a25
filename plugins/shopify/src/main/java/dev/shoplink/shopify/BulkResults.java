package dev.shoplink.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.Connection;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads the JSONL result of a completed bulk operation ({@link BulkExport}) as pages.
 *
 * <p><b>Where a read stands.</b> The result is streamed from the operation's {@code url} (no token is
 * sent there) and each page holds whole parents with their children, about {@value #PAGE_OBJECTS}
 * lines. The cursor holds the operation id, the number of JSONL objects read and the byte offset where
 * the next one starts; the open stream is kept for the next call, and a call with a cursor the kept
 * stream is not at (a restarted host, another instance) downloads again from that offset
 * ({@code Range}, else reading and skipping that many objects). So a restarted host neither runs the
 * export again nor yields an item twice.
 *
 * <p><b>Order of lines.</b> The mutation asks for {@code groupObjects: true}: then a parent's nested
 * nodes (variants, line items) follow it directly, and one parent with its children is all that is
 * held. A child line whose {@code __parentId} is not the parent just read is a
 * {@link MalformedResponseException}.
 */
final class BulkResults {
    /** JSONL lines per page, at least; a page ends after a whole parent. */
    static final int PAGE_OBJECTS = 1_000;
    /** An open result stream not used for this long is closed. */
    static final Duration IDLE = Duration.ofMinutes(5);

    private final ShopifyClient client;
    private final ConcurrentMap<String, ResultStream> open = new ConcurrentHashMap<>();

    BulkResults(ShopifyClient client) {
        this.client = client;
    }

    /**
     * The page of the result at {@code at}, read from {@code url}. Empty when the link has expired (HTTP
     * 400/401/403/404/410 from the storage): the caller replaces the operation.
     */
    <T> Optional<Page<T>> read(Connection connection, BulkExport.Kind<T> kind, BulkExport.BulkCursor at, String url) {
        String what = "the bulk export of " + kind.name();
        String key = key(connection, at);
        sweep();
        ResultStream stream = open.remove(key);
        if (stream != null && !stream.isAt(at.objects(), at.offset())) {
            stream.close();
            stream = null;
        }
        try {
            if (stream == null) {
                stream = download(connection, url, at, what);
                if (stream == null) {
                    return Optional.empty();
                }
            }
            Page<T> page = nextPage(stream, kind, at, what);
            if (page.hasNext()) {
                open.put(key, stream);
                stream = null;
            }
            return Optional.of(page);
        } catch (IOException e) {
            throw new ShopUnavailableException("the download of " + what + " broke off: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } finally {
            ResultStream.close(stream);
        }
    }

    /** Reads whole parents with their children until a page holds {@value #PAGE_OBJECTS} lines or the result ends. */
    private static <T> Page<T> nextPage(ResultStream stream, BulkExport.Kind<T> kind, BulkExport.BulkCursor at, String what)
            throws IOException {
        List<T> items = new ArrayList<>();
        JsonNode parent = null;
        String parentId = null;
        List<JsonNode> children = new ArrayList<>();
        int lines = 0;
        while (true) {
            JsonNode object = stream.next(what);
            if (object == null) {
                if (parent != null) {
                    items.addAll(kind.assemble().apply(parent, children));
                }
                return Page.last(items);
            }
            JsonNode childOf = object.get("__parentId");
            if (childOf == null) {
                if (parent != null) {
                    items.addAll(kind.assemble().apply(parent, children));
                    if (lines >= PAGE_OBJECTS) {
                        stream.putBack(object);
                        return at.at(stream.objects, stream.pendingOffset).continuing(items);
                    }
                }
                parent = object;
                parentId = object.path("id").asText("");
                children = new ArrayList<>();
            } else if (parent != null && childOf.asText().equals(parentId)) {
                children.add(object);
            } else {
                throw new MalformedResponseException("line " + (stream.objects + 1) + " of " + what + " belongs to "
                        + childOf.asText() + ", which is not the object just before it; the export asked for grouped"
                        + " objects (groupObjects: true), so children must directly follow their parent");
            }
            stream.objects++;
            lines++;
        }
    }

    /**
     * Opens the result at the cursor's position: from its byte offset when the server honours
     * {@code Range}, else from the start, skipping the objects already read. Null when the link has expired.
     */
    private ResultStream download(Connection connection, String url, BulkExport.BulkCursor at, String what) throws IOException {
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
            return new ResultStream(response.body(), at.offset(), at.objects());
        }
        if (status == 200) {
            return skipped(new ResultStream(response.body(), 0, 0), at.objects(), what);
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

    /** A whole file's stream once the {@code objects} read before have been skipped. */
    private static ResultStream skipped(ResultStream stream, long objects, String what) throws IOException {
        while (stream.objects < objects) {
            if (stream.next(what) == null) {
                stream.close();
                throw new MalformedResponseException(what + " has fewer lines (" + stream.objects + ") than were read before ("
                        + objects + ")");
            }
            stream.objects++;
        }
        return stream;
    }

    /** Closes the stream kept for {@code at}, if any: its operation is being replaced. */
    void discard(Connection connection, BulkExport.BulkCursor at) {
        ResultStream.close(open.remove(key(connection, at)));
    }

    private static String key(Connection connection, BulkExport.BulkCursor at) {
        return ShopifyClient.shopKey(connection) + " " + at.operation();
    }

    /** Closes streams left open by reads that did not come back (a sync stopped or moved to another host). */
    private void sweep() {
        long now = System.nanoTime();
        open.forEach((key, stream) -> {
            if (now - stream.lastUsed > IDLE.toNanos() && open.remove(key, stream)) {
                stream.close();
            }
        });
    }

    /** Open result streams (tests). */
    int openStreams() {
        return open.size();
    }
}

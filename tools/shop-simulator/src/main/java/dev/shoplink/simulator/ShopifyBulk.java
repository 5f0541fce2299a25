package dev.shoplink.simulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's bulk query operations ({@code bulkOperationRunQuery}) for the simulator: an operation is
 * {@code CREATED}, runs on a background thread ({@code RUNNING}, {@code objectCount} growing) that
 * writes the JSONL result to a temporary file, one object a line, nested connections' nodes as
 * their own lines with {@code __parentId} (right after their parent with {@code groupObjects: true}, else
 * after the next parent; {@link ShopifyBulkQueries} writes them), then is {@code COMPLETED} with a {@code url} — or with {@code url: null} when the query
 * matched nothing, as Shopify answers. The url is a signed local link
 * ({@code /shopify-bulk/<id>.jsonl?expires=&signature=}) that needs no access token, like Shopify's
 * storage links, honours {@code Range: bytes=<from>-} and expires with the operation after seven days
 * (status {@code EXPIRED}).
 *
 * <p>API versions from 2026-01 on may run {@value #CONCURRENT_SINCE_2026_01} bulk query operations at a time
 * per shop ({@code LIMIT_REACHED} beyond), older ones one ({@code OPERATION_IN_PROGRESS}).
 */
final class ShopifyBulk {
    static final String DOWNLOAD_PREFIX = "/shopify-bulk/";
    static final int CONCURRENT_SINCE_2026_01 = 5;
    static final Duration KEPT = Duration.ofDays(7);
    static final long ID_BASE = 4_400_000_000L;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** One operation. Fields the background thread changes are volatile or atomic. */
    static final class Operation {
        final long id;
        final String query;
        final Instant createdAt;
        final AtomicLong objectCount = new AtomicLong();
        final AtomicLong rootObjectCount = new AtomicLong();
        volatile String status = "CREATED";
        volatile String errorCode;
        volatile Instant completedAt;
        volatile Path file;
        volatile long fileSize;

        Operation(long id, String query, Instant createdAt) {
            this.id = id;
            this.query = query;
            this.createdAt = createdAt;
        }

        String gid() {
            return "gid://shopify/BulkOperation/" + id;
        }

        boolean running() {
            return status.equals("CREATED") || status.equals("RUNNING");
        }
    }

    /** Where the background thread writes an operation's objects. */
    static final class Sink {
        private final JsonGenerator out;
        private final Operation operation;

        Sink(JsonGenerator out, Operation operation) {
            this.out = out;
            this.operation = operation;
        }

        /** One JSONL line; {@code root} counts it as a top-level object too. */
        void write(JsonNode object, boolean root) {
            try {
                MAPPER.writeTree(out, object);
                out.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            operation.objectCount.incrementAndGet();
            if (root) {
                operation.rootObjectCount.incrementAndGet();
            }
        }
    }

    private final Clock clock;
    private final Map<Long, Operation> operations = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(ID_BASE);
    private final byte[] key = new byte[32];
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "shopify-bulk");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration delay = Duration.ZERO;

    ShopifyBulk(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /** How long each operation waits before it starts running (tests: an operation seen RUNNING over several polls). */
    void delay(Duration delay) {
        this.delay = delay;
    }

    /** The number of operations of the query type still running, for the concurrency limit. */
    synchronized long running() {
        return operations.values().stream().filter(Operation::running).count();
    }

    /** Registers an operation and runs {@code work} on the background thread, writing into its sink. */
    synchronized Operation start(String query, Consumer<Sink> work) {
        Operation op = new Operation(ids.incrementAndGet(), query, clock.instant());
        operations.put(op.id, op);
        runner.execute(() -> run(op, work));
        return op;
    }

    private void run(Operation op, Consumer<Sink> work) {
        try {
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            op.status = "RUNNING";
            Path file = Files.createTempFile("shopify-bulk-" + op.id + "-", ".jsonl");
            file.toFile().deleteOnExit();
            try (JsonGenerator out = MAPPER.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
                out.setRootValueSeparator(null);
                work.accept(new Sink(out, op));
            }
            op.fileSize = Files.size(file);
            op.file = op.objectCount.get() == 0 ? null : file;
            if (op.file == null) {
                Files.deleteIfExists(file);
            }
            op.completedAt = clock.instant();
            op.status = "COMPLETED";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            op.status = "CANCELED";
        } catch (IOException | RuntimeException e) {
            op.errorCode = "INTERNAL_SERVER_ERROR";
            op.completedAt = clock.instant();
            op.status = "FAILED";
        }
    }

    /** The operation with this numeric id, its status brought up to date (seven days after completion: EXPIRED). */
    Operation find(long id) {
        Operation op = operations.get(id);
        if (op != null && op.status.equals("COMPLETED") && op.completedAt != null
                && !clock.instant().isBefore(op.completedAt.plus(KEPT))) {
            op.status = "EXPIRED";
        }
        return op;
    }

    /** The most recently created operation, or null. */
    Operation latest() {
        return operations.values().stream().max((a, b) -> Long.compare(a.id, b.id)).map(op -> find(op.id)).orElse(null);
    }

    /** The signed download link of a completed operation with results, else null. */
    String url(Operation op, String origin) {
        if (!op.status.equals("COMPLETED") || op.file == null) {
            return null;
        }
        long expires = op.completedAt.plus(KEPT).getEpochSecond();
        return origin + DOWNLOAD_PREFIX + op.id + ".jsonl?expires=" + expires + "&signature=" + sign(op.id, expires);
    }

    static boolean isDownloadPath(String path) {
        return path.startsWith(DOWNLOAD_PREFIX);
    }

    /** An answer to a download: status, headers and body. */
    record Download(int status, Map<String, String> headers, InputStream body) {
    }

    /**
     * Serves {@code GET /shopify-bulk/<id>.jsonl}: 403 for a bad or expired signature (as a storage link
     * answers), 404 for no such file, 206 from the offset of a {@code Range: bytes=<from>-} header, else 200.
     */
    Download download(String path, String expiresParam, String signature, String range) {
        String name = path.substring(DOWNLOAD_PREFIX.length());
        long id;
        long expires;
        try {
            id = Long.parseLong(name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : "x");
            expires = Long.parseLong(expiresParam == null ? "x" : expiresParam);
        } catch (NumberFormatException e) {
            return text(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
        }
        if (signature == null || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                sign(id, expires).getBytes(StandardCharsets.UTF_8))) {
            return text(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>Access denied.</Message></Error>");
        }
        if (clock.instant().getEpochSecond() >= expires) {
            return text(400, "<Error><Code>ExpiredToken</Code><Message>Invalid argument.</Message>"
                    + "<Details>Request has expired: " + expires + "</Details></Error>");
        }
        Operation op = find(id);
        if (op == null || op.file == null || !op.status.equals("COMPLETED")) {
            return text(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
        }
        try {
            long from = 0;
            if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
                from = Long.parseLong(range.substring(6, range.length() - 1));
            }
            if (from >= op.fileSize) {
                return new Download(416, Map.of("Content-Range", "bytes */" + op.fileSize), InputStream.nullInputStream());
            }
            FileChannel channel = FileChannel.open(op.file, StandardOpenOption.READ).position(from);
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("Content-Type", "application/jsonl");
            headers.put("Accept-Ranges", "bytes");
            headers.put("Content-Length", Long.toString(op.fileSize - from));
            if (from > 0) {
                headers.put("Content-Range", "bytes " + from + "-" + (op.fileSize - 1) + "/" + op.fileSize);
            }
            return new Download(from > 0 ? 206 : 200, headers, Channels.newInputStream(channel));
        } catch (NumberFormatException e) {
            return text(416, "<Error><Code>InvalidRange</Code></Error>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Download text(int status, String body) {
        return new Download(status, Map.of("Content-Type", "application/xml; charset=UTF-8"),
                new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private String sign(long id, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((id + ":" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** Stops the background thread (an export still running is canceled) and deletes the result files. */
    void close() {
        runner.shutdownNow();
        for (Operation op : operations.values()) {
            Path file = op.file;
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file; deleteOnExit is the fallback
                }
            }
        }
    }
}

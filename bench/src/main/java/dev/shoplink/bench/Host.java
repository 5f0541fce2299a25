package dev.shoplink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The real distribution ({@code bin/shoplink}) as a child process on a loopback port, with its own
 * data folder, admin token and log file. Every started host is stopped when the harness exits.
 */
final class Host implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "bench-host-reaper"));
    }

    private final Process process;
    private final long startedNanos;
    private final int port;
    private final String token;
    private final Path log;
    private long readyNanos = -1;

    private Host(Process process, long startedNanos, int port, String token, Path log) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.port = port;
        this.token = token;
        this.log = log;
    }

    /**
     * Starts {@code <dist>/bin/shoplink} and returns at once; see {@link #awaitReady(Duration)}.
     *
     * @param javaOpts SHOPLINK_JAVA_OPTS, e.g. {@code -Xmx256m}
     * @param shopBaseUrl SHOPLINK_SHIPSTATION_BASE_URL, or null
     */
    static Host start(Path dist, Path dataDir, String javaOpts, String shopBaseUrl, Path log) {
        return start(dist, dataDir, javaOpts, shopBaseUrl, log, Map.of());
    }

    /** As above, with any further environment (e.g. {@code SHOPLINK_SHOPIFY_BASE_URL}) and no ShipStation address. */
    static Host startWithEnv(Path dist, Path dataDir, String javaOpts, Map<String, String> shopEnv, Path log) {
        return start(dist, dataDir, javaOpts, null, log, shopEnv);
    }

    /** As {@link #start(Path, Path, String, String, Path)}, with more environment (e.g. {@code SHOPLINK_DB_URL}). */
    static Host start(Path dist, Path dataDir, String javaOpts, String shopBaseUrl, Path log, Map<String, String> moreEnv) {
        int port = freeLoopbackPort();
        String token = "bench-" + UUID.randomUUID();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHOPLINK_JAVA_OPTS", javaOpts);
        env.put("SHOPLINK_PORT", Integer.toString(port));
        env.put("SHOPLINK_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("SHOPLINK_ADMIN_TOKEN", token);
        if (shopBaseUrl != null) {
            env.put("SHOPLINK_SHIPSTATION_BASE_URL", shopBaseUrl);
        }
        env.putAll(moreEnv);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(List.of(dist.resolve("bin/shoplink").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            long started = System.nanoTime();
            Process p = pb.start();
            RUNNING.add(p);
            return new Host(p, started, port, token, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + dist.resolve("bin/shoplink"), e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code GET /health/ready} every 10 ms; returns the milliseconds from process start to the first 200. */
    double awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the host exited with code " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                HttpResponse<Void> r = client.send(ready, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    readyNanos = System.nanoTime();
                    return (readyNanos - startedNanos) / 1e6;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Bench.sleep(10);
        }
        throw new IllegalStateException("the host was not ready within " + timeout + "; see " + log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String token() {
        return token;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, wait up to 30 s for the clean stop (a JFR recording is written then), else kill. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        RUNNING.remove(process);
    }

    @Override
    public void close() {
        stop();
    }
}

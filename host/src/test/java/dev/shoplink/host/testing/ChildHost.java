package dev.shoplink.host.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The host as its own process (a child JVM on the test class path running {@code Main}), so a
 * test can kill it the way a power cut or the OOM killer would: {@code SIGKILL}, no shutdown hook.
 */
public final class ChildHost implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChildHost(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code dev.shoplink.host.Main} with {@code env} on a free port; does not wait for it. */
    public static ChildHost start(Map<String, String> env, Path log) {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                // the host's own logging (INFO), not the tests' quiet one: the log is what a failed run is read from
                "-Dlogback.configurationFile=logback.xml", "-cp",
                System.getProperty("java.class.path"), "dev.shoplink.host.Main");
        pb.environment().putAll(env);
        pb.environment().put("SHOPLINK_PORT", Integer.toString(port));
        try {
            Files.createDirectories(log.getParent());
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new ChildHost(pb.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChildHost awaitReady() {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the host exited with " + process.exitValue() + ": " + tail());
                }
                return http.send(HttpRequest.newBuilder(uri("/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the host was not ready within 90 s; its log ends:\n" + tail(), e);
        }
        return this;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook, no flush, nothing the host can do about it. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, as an operator or a service manager stops it; returns the exit code. */
    public int terminate() {
        process.destroy();
        return waitFor();
    }

    private int waitFor() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of the host's output. */
    public String tail() {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public TestHost.Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public TestHost.Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(publisher(body)).header("Content-Type", "application/json"));
    }

    public TestHost.Response send(HttpRequest.Builder request) {
        request.header("Authorization", "Bearer " + TestHost.TOKEN);
        return TestHost.exchange(http, request);
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}

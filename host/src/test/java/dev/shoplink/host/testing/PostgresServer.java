package dev.shoplink.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * A real PostgreSQL server for the test run, started once from the machine's own binaries
 * (Debian's {@code postgresql} package: {@code /usr/lib/postgresql/<major>/bin}, or {@code PG_BIN})
 * in a temporary folder, on a free loopback port, and stopped when the test JVM ends. Each test
 * gets a database of its own. {@code initdb} refuses to run as root, so as root the cluster
 * belongs to the {@code postgres} (or {@code nobody}) user.
 *
 * <p>Settings trade durability of the server itself for speed ({@code fsync=off}): the tests kill
 * the Shoplink host, never the database server, whose committed data stays in its memory and files.
 */
public final class PostgresServer {
    private static PostgresServer instance;
    private static RuntimeException unavailable;

    private final int port;
    private final Process process;
    private final Path dataDir;

    private PostgresServer(int port, Process process, Path dataDir) {
        this.port = port;
        this.process = process;
        this.dataDir = dataDir;
    }

    /** The server of this test run, started on first use; aborts the calling test when PostgreSQL is not installed. */
    public static synchronized PostgresServer get() {
        if (instance == null && unavailable == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                unavailable = e;
            }
        }
        if (unavailable != null) {
            if (unavailable instanceof TestAbortedException) {
                throw unavailable;
            }
            throw new IllegalStateException("PostgreSQL did not start: " + unavailable.getMessage(), unavailable);
        }
        return instance;
    }

    public static Optional<Path> binaries() {
        String given = System.getenv("PG_BIN");
        if (given != null && Files.isExecutable(Path.of(given, "initdb"))) {
            return Optional.of(Path.of(given));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static PostgresServer start() {
        Path bin = binaries().orElseThrow(() -> new TestAbortedException(
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb and no PG_BIN): apt-get install postgresql"));
        try {
            Path dataDir = Files.createTempDirectory("shoplink-pg-");
            List<String> asUser = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                String user = userExists("postgres") ? "postgres" : "nobody";
                run(List.of("chown", user, dataDir.toString()));
                dataDir.toFile().setReadable(true, false);
                dataDir.getParent().toFile().setExecutable(true, false);
                asUser = List.of("runuser", "-u", user, "--");
            }
            List<String> initdb = new ArrayList<>(asUser);
            initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", dataDir.resolve("cluster").toString(), "-A", "trust",
                    "-U", "shoplink", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"));
            run(initdb);
            int port = freePort();
            List<String> postgres = new ArrayList<>(asUser);
            postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", dataDir.resolve("cluster").toString(),
                    "-p", Integer.toString(port), "-k", dataDir.toString(), "-c", "listen_addresses=127.0.0.1",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=300", "-c", "shared_buffers=128MB"));
            Process process = new ProcessBuilder(postgres).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("postgres.log").toFile()).start();
            PostgresServer server = new PostgresServer(port, process, dataDir);
            server.awaitAccepting();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAccepting() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(url("postgres"), "shoplink", "")) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not start (log in " + dataDir.resolve("postgres.log") + "): "
                            + e.getMessage(), e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
        }
    }

    /** The JDBC URL of a database, created on first use (same name, same database). */
    public synchronized String database(String name) {
        String db = name.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        if (db.length() > 60) {
            db = db.substring(0, 40) + "_" + Integer.toHexString(name.hashCode());
        }
        try (Connection c = DriverManager.getConnection(url("postgres"), "shoplink", "")) {
            boolean exists;
            try (var s = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                s.setString(1, db);
                exists = s.executeQuery().next();
            }
            if (!exists) {
                try (var s = c.createStatement()) {
                    s.execute("create database \"" + db + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + db + ": " + e.getMessage(), e);
        }
        return url(db);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    private void stop() {
        if (process.isAlive()) {
            try {
                // SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave)
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder
        }
    }

    private static boolean userExists(String user) {
        try {
            return new ProcessBuilder("id", "-u", user).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

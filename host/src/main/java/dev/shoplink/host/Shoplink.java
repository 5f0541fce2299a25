package dev.shoplink.host;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.shoplink.host.config.AdminToken;
import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.db.Database;
import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.HttpServer;
import dev.shoplink.host.integrations.CredentialKeys;
import dev.shoplink.host.integrations.CredentialVault;
import dev.shoplink.host.orders.OrderSearch;
import dev.shoplink.host.plugins.PluginHost;
import dev.shoplink.host.search.OrderTextIndex;
import dev.shoplink.host.sync.SyncScheduler;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running host: database, plugins, background sync and the HTTP server, started in that
 * order and stopped in reverse. Tests start it in-process on port 0.
 */
public final class Shoplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Shoplink.class);

    private final HostConfig config;
    private final Database database;
    private final PluginHost plugins;
    private final SyncScheduler scheduler;
    private final Javalin http;
    private final AdminToken token;
    private final List<String> routes;
    private final AtomicBoolean ready;
    private final Optional<OrderTextIndex> search;
    private volatile boolean closed;

    private Shoplink(HostConfig config, Database database, PluginHost plugins, SyncScheduler scheduler, Javalin http,
                     AdminToken token, List<String> routes, AtomicBoolean ready, Optional<OrderTextIndex> search) {
        this.config = config;
        this.database = database;
        this.plugins = plugins;
        this.scheduler = scheduler;
        this.http = http;
        this.token = token;
        this.routes = routes;
        this.ready = ready;
        this.search = search;
    }

    /** Starts everything; a {@link ConfigException} says in one line why it could not. */
    public static Shoplink start(HostConfig config, Clock clock) {
        Shoplink host = startNotReady(config, clock);
        host.markReady();
        return host;
    }

    /**
     * Starts everything but leaves {@code /health/ready} at 503 until {@link #markReady()}: the demo first creates
     * its integrations through the API.
     */
    public static Shoplink startNotReady(HostConfig config, Clock clock) {
        long t0 = System.nanoTime();
        StartPhases phases = new StartPhases(t0);
        // the plugins folder and the database are independent: the plugins are read, unpacked and started on a
        // thread of their own while the database is opened and migrated; both are done before anything uses them
        PluginHost plugins = new PluginHost(config.pluginsDir(), config.connectorTimeout());
        FutureTask<Integer> scan = scanBeside(plugins);
        Database database;
        try {
            database = Database.open(config);
        } catch (RuntimeException e) {
            awaitQuietly(scan, e);
            plugins.close();
            throw e;
        }
        phases.done("database (pool, Flyway validate/migrate; plugins scanned beside it)");
        SyncScheduler scheduler = null;
        Javalin http = null;
        Optional<OrderTextIndex> search = Optional.empty();
        try {
            search = textIndex(database);
            phases.done("orders' text index (opened, caught up in the background)");
            await(scan);
            phases.done("plugins (scan, unpack, start; the rest of the scan after the database)");
            AdminToken token = AdminToken.resolve(config);
            phases.done("admin token");
            CredentialVault vault = CredentialKeys.open(config, database.jdbi());
            phases.done("credential vault");
            Injector injector = Guice.createInjector(new HostModule(config, database, plugins, clock, vault,
                    searchStatus(database, search)));
            Set<ApiRoutes> features = injector.getInstance(Key.get(new TypeLiteral<Set<ApiRoutes>>() { }));
            scheduler = injector.getInstance(SyncScheduler.class);
            phases.done("wiring (Guice)");
            List<String> routes = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean ready = new AtomicBoolean();
            http = HttpServer.create(token.value(), ready::get, features, routes);
            phases.done("HTTP routes (Javalin)");
            serve(http, config);
            phases.done("HTTP server start (Jetty)");
            scheduler.start();
            phases.done("sync scheduler");
            plugins.watch(config.pluginScanInterval());
            phases.done("plugin folder watch");
            phases.log();
            long started = plugins.plugins().stream().filter(p -> p.state().equals("STARTED")).count();
            LOG.info("Shoplink started in {} ms — data {}, plugins {} ({} started of {}), admin token from {}{}",
                    Duration.ofNanos(System.nanoTime() - t0).toMillis(), config.dataDir(),
                    config.pluginsDir(), started, plugins.plugins().size(), token.source(), config.demo() ? " [DEMO]" : "");
            return new Shoplink(config, database, plugins, scheduler, http, token, List.copyOf(routes), ready, search);
        } catch (RuntimeException e) {
            search.ifPresent(OrderTextIndex::close);
            undoStart(e, http, scheduler, scan, plugins, database);
            throw e;
        }
    }

    /**
     * The embedded store's text index of orders in {@code <data>/search} (PostgreSQL has its trigram index), installed
     * for every handle of the store: it opens, builds or catches up on a thread of its own; searches scan meanwhile.
     */
    private static Optional<OrderTextIndex> textIndex(Database database) {
        Optional<OrderTextIndex> index = database.embeddedFolder()
                .map(dir -> OrderTextIndex.start(dir.resolve("search"), database.jdbi(), database.uncleanStop()));
        index.ifPresent(i -> database.jdbi().getConfig(OrderSearch.Installed.class).use(i));
        return index;
    }

    private static Supplier<String> searchStatus(Database database, Optional<OrderTextIndex> search) {
        if (search.isPresent()) {
            OrderTextIndex index = search.get();
            return () -> "text index in the data folder: " + index.status();
        }
        String fixed = database.postgres() ? "the database's trigram index (pg_trgm, migration V8)" : "none: the search scans";
        return () -> fixed;
    }

    /** The first plugin scan, on a thread of its own beside the database's opening. */
    private static FutureTask<Integer> scanBeside(PluginHost plugins) {
        FutureTask<Integer> scan = new FutureTask<>(plugins::scan);
        Thread scanning = new Thread(scan, "plugin-first-scan");
        scanning.setDaemon(true);
        scanning.start();
        return scan;
    }

    private static void serve(Javalin http, HostConfig config) {
        try {
            http.start(config.bind(), config.port());
        } catch (RuntimeException e) {
            throw new ConfigException("cannot serve HTTP on port " + config.port() + " of " + config.bind() + ": "
                    + ExceptionUtils.getRootCauseMessage(e), e);
        }
    }

    /** Stops what a failed start had started, in reverse order; what fails while stopping is added to {@code e}. */
    private static void undoStart(RuntimeException e, Javalin http, SyncScheduler scheduler, FutureTask<Integer> scan,
                                  PluginHost plugins, Database database) {
        if (http != null) {
            try {
                http.stop(); // a failure after it started must not leave the port held
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
        }
        if (scheduler != null) {
            scheduler.stop();
        }
        awaitQuietly(scan, e);
        plugins.close();
        database.close();
    }

    /** The plugin scan's result; its failure is rethrown as it was. */
    private static void await(FutureTask<Integer> scan) {
        try {
            scan.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the plugins were scanned", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for the scan to end before the plugins are closed after a failed start; its own failure is suppressed. */
    private static void awaitQuietly(FutureTask<Integer> scan, RuntimeException failure) {
        try {
            await(scan);
        } catch (RuntimeException | Error e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }

    /** The bind address as a URL's host: loopback and "every interface" read as localhost, IPv6 in brackets. */
    private static String urlHost(String bind) {
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("127.0.0.1") || bind.equals("::1")) {
            return "localhost";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }


    /** Opens {@code /health/ready} and says in one line where the UI and the admin token are. */
    public void markReady() {
        if (ready.compareAndSet(false, true)) {
            String tokenAt = config.adminToken().isPresent() ? "$SHOPLINK_ADMIN_TOKEN"
                    : config.dataDir().resolve(AdminToken.FILE_NAME).toString();
            LOG.info("Shoplink ready{}: open http://{}:{}/ — admin token in {}", config.demo() ? " (demo)" : "",
                    urlHost(config.bind()), port(), tokenAt);
        }
    }

    public int port() {
        return http.port();
    }

    public String adminToken() {
        return token.value();
    }

    public HostConfig config() {
        return config;
    }

    /** The plugin host (for tests and tools that look at plugins in-process). */
    public PluginHost plugins() {
        return plugins;
    }

    /** The store's connection pool (for tests and tools that look at the database in-process). */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /** "METHOD /path" of every registered route. */
    public List<String> routes() {
        return routes;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Shoplink stopping");
        http.stop();
        scheduler.stop();
        plugins.close();
        // after the last writer, before the store: the index's clean commit records the store as it is left
        search.ifPresent(OrderTextIndex::close);
        database.close();
    }
}

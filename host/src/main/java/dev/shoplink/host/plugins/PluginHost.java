package dev.shoplink.host.plugins;

import dev.shoplink.api.ShopConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads connector archives from the plugins folder through PF4J and keeps them in step with the
 * folder while the host runs: an archive copied in is started, one replaced by a newer version is
 * swapped under its running syncs, one removed is stopped and unloaded. A broken archive is
 * reported (state {@code FAILED} with a sentence saying why) and never stops the others.
 *
 * <p>The work is shared out: {@link ArchiveFolder} reads the folder (a file only once it settled
 * for {@link #SETTLE}, so an archive still being copied is never loaded half-written),
 * {@link FolderWatch} asks for looks while the host runs ({@link #watch}), {@link PluginRules}
 * decides which archive of a plugin id runs and which plugin keeps a connector id,
 * {@link RunningPlugins} starts, replaces and stops the plugins through {@link PluginLoader} (PF4J),
 * and {@link ServedConnectors} hands out each connector id's {@link GuardedConnector}: calls run with
 * a per-call timeout on a pool of the plugin's own, the connector's own exceptions become messages
 * without secrets, and the guard survives plugin versions (replacing a plugin pauses its connectors'
 * calls between two calls).
 */
public final class PluginHost implements Connectors, AutoCloseable {
    /** How long one connector call may take unless the host is built with another value. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
    /** How long a new or changed file must keep its size and modification time before it is read. */
    public static final Duration SETTLE = Duration.ofMillis(250);
    /** The plugin id {@link #serveInProcess} lists its connectors under. */
    public static final String IN_PROCESS = "in-process";

    private final Path pluginsDir;
    private final ArchiveFolder folder;
    private final ServedConnectors connectors;
    private final RunningPlugins plugins;
    private final PluginLoader loader;
    private final FolderWatch watch;
    /** What {@link #plugins()} lists, written at the end of each look, so that readers never wait for a look (or a pause). */
    private volatile List<Listed> listed = List.of();
    private volatile Duration callTimeout;
    /** Plugins started by every look at the folder so far: {@link #scan()} answers its share. */
    private final AtomicInteger startedTotal = new AtomicInteger();

    public PluginHost(Path pluginsDir) {
        this(pluginsDir, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * @param pluginsDir the plugins folder
     * @param callTimeout how long one connector call may take before the host gives up on it
     */
    public PluginHost(Path pluginsDir, Duration callTimeout) {
        this.pluginsDir = pluginsDir;
        this.callTimeout = positive(callTimeout);
        this.loader = new PluginLoader(pluginsDir, this::callTimeout);
        PluginRules rules = new PluginRules(loader.versions());
        this.folder = new ArchiveFolder(pluginsDir, rules);
        this.connectors = new ServedConnectors(this::callTimeout);
        this.plugins = new RunningPlugins(folder, loader, rules, connectors, this::callTimeout);
        this.watch = new FolderWatch(pluginsDir, () -> scanOnce(false));
    }

    /** The per-call timeout of the connectors handed out. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** Changes the per-call timeout; it applies to the next call of every connector. */
    public void callTimeout(Duration timeout) {
        this.callTimeout = positive(timeout);
    }

    private static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the connector call timeout must be positive: " + timeout);
        }
        return timeout;
    }

    /**
     * Brings the plugins in step with the folder now: new and changed archives are read (a file
     * written within the last {@link #SETTLE} is looked at again after that long, up to a few times),
     * removed ones stopped, and archives of plugins that are not running are tried again. Returns how
     * many plugins were started while it ran: by its own looks, or by a look of the folder watch that was
     * under way or interleaved with them (the two share the settle wait of a new file, so either may be
     * the one that starts it).
     */
    public int scan() {
        int before = startedTotal.get();
        for (int look = 0; look < 4; look++) {
            if (!scanOnce(true)) {
                break;
            }
            try {
                Thread.sleep(SETTLE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return startedTotal.get() - before;
    }

    /**
     * One look at the folder.
     *
     * @param retry whether plugins that are not running are tried again, and a file that is not a
     *     readable zip is reported at once (an explicit rescan), rather than after {@link ArchiveFolder#INCOMPLETE_GRACE}
     * @return whether a file was still changing (look again after {@link #SETTLE})
     */
    private synchronized boolean scanOnce(boolean retry) {
        ArchiveFolder.Change change = folder.look(retry);
        if (retry) {
            folder.pluginIds().filter(id -> !plugins.isRunning(id)).forEach(change.dirty()::add);
        }
        if (!change.dirty().isEmpty()) {
            startedTotal.addAndGet(plugins.settle(change.dirty()));
        }
        connectors.publish();
        listed = folder.listed().entrySet().stream()
                .map(e -> new Listed(e.getValue(), plugins.callsFrom(e.getValue().id(), e.getKey()))).toList();
        return change.unsettled();
    }

    /**
     * Keeps the plugins in step with the folder while the host runs: a {@link java.nio.file.WatchService} asks for
     * a look whenever a file of the folder is created, written or deleted, and a look that found a
     * file still changing asks for another {@link #SETTLE} later; {@code fallback} is the periodic
     * look for file systems whose changes the watch service misses (network shares). Zero or less
     * turns both off.
     */
    public void watch(Duration fallback) {
        watch.start(fallback);
    }

    /** Every archive of the folder, in the order they were first seen. */
    public List<PluginInfo> plugins() {
        return listed.stream().map(l -> l.calls() == null ? l.info() : l.info().withCalls(l.calls().get())).toList();
    }

    /** An archive as listed, with the call count of its plugin while it runs. */
    private record Listed(PluginInfo info, AtomicLong calls) {
    }

    /** The class loader of the running plugin, for tests that check it is released after the plugin is unloaded. */
    synchronized Optional<ClassLoader> classLoaderOf(String pluginId) {
        return plugins.classLoaderOf(pluginId);
    }

    /** Connectors of started plugins, by id; each is guarded (per-call timeout, no secrets in messages). */
    @Override
    public List<ConnectorEntry> connectors() {
        return connectors.all();
    }

    @Override
    public Optional<ConnectorEntry> connector(String id) {
        return connectors.get(id);
    }

    /**
     * Why no plugin serves the connector id, a sentence; empty when one does. A connector id no
     * plugin has served since the host started is missing too (its archive is not in the folder).
     */
    @Override
    public Optional<String> missing(String connectorId) {
        return connectors.missing(connectorId, pluginsDir);
    }

    /**
     * Serves a connector instance created on the host's own class path, without an archive, behind the same guard as
     * a plugin's connectors (per-call timeout on a pool of its own, exceptions mapped, secrets masked). The seam of
     * the host's own tests: they serve an in-memory shop this way where the test is about the host, not about plugin
     * archives. It is listed in {@link #connectors()} (plugin id {@value #IN_PROCESS}), not in {@link #plugins()}; the
     * id stays taken while the host runs, so an archive offering it later is refused like any other newcomer.
     *
     * @throws IllegalStateException when a plugin already serves the connector's id
     */
    public synchronized ConnectorEntry serveInProcess(ShopConnector connector) {
        return connectors.serveInProcess(connector);
    }

    public Path pluginsDir() {
        return pluginsDir;
    }

    @Override
    public void close() {
        watch.close();
        synchronized (this) {
            connectors.close();
            plugins.unloadAll();
            loader.unloadAll();
        }
    }
}

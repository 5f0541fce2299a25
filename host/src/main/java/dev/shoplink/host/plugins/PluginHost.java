package dev.shoplink.host.plugins;

import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.PluginApi;
import dev.shoplink.api.ShopConnector;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.SingletonExtensionFactory;
import org.pf4j.VersionManager;
import org.pf4j.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads connector archives from the plugins folder through PF4J. A broken archive is reported
 * (state {@code FAILED} with a sentence saying why) and never stops the others. New archives are
 * picked up by {@link #scan()}, which a background thread calls periodically.
 *
 * <p>The rules (docs/ARCHITECTURE.md, "Plugin rules"), none of which depends on file names or the
 * order of the folder:
 * <ul>
 *   <li><b>One plugin id, one archive.</b> Archives of one plugin id found in the same scan: the
 *       highest version that starts is used, lower ones are {@code REPLACED}. A version found in
 *       more than one archive is ambiguous: none of those archives is started ({@code FAILED}), and
 *       the next lower version is tried. An archive whose plugin id is already running is not
 *       loaded: a higher version is {@code RESTART_NEEDED} (used from the next start), the same
 *       version {@code FAILED}, a lower one {@code REPLACED}.</li>
 *   <li><b>One connector id, one plugin.</b> A connector id served by a running plugin stays with
 *       it: a newcomer offering it is refused ({@code FAILED}, stopped and unloaded) and is never
 *       handed that connector's integrations or credentials. Several newcomers of one scan offering
 *       the same free id: the plugin whose plugin id equals the connector id keeps it; without such
 *       a plugin none of them is started.</li>
 *   <li><b>Guarded calls.</b> Every connector handed out is a {@link GuardedConnector}: calls run
 *       with a per-call timeout, and the connector's own exceptions become messages without
 *       secrets.</li>
 * </ul>
 *
 * <p>Archives are only ever added while the host runs; replacing or removing one needs a
 * restart, because a plugin class loader is only released once nothing references it.
 */
public final class PluginHost implements AutoCloseable {
    /** How long one connector call may take unless the host is built with another value. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);
    private static final AtomicInteger CALL_THREADS = new AtomicInteger();

    private final Path pluginsDir;
    private final DefaultPluginManager manager;
    private final VersionManager versions;
    private final ExecutorService calls;
    private final Map<Path, PluginInfo> archives = new LinkedHashMap<>();
    /** Plugin id → the archive of the plugin running under it. */
    private final Map<String, ArchiveDescriptor> running = new HashMap<>();
    /** Connector id → the connector serving it; an id once given stays with its plugin until the host stops. */
    private final Map<String, ConnectorEntry> served = new TreeMap<>();
    private volatile List<ConnectorEntry> connectors = List.of();
    private volatile Duration callTimeout;
    private ScheduledExecutorService watcher;

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
        this.manager = new DefaultPluginManager(pluginsDir) {
            @Override
            protected ExtensionFactory createExtensionFactory() {
                // one connector instance per plugin: connectors may keep rate-limit pacing state
                return new SingletonExtensionFactory(this);
            }

            @Override
            protected PluginFactory createPluginFactory() {
                return new ReportingPluginFactory();
            }
        };
        manager.setSystemVersion(PluginApi.VERSION);
        this.versions = manager.getVersionManager();
        // connector calls: a hung call keeps its (daemon) thread, so the pool grows rather than queues
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "connector-call-" + CALL_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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

    /** Loads every archive not seen yet; returns how many plugins were started by this call. */
    public synchronized int scan() {
        if (!Files.isDirectory(pluginsDir)) {
            return 0;
        }
        List<Path> fresh = archivesIn(pluginsDir).stream().filter(a -> !archives.containsKey(a)).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        Map<Path, PluginInfo> results = new HashMap<>();
        Map<String, List<ArchiveDescriptor>> byId = new TreeMap<>();
        for (Path archive : fresh) {
            ArchiveDescriptor descriptor;
            try {
                descriptor = ArchiveDescriptor.read(archive);
            } catch (PluginLoadException e) {
                String fileId = archive.getFileName().toString().replaceFirst("(?i)\\.(zip|jar)$", "");
                results.put(archive, failed(fileId, archive, "", e.getMessage()));
                continue;
            }
            try {
                checkVersions(descriptor);
                byId.computeIfAbsent(descriptor.id(), id -> new ArrayList<>()).add(descriptor);
            } catch (PluginLoadException e) {
                results.put(archive, failed(descriptor, e.getMessage()));
            }
        }
        List<Accepted> startedNow = new ArrayList<>();
        for (Map.Entry<String, List<ArchiveDescriptor>> group : byId.entrySet()) {
            ArchiveDescriptor current = running.get(group.getKey());
            if (current != null) {
                group.getValue().forEach(d -> results.put(d.archive(), besideRunning(d, current)));
            } else {
                startHighest(group.getKey(), group.getValue(), results, startedNow);
            }
        }
        int started = settleConnectorIds(startedNow, results);
        fresh.forEach(archive -> archives.put(archive, results.get(archive)));
        connectors = List.copyOf(served.values());
        return started;
    }

    /** A valid plugin version, and a plugin-API range this host satisfies. */
    private void checkVersions(ArchiveDescriptor d) {
        try {
            versions.compareVersions(d.version(), d.version());
        } catch (RuntimeException e) {
            throw new PluginLoadException("its version '" + d.version() + "' is not a version number such as 1.2.0");
        }
        String requires = d.requires();
        if (requires.isEmpty() || "*".equals(requires)) {
            return;
        }
        // as PF4J reads it: an exact version x.y.z means "at least x.y.z"
        String expression = requires.matches("\\d+\\.\\d+\\.\\d+") ? ">=" + requires : requires;
        boolean satisfied;
        try {
            satisfied = versions.checkVersionConstraint(PluginApi.VERSION, expression);
        } catch (RuntimeException e) {
            throw new PluginLoadException("its " + d.requiresKey() + " '" + requires
                    + "' is not a version range such as >=1.0.0 & <2.0.0");
        }
        if (!satisfied) {
            String major = PluginApi.VERSION.substring(0, PluginApi.VERSION.indexOf('.'));
            throw new PluginLoadException("requires plugin API " + requires + " (" + d.requiresKey() + ") but this host provides "
                    + PluginApi.VERSION + "; install a build of the plugin made for plugin API " + major + ".x");
        }
    }

    /** An archive whose plugin id is already running: it is not loaded, whatever its version. */
    private PluginInfo besideRunning(ArchiveDescriptor d, ArchiveDescriptor current) {
        int order = versions.compareVersions(d.version(), current.version());
        if (order > 0) {
            return noted(d, PluginInfo.RESTART_NEEDED, "version " + d.version() + " of plugin '" + d.id()
                    + "' replaces the running version " + current.version() + " (" + current.file()
                    + ") at the next start: a running plugin is only replaced by a restart");
        }
        if (order == 0) {
            return failed(d, "plugin '" + d.id() + "' version " + d.version() + " is already running from " + current.file()
                    + "; a second archive with the same plugin id and version is not loaded: remove one of the two");
        }
        return noted(d, PluginInfo.REPLACED, "replaced by version " + current.version() + " of plugin '" + d.id() + "' ("
                + current.file() + "), which is newer and running");
    }

    /**
     * Archives of one plugin id, none running: the highest version that starts is used. A version
     * in several archives is ambiguous and none of them is started; lower versions are replaced.
     */
    private void startHighest(String id, List<ArchiveDescriptor> group, Map<Path, PluginInfo> results,
                              List<Accepted> startedNow) {
        Map<String, List<ArchiveDescriptor>> tiers = new TreeMap<>((a, b) -> versions.compareVersions(b, a));
        group.forEach(d -> tiers.computeIfAbsent(d.version(), v -> new ArrayList<>()).add(d));
        ArchiveDescriptor winner = null;
        for (List<ArchiveDescriptor> tier : tiers.values()) {
            if (winner != null) {
                ArchiveDescriptor used = winner;
                tier.forEach(d -> results.put(d.archive(), noted(d, PluginInfo.REPLACED, "replaced by version "
                        + used.version() + " of plugin '" + id + "' (" + used.file()
                        + "): of several archives of one plugin, the highest version that starts is used")));
                continue;
            }
            if (tier.size() > 1) {
                String files = tier.stream().map(ArchiveDescriptor::file).sorted().collect(Collectors.joining(", "));
                tier.forEach(d -> results.put(d.archive(), failed(d, "plugin '" + id + "' version " + d.version() + " is in "
                        + tier.size() + " archives (" + files + "); which one to run is ambiguous, so none of them was"
                        + " started: remove all but one")));
                continue;
            }
            ArchiveDescriptor candidate = tier.get(0);
            try {
                startedNow.add(start(candidate));
                winner = candidate;
            } catch (PluginLoadException e) {
                results.put(candidate.archive(), failed(candidate, e.getMessage()));
            }
        }
    }

    /** Loads and starts one archive and reads its connectors; on any failure it is unloaded again. */
    private Accepted start(ArchiveDescriptor d) {
        Path pluginPath;
        try {
            pluginPath = FileUtils.isZipFile(d.archive()) ? FileUtils.expandIfZip(d.archive()) : d.archive();
        } catch (IOException | RuntimeException e) {
            throw new PluginLoadException("the archive could not be unpacked in the plugins folder: " + sentence(e));
        }
        try {
            String pluginId = manager.loadPlugin(pluginPath);
            if (!d.id().equals(pluginId)) {
                throw new PluginLoadException("PF4J read plugin id '" + pluginId + "' from the unpacked archive, not '"
                        + d.id() + "'");
            }
            PluginWrapper wrapper = manager.getPlugin(pluginId);
            if (wrapper.getPluginState() == PluginState.DISABLED) {
                throw new PluginLoadException("PF4J disabled it (its " + d.requiresKey() + " '" + d.requires()
                        + "' against plugin API " + PluginApi.VERSION + ")");
            }
            wrapper.getPlugin(); // its Plugin-Class: ReportingPluginFactory says why it cannot be created
            PluginState state;
            try {
                state = manager.startPlugin(pluginId);
            } catch (RuntimeException | LinkageError e) {
                throw new PluginLoadException("its plugin class " + wrapper.getDescriptor().getPluginClass()
                        + " failed to start: " + sentence(e));
            }
            if (state != PluginState.STARTED) {
                throw new PluginLoadException("it did not start (PF4J left it " + state + ")");
            }
            return new Accepted(d, connectorsOf(pluginId));
        } catch (PluginLoadException e) {
            unload(d.id());
            throw e;
        } catch (RuntimeException | LinkageError e) {
            unload(d.id());
            throw new PluginLoadException("PF4J could not load it: " + sentence(e));
        }
    }

    /** The plugin's connectors with their descriptors, each created from the plugin's own classes. */
    private List<Offered> connectorsOf(String pluginId) {
        List<Class<? extends ShopConnector>> classes = manager.getExtensionClasses(ShopConnector.class, pluginId);
        if (classes.isEmpty()) {
            throw new PluginLoadException("it provides no ShopConnector extension: its META-INF/extensions.idx names no"
                    + " class of the archive that implements " + ShopConnector.class.getName());
        }
        ClassLoader own = manager.getPluginClassLoader(pluginId);
        List<Offered> offered = new ArrayList<>();
        for (Class<? extends ShopConnector> type : classes) {
            if (type.getClassLoader() != own) {
                throw new PluginLoadException("its connector class " + type.getName() + " is not in the archive (it was"
                        + " found on the host's class path); a plugin may only offer its own classes");
            }
            ShopConnector instance;
            try {
                instance = manager.getExtensionFactory().create(type);
            } catch (RuntimeException | LinkageError e) {
                throw new PluginLoadException("its connector class " + type.getName() + " could not be created: "
                        + sentence(e));
            }
            ConnectorDescriptor descriptor = descriptorOf(type, instance);
            for (Offered other : offered) {
                if (other.descriptor().id().equals(descriptor.id())) {
                    throw new PluginLoadException("it offers connector '" + descriptor.id() + "' twice ("
                            + other.connector().getClass().getName() + " and " + type.getName() + ")");
                }
            }
            offered.add(new Offered(descriptor, instance));
        }
        return offered;
    }

    /** The connector's descriptor, asked once, within the call timeout. */
    private ConnectorDescriptor descriptorOf(Class<?> type, ShopConnector connector) {
        Duration limit = callTimeout;
        Future<ConnectorDescriptor> answer = calls.submit(connector::descriptor);
        try {
            ConnectorDescriptor descriptor = answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            if (descriptor == null) {
                throw new PluginLoadException("descriptor() of its connector class " + type.getName() + " returned nothing");
            }
            return descriptor;
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new PluginLoadException("descriptor() of its connector class " + type.getName() + " did not answer within "
                    + GuardedConnector.human(limit));
        } catch (ExecutionException e) {
            throw new PluginLoadException("descriptor() of its connector class " + type.getName() + " failed: "
                    + sentence(e.getCause()));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new PluginLoadException("the host stopped while reading the descriptor of its connector class "
                    + type.getName());
        }
    }

    /**
     * Hands out the connector ids the plugins started by this scan offer, or refuses a plugin (it
     * is stopped and unloaded) when another plugin has the id. Returns how many plugins stay started.
     */
    private int settleConnectorIds(List<Accepted> startedNow, Map<Path, PluginInfo> results) {
        Map<String, List<Accepted>> claims = new TreeMap<>();
        startedNow.forEach(a -> a.offered().forEach(o -> claims.computeIfAbsent(o.descriptor().id(), id -> new ArrayList<>())
                .add(a)));
        Map<Accepted, String> refused = new IdentityHashMap<>();
        for (Map.Entry<String, List<Accepted>> claim : claims.entrySet()) {
            String id = claim.getKey();
            List<Accepted> claimants = claim.getValue();
            ConnectorEntry holder = served.get(id);
            if (holder != null) {
                claimants.forEach(a -> refused.putIfAbsent(a, "offers connector '" + id + "', which plugin '"
                        + holder.pluginId() + "' " + holder.pluginVersion() + " already provides; a connector id belongs"
                        + " to one plugin, so this plugin was not started and is never handed that connector's integrations"));
                continue;
            }
            if (claimants.size() > 1) {
                Optional<Accepted> owner = claimants.stream().filter(a -> a.descriptor().id().equals(id)).findFirst();
                for (Accepted a : claimants) {
                    if (owner.isPresent() && owner.get() == a) {
                        continue;
                    }
                    String others = claimants.stream().filter(o -> o != a).map(o -> "'" + o.descriptor().id() + "'")
                            .collect(Collectors.joining(", "));
                    refused.putIfAbsent(a, owner.isPresent()
                            ? "offers connector '" + id + "', which plugin '" + id + "' offers too; the plugin whose id is"
                                    + " the connector id keeps it, so this plugin was not started"
                            : "offers connector '" + id + "', which plugin " + others + " offers too in the same scan;"
                                    + " which one should serve it is ambiguous, so none of them was started: remove all"
                                    + " but one and restart the host");
                }
            }
        }
        int started = 0;
        for (Accepted a : startedNow) {
            ArchiveDescriptor d = a.descriptor();
            String reason = refused.get(a);
            if (reason != null) {
                unload(d.id());
                results.put(d.archive(), failed(d, reason));
                continue;
            }
            for (Offered o : a.offered()) {
                served.put(o.descriptor().id(), new ConnectorEntry(o.descriptor(), d.id(), d.version(),
                        new GuardedConnector(o.connector(), o.descriptor(), calls, () -> callTimeout)));
            }
            running.put(d.id(), d);
            results.put(d.archive(), new PluginInfo(d.id(), d.version(), PluginInfo.STARTED, Optional.empty(),
                    d.archive().toString()));
            LOG.info("plugin {} {} started from {}, connectors {}", d.id(), d.version(), d.file(),
                    a.offered().stream().map(o -> o.descriptor().id()).toList());
            started++;
        }
        return started;
    }

    private PluginInfo failed(ArchiveDescriptor d, String reason) {
        return failed(d.id(), d.archive(), d.version(), reason);
    }

    private PluginInfo failed(String id, Path archive, String version, String reason) {
        LOG.error("plugin archive {} failed: {}", archive.getFileName(), reason);
        return new PluginInfo(id, version, PluginInfo.FAILED, Optional.of(reason), archive.toString());
    }

    private PluginInfo noted(ArchiveDescriptor d, String state, String reason) {
        LOG.warn("plugin archive {} not loaded ({}): {}", d.file(), state, reason);
        return new PluginInfo(d.id(), d.version(), state, Optional.of(reason), d.archive().toString());
    }

    private void unload(String pluginId) {
        if (manager.getPlugin(pluginId) == null) {
            return;
        }
        try {
            manager.unloadPlugin(pluginId);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("unloading plugin {} failed: {}", pluginId, sentence(e));
        }
    }

    /**
     * What went wrong, as words: the message of the exception PF4J or reflection wrapped, or a
     * phrase naming its type when it has none (never a bare class name).
     */
    static String sentence(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError
                        || t instanceof ExecutionException
                        || t instanceof PluginRuntimeException && (t.getMessage() == null
                                || t.getMessage().equals(t.getCause().toString())))) {
            t = t.getCause();
        }
        return GuardedConnector.messageOf(t);
    }

    private static List<Path> archivesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(?i).+\\.(zip|jar)$"))
                    .map(Path::toAbsolutePath)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            LOG.error("cannot list plugins folder {}: {}", dir, e.getMessage());
            return List.of();
        }
    }

    /** Starts the background scan of the plugins folder. */
    public void watch(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugin-scan");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                scan();
            } catch (RuntimeException e) {
                LOG.error("plugin scan failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every archive seen, in folder order within each scan. */
    public synchronized List<PluginInfo> plugins() {
        return List.copyOf(archives.values());
    }

    /** Connectors of started plugins, by id; each is guarded (per-call timeout, no secrets in messages). */
    public List<ConnectorEntry> connectors() {
        return connectors;
    }

    public Optional<ConnectorEntry> connector(String id) {
        return connectors.stream().filter(c -> c.descriptor().id().equals(id)).findFirst();
    }

    public Path pluginsDir() {
        return pluginsDir;
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        connectors = List.of();
        calls.shutdownNow();
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    /** A plugin started by the current scan, before its connector ids are settled. */
    private record Accepted(ArchiveDescriptor descriptor, List<Offered> offered) {
    }

    /** A connector a plugin offers, with the descriptor it gave once. */
    private record Offered(ConnectorDescriptor descriptor, ShopConnector connector) {
    }
}

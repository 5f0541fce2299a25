package dev.shoplink.host.plugins;

import dev.shoplink.api.ShopConnector;
import dev.shoplink.host.plugins.ArchiveFolder.Known;
import dev.shoplink.host.plugins.ArchiveFolder.Stamp;
import dev.shoplink.host.plugins.PluginLoader.Accepted;
import dev.shoplink.host.plugins.PluginLoader.Offered;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads connector archives from the plugins folder through PF4J and keeps them in step with the
 * folder while the host runs: an archive copied in is started, one replaced by a newer version is
 * swapped under its running syncs, one removed is stopped and unloaded. A broken archive is
 * reported (state {@code FAILED} with a sentence saying why) and never stops the others.
 *
 * <p>The folder is watched ({@link #watch}: a {@link WatchService} plus a periodic fallback scan, {@link FolderWatch});
 * a file is read only once its size and modification time stayed the same across two looks
 * {@link #SETTLE} apart, and a file that is not yet a readable zip is looked at again rather than
 * reported, so an archive still being copied is never loaded half-written.
 *
 * <p>The rules (docs/ARCHITECTURE.md, "Plugin rules"), none of which depends on file names or the
 * order of the folder:
 * <ul>
 *   <li><b>One plugin id, one archive.</b> Of the archives of one plugin id, the highest version
 *       that starts is used, lower ones are {@code REPLACED}. A version found in more than one
 *       archive is ambiguous: none of those archives is started ({@code FAILED}), and the next
 *       lower version is tried. Beside a running plugin, an archive of the same version is
 *       {@code FAILED}, a lower one {@code REPLACED}, and a higher one replaces it at once.</li>
 *   <li><b>One connector id, one plugin.</b> A connector id served by a running plugin stays with
 *       it while it runs: a newcomer offering it is refused ({@code FAILED}, stopped and unloaded)
 *       and is never handed that connector's integrations or credentials. Several newcomers of one
 *       scan offering the same free id: the plugin whose plugin id equals the connector id keeps it;
 *       without such a plugin none of them is started.</li>
 *   <li><b>Guarded calls.</b> Every connector handed out is a {@link GuardedConnector}: calls run
 *       with a per-call timeout on a pool of the plugin's own, and the connector's own exceptions
 *       become messages without secrets. The guard belongs to the connector id and survives plugin
 *       versions: replacing a plugin pauses its connectors' calls between two calls, stops and
 *       unloads the old version, starts the new one and lets the calls go on to it.</li>
 * </ul>
 */
public final class PluginHost implements Connectors, AutoCloseable {
    /** How long one connector call may take unless the host is built with another value. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
    /** How long a new or changed file must keep its size and modification time before it is read. */
    public static final Duration SETTLE = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Path pluginsDir;
    private final PluginLoader loader;
    private final PluginRules rules;
    private final ArchiveFolder folder;
    /** Plugin id → the plugin running under it. */
    private final Map<String, Running> running = new HashMap<>();
    private final ServedConnectors connectors;
    /** What {@link #plugins()} lists, written at the end of each look, so that readers never wait for a look (or a pause). */
    private volatile List<Listed> listed = List.of();
    private volatile Duration callTimeout;
    /** Plugins started by every look at the folder so far: {@link #scan()} answers its share. */
    private final AtomicInteger startedTotal = new AtomicInteger();
    private final FolderWatch watch;

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
        this.rules = new PluginRules(loader.versions());
        this.folder = new ArchiveFolder(pluginsDir, rules);
        this.connectors = new ServedConnectors(this::callTimeout);
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
            folder.pluginIds().filter(id -> !running.containsKey(id)).forEach(change.dirty()::add);
        }
        if (!change.dirty().isEmpty()) {
            startedTotal.addAndGet(settle(change.dirty()));
        }
        connectors.publish();
        listed = folder.listed().entrySet().stream().map(e -> {
            PluginInfo info = e.getValue();
            Running r = running.get(info.id());
            return new Listed(info, r != null && r.descriptor().archive().equals(e.getKey()) ? r.calls() : null);
        }).toList();
        return change.unsettled();
    }

    /**
     * Settles the plugin ids whose archives changed: starts, replaces or stops their plugins. The
     * connectors of a plugin being replaced or removed are paused (calls in flight end first), and
     * resumed on the new version, or answered with the missing-connector reason.
     */
    private int settle(Set<String> ids) {
        List<Plan> plans = new ArrayList<>();
        for (String id : ids) {
            List<Known> group = folder.ofPlugin(id);
            group.stream().filter(k -> k.error() != null)
                    .forEach(k -> folder.list(k.archive(), PluginRules.failed(k.id(), k.archive(), k.version(), k.error())));
            List<Known> candidates = group.stream().filter(k -> k.error() == null).toList();
            Running current = running.get(id);
            Known own = current == null ? null : folder.at(current.descriptor().archive());
            boolean unchanged = own != null && own.stamp().equals(current.stamp()) && candidates.contains(own);
            if (!unchanged) {
                if (current != null || !candidates.isEmpty()) {
                    plans.add(new Plan(id, current, candidates));
                }
                continue;
            }
            boolean higher = candidates.stream().anyMatch(k -> rules.isHigher(k.version(), current.descriptor().version()));
            if (higher) {
                // an upgrade: the old version stops, and of all archives of the id the highest that starts is used
                // (the old one again if no higher version starts)
                plans.add(new Plan(id, current, candidates));
            } else {
                candidates.stream().filter(k -> k != own).forEach(k -> folder.list(k.archive(), rules.besideRunning(k.descriptor(),
                        current.descriptor())));
            }
        }
        List<GuardedConnector> paused = new ArrayList<>();
        List<PluginThreads> stopped = new ArrayList<>();
        long pausedAt = System.nanoTime();
        try {
            for (Plan plan : plans) {
                if (plan.current() != null) {
                    pause(plan.current(), paused);
                    stop(plan.current());
                    stopped.add(plan.current().threads());
                }
            }
            Map<Path, PluginInfo> results = new HashMap<>();
            List<Accepted> startedNow = new ArrayList<>();
            for (Plan plan : plans) {
                startHighest(plan.candidates().stream().map(Known::descriptor).toList(), results, startedNow);
            }
            int started = settleConnectorIds(startedNow, results);
            folder.listAll(results);
            for (Plan plan : plans) {
                if (plan.current() != null) {
                    for (String connectorId : plan.current().connectorIds()) {
                        if (!connectors.serves(connectorId)) {
                            connectors.unbind(connectorId, missing(connectorId, plan));
                        }
                    }
                }
            }
            return started;
        } finally {
            paused.forEach(GuardedConnector::resume);
            if (!paused.isEmpty()) {
                LOG.info("connectors {} were paused for {} ms while their plugin was replaced or removed",
                        paused.stream().map(g -> g.descriptor().id()).toList(), (System.nanoTime() - pausedAt) / 1_000_000);
            }
            // calls abandoned after the timeout, and whatever threads the stopped plugins started, are interrupted
            stopped.forEach(t -> t.end(PluginLoader.THREADS_END));
        }
    }

    /** Holds the calls of the plugin's connectors; waits (at most one call timeout and a bit) for those in flight. */
    private void pause(Running plugin, List<GuardedConnector> paused) {
        Duration wait = callTimeout.plusSeconds(5);
        for (String connectorId : plugin.connectorIds()) {
            GuardedConnector guard = connectors.guard(connectorId);
            try {
                if (guard.pause(wait)) {
                    paused.add(guard);
                } else {
                    LOG.warn("calls of the {} connector did not end within {}; its plugin is replaced under them", connectorId,
                            GuardedConnector.human(wait));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("interrupted while pausing the {} connector; its plugin is replaced under its calls", connectorId);
            }
        }
    }

    /** Why a connector id that a stopped plugin served has no plugin now. */
    private String missing(String connectorId, Plan plan) {
        ArchiveDescriptor old = plan.current().descriptor();
        String what = "the '" + connectorId + "' connector is missing: ";
        boolean archiveLeft = !folder.ofPlugin(old.id()).isEmpty();
        if (plan.candidates().isEmpty() && !archiveLeft) {
            return what + "plugin '" + old.id() + "' " + old.version() + " (" + old.file() + ") was removed from the plugins"
                    + " folder; copy its archive back and the integrations using it continue";
        }
        Running now = running.get(old.id());
        if (now != null) {
            return what + "version " + now.descriptor().version() + " of plugin '" + old.id() + "' does not offer it";
        }
        return what + "no archive of plugin '" + old.id() + "' starts (see GET /api/v1/plugins)";
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
     * Archives of one plugin id, none running: the highest version that starts (and offers no
     * connector id another running plugin serves) is used. A version in several archives is
     * ambiguous and none of them is started; lower versions are replaced.
     */
    private void startHighest(List<ArchiveDescriptor> group, Map<Path, PluginInfo> results, List<Accepted> startedNow) {
        ArchiveDescriptor winner = null;
        for (List<ArchiveDescriptor> tier : rules.byVersionDescending(group)) {
            if (winner != null) {
                ArchiveDescriptor used = winner;
                tier.forEach(d -> results.put(d.archive(), rules.replacedBy(d, used)));
                continue;
            }
            if (tier.size() > 1) {
                tier.forEach(d -> results.put(d.archive(), rules.ambiguous(d, tier)));
                continue;
            }
            ArchiveDescriptor candidate = tier.get(0);
            try {
                Accepted accepted = loader.start(candidate);
                Optional<String> taken = rules.takenId(accepted, connectors::holder);
                if (taken.isPresent()) {
                    loader.abandon(candidate, accepted.threads());
                    results.put(candidate.archive(), PluginRules.failed(candidate, taken.get()));
                    continue;
                }
                startedNow.add(accepted);
                winner = candidate;
            } catch (PluginLoadException e) {
                results.put(candidate.archive(), PluginRules.failed(candidate, e.getMessage()));
            }
        }
    }

    /**
     * Hands out the connector ids the plugins started by this scan offer, or refuses a plugin (it
     * is stopped and unloaded) when another newcomer has a better claim to the id. Returns how many
     * plugins stay started.
     */
    private int settleConnectorIds(List<Accepted> startedNow, Map<Path, PluginInfo> results) {
        Map<Accepted, String> refused = rules.refusedClaims(startedNow);
        int started = 0;
        for (Accepted a : startedNow) {
            ArchiveDescriptor d = a.descriptor();
            String reason = refused.get(a);
            if (reason != null) {
                loader.abandon(d, a.threads());
                results.put(d.archive(), PluginRules.failed(d, reason));
                continue;
            }
            for (Offered o : a.offered()) {
                connectors.serve(o.descriptor(), o.connector(), d.id(), d.version(), a.threads().pool(), a.calls());
            }
            running.put(d.id(), new Running(d, folder.at(d.archive()).stamp(),
                    a.offered().stream().map(o -> o.descriptor().id()).toList(), a.threads(), a.calls()));
            results.put(d.archive(), new PluginInfo(d.id(), d.version(), PluginInfo.STARTED, Optional.empty(),
                    d.archive().toString()));
            LOG.info("plugin {} {} started from {}, connectors {}", d.id(), d.version(), d.file(),
                    a.offered().stream().map(o -> o.descriptor().id()).toList());
            started++;
        }
        return started;
    }

    /**
     * Stops a running plugin: its connectors are no longer served and it is unloaded. Its threads are
     * ended by the caller ({@link PluginThreads#end}) once the paused connectors go on.
     */
    private void stop(Running plugin) {
        ArchiveDescriptor d = plugin.descriptor();
        connectors.withdraw(plugin.connectorIds());
        running.remove(d.id());
        loader.unload(d.id());
        loader.deleteUnpacked(d.archive());
        LOG.info("plugin {} {} ({}) stopped and unloaded", d.id(), d.version(), d.file());
    }

    /**
     * Keeps the plugins in step with the folder while the host runs: a {@link WatchService} asks for
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
        return running.containsKey(pluginId) ? Optional.of(loader.classLoaderOf(pluginId)) : Optional.empty();
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

    /** The plugin id {@link #serveInProcess} lists its connectors under. */
    public static final String IN_PROCESS = "in-process";

    public Path pluginsDir() {
        return pluginsDir;
    }

    @Override
    public void close() {
        watch.close();
        synchronized (this) {
            connectors.close();
            for (Running plugin : List.copyOf(running.values())) {
                running.remove(plugin.descriptor().id());
                loader.unload(plugin.descriptor().id());
                plugin.threads().end(Duration.ZERO);
            }
            loader.unloadAll();
        }
    }

    /** What a scan does with one plugin id: stop {@code current} (if any), then start the best of {@code candidates}. */
    private record Plan(String id, Running current, List<Known> candidates) {
    }

    /** A running plugin: its archive as started, the connector ids it serves, the pool its calls run on. */
    private record Running(ArchiveDescriptor descriptor, Stamp stamp, List<String> connectorIds, PluginThreads threads,
                           AtomicLong calls) {
    }
}

package dev.shoplink.host.plugins;

import dev.shoplink.host.plugins.ArchiveFolder.Known;
import dev.shoplink.host.plugins.ArchiveFolder.Stamp;
import dev.shoplink.host.plugins.PluginLoader.Accepted;
import dev.shoplink.host.plugins.PluginLoader.Offered;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins running now, one per plugin id, kept in step with the archives of the folder: {@link #settle} starts,
 * replaces or stops the plugin of each plugin id whose archives changed, by the {@link PluginRules}. A plugin being
 * replaced or removed has its connectors' calls paused between two calls (calls in flight end first); they go on to
 * the new version, or get the missing-connector reason. Not thread-safe: the plugin host settles under its own lock.
 */
final class RunningPlugins {
    private static final Logger LOG = LoggerFactory.getLogger(RunningPlugins.class);

    private final ArchiveFolder folder;
    private final PluginLoader loader;
    private final PluginRules rules;
    private final ServedConnectors connectors;
    private final Supplier<Duration> callTimeout;
    /** Plugin id → the plugin running under it. */
    private final Map<String, Running> running = new HashMap<>();

    RunningPlugins(ArchiveFolder folder, PluginLoader loader, PluginRules rules, ServedConnectors connectors,
                   Supplier<Duration> callTimeout) {
        this.folder = folder;
        this.loader = loader;
        this.rules = rules;
        this.connectors = connectors;
        this.callTimeout = callTimeout;
    }

    /** Whether a plugin runs under the id. */
    boolean isRunning(String pluginId) {
        return running.containsKey(pluginId);
    }

    /** The call count of the plugin running from this archive, or null when the archive is not the one running. */
    AtomicLong callsFrom(String pluginId, Path archive) {
        Running r = running.get(pluginId);
        return r != null && r.descriptor().archive().equals(archive) ? r.calls() : null;
    }

    /** The class loader of the running plugin. */
    Optional<ClassLoader> classLoaderOf(String pluginId) {
        return running.containsKey(pluginId) ? Optional.of(loader.classLoaderOf(pluginId)) : Optional.empty();
    }

    /**
     * Settles the plugin ids whose archives changed: starts, replaces or stops their plugins. The
     * connectors of a plugin being replaced or removed are paused (calls in flight end first), and
     * resumed on the new version, or answered with the missing-connector reason. Returns how many
     * plugins were started.
     */
    int settle(Set<String> ids) {
        List<Plan> plans = new ArrayList<>();
        for (String id : ids) {
            plan(id).ifPresent(plans::add);
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
            int started = startBest(plans);
            for (Plan plan : plans) {
                if (plan.current() != null) {
                    plan.current().connectorIds().stream().filter(connectorId -> !connectors.serves(connectorId))
                            .forEach(connectorId -> connectors.unbind(connectorId, missing(connectorId, plan)));
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

    /**
     * What to do with one plugin id: nothing when its running plugin's archive is unchanged and no higher version
     * came (the other archives are listed beside it); otherwise stop the running plugin, if any, and start the best
     * of the readable archives, if any. The archives that cannot be read are listed as failed.
     */
    private Optional<Plan> plan(String id) {
        List<Known> group = folder.ofPlugin(id);
        group.stream().filter(k -> k.error() != null)
                .forEach(k -> folder.list(k.archive(), PluginRules.failed(k.id(), k.archive(), k.version(), k.error())));
        List<Known> candidates = group.stream().filter(k -> k.error() == null).toList();
        Running current = running.get(id);
        Known own = current == null ? null : folder.at(current.descriptor().archive());
        boolean unchanged = own != null && own.stamp().equals(current.stamp()) && candidates.contains(own);
        if (!unchanged) {
            return current != null || !candidates.isEmpty() ? Optional.of(new Plan(current, candidates)) : Optional.empty();
        }
        boolean higher = candidates.stream().anyMatch(k -> rules.isHigher(k.version(), current.descriptor().version()));
        if (higher) {
            // an upgrade: the old version stops, and of all archives of the id the highest that starts is used
            // (the old one again if no higher version starts)
            return Optional.of(new Plan(current, candidates));
        }
        candidates.stream().filter(k -> k != own)
                .forEach(k -> folder.list(k.archive(), rules.besideRunning(k.descriptor(), current.descriptor())));
        return Optional.empty();
    }

    /** Starts the best archive of each plan, then hands out the connector ids; returns how many plugins stay started. */
    private int startBest(List<Plan> plans) {
        Map<Path, PluginInfo> results = new HashMap<>();
        List<Accepted> startedNow = new ArrayList<>();
        for (Plan plan : plans) {
            startHighest(plan.candidates().stream().map(Known::descriptor).toList(), results, startedNow);
        }
        int started = settleConnectorIds(startedNow, results);
        folder.listAll(results);
        return started;
    }

    /** Holds the calls of the plugin's connectors; waits (at most one call timeout and a bit) for those in flight. */
    private void pause(Running plugin, List<GuardedConnector> paused) {
        Duration wait = callTimeout.get().plusSeconds(5);
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
            List<String> connectorIds = a.offered().stream().map(o -> o.descriptor().id()).toList();
            running.put(d.id(), new Running(d, folder.at(d.archive()).stamp(), connectorIds, a.threads(), a.calls()));
            results.put(d.archive(), new PluginInfo(d.id(), d.version(), PluginInfo.STARTED, Optional.empty(),
                    d.archive().toString()));
            LOG.info("plugin {} {} started from {}, connectors {}", d.id(), d.version(), d.file(), connectorIds);
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

    /** Unloads every running plugin at once, ending its threads without waiting (the host is stopping). */
    void unloadAll() {
        for (Running plugin : List.copyOf(running.values())) {
            running.remove(plugin.descriptor().id());
            loader.unload(plugin.descriptor().id());
            plugin.threads().end(Duration.ZERO);
        }
    }

    /** What a scan does with one plugin id: stop {@code current} (if any), then start the best of {@code candidates}. */
    private record Plan(Running current, List<Known> candidates) {
    }

    /** A running plugin: its archive as started, the connector ids it serves, the pool its calls run on. */
    private record Running(ArchiveDescriptor descriptor, Stamp stamp, List<String> connectorIds, PluginThreads threads,
                           AtomicLong calls) {
    }
}

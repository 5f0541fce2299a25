package dev.shoplink.host.plugins;

import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.ShopConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The connector ids served now, each by the guard that belongs to the id ({@link GuardedConnector}): a guard outlives
 * the plugin versions that serve it, so a sync holding it continues on the next one. Changes are made under the plugin
 * host's lock and become visible to readers ({@link #all()}) once {@link #publish()}ed, so that readers never wait for
 * a look at the folder (or a pause).
 */
final class ServedConnectors {
    /** Connector id → the connector serving it now. */
    private final Map<String, ConnectorEntry> served = new TreeMap<>();
    /** Connector id → its guard, kept while no plugin serves the id so that syncs holding it continue on the next one. */
    private final Map<String, GuardedConnector> guards = new ConcurrentHashMap<>();
    /** The call pools of connectors served without an archive ({@link #serveInProcess}), shut down on {@link #close()}. */
    private final List<ExecutorService> inProcess = new ArrayList<>();
    private final Supplier<Duration> callTimeout;
    private volatile List<ConnectorEntry> published = List.of();

    ServedConnectors(Supplier<Duration> callTimeout) {
        this.callTimeout = callTimeout;
    }

    /** Hands the connector id to a plugin version: the id's guard (created on first use) calls {@code connector} now. */
    void serve(ConnectorDescriptor descriptor, ShopConnector connector, String pluginId, String pluginVersion,
               ExecutorService pool, AtomicLong calls) {
        String id = descriptor.id();
        GuardedConnector guard = guards.computeIfAbsent(id, g -> new GuardedConnector(g, callTimeout));
        guard.bind(connector, descriptor, pool, calls);
        served.put(id, new ConnectorEntry(descriptor, pluginId, pluginVersion, guard));
    }

    /** The connector serving the id now (not yet published), or null. */
    ConnectorEntry holder(String connectorId) {
        return served.get(connectorId);
    }

    /** The guard of a connector id served now or before. */
    GuardedConnector guard(String connectorId) {
        return guards.get(connectorId);
    }

    /** The ids are no longer served; their guards keep the plugin bound until {@link #unbind} or the next {@link #serve}. */
    void withdraw(List<String> connectorIds) {
        connectorIds.forEach(served::remove);
    }

    /** Whether a connector serves the id now (not yet published). */
    boolean serves(String connectorId) {
        return served.containsKey(connectorId);
    }

    /** No plugin serves the id any more: its calls fail at once with {@code reason}. */
    void unbind(String connectorId, String reason) {
        guards.get(connectorId).unbind(reason);
    }

    /** Makes the connectors served now the ones readers see. */
    void publish() {
        published = List.copyOf(served.values());
    }

    /** The connectors served as last published, by id. */
    List<ConnectorEntry> all() {
        return published;
    }

    /** The connector with this id as last published. */
    Optional<ConnectorEntry> get(String id) {
        return published.stream().filter(c -> c.descriptor().id().equals(id)).findFirst();
    }

    /**
     * Why no plugin serves the connector id, a sentence; empty when one does. A connector id no plugin has served
     * since the host started is missing too (its archive is not in the plugins folder).
     */
    Optional<String> missing(String connectorId, Path pluginsDir) {
        if (get(connectorId).isPresent()) {
            return Optional.empty();
        }
        GuardedConnector guard = guards.get(connectorId);
        if (guard != null && !guard.missingReason().isEmpty()) {
            return Optional.of(guard.missingReason());
        }
        return Optional.of("the '" + connectorId + "' connector is missing: no plugin in the plugins folder provides it;"
                + " copy its archive into " + pluginsDir + " and the integrations using it continue");
    }

    /** See {@link PluginHost#serveInProcess}: served and published at once, on a call pool of its own. */
    ConnectorEntry serveInProcess(ShopConnector connector) {
        ConnectorDescriptor descriptor = Objects.requireNonNull(connector.descriptor(), "descriptor");
        String id = descriptor.id();
        if (served.containsKey(id)) {
            throw new IllegalStateException("connector '" + id + "' is already served by " + served.get(id).pluginId());
        }
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "connector-call-" + PluginHost.IN_PROCESS + "-" + id);
            t.setDaemon(true);
            return t;
        });
        inProcess.add(pool);
        serve(descriptor, connector, PluginHost.IN_PROCESS, "0", pool, new AtomicLong());
        publish();
        return served.get(id);
    }

    /** Nothing is served any more: every guard answers that the host is stopping, the in-process pools are shut down. */
    void close() {
        published = List.of();
        served.clear();
        guards.values().forEach(g -> g.unbind("the host is stopping"));
        inProcess.forEach(ExecutorService::shutdownNow);
        inProcess.clear();
    }
}

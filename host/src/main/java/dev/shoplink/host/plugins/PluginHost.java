package dev.shoplink.host.plugins;

import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.PluginApi;
import dev.shoplink.api.ShopConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.SingletonExtensionFactory;
import org.pf4j.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads connector archives from the plugins folder through PF4J, one archive at a time so that
 * a broken one is reported (state {@code FAILED} with the reason) and never stops the others.
 * New archives are picked up by {@link #scan()}, which a background thread calls periodically.
 *
 * <p>Archives are only ever added while the host runs; replacing or removing one needs a
 * restart, because a plugin class loader is only released once nothing references it.
 */
public final class PluginHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Path pluginsDir;
    private final DefaultPluginManager manager;
    private final Map<Path, PluginInfo> archives = new LinkedHashMap<>();
    private volatile List<ConnectorEntry> connectors = List.of();
    private ScheduledExecutorService watcher;

    public PluginHost(Path pluginsDir) {
        this.pluginsDir = pluginsDir;
        this.manager = new DefaultPluginManager(pluginsDir) {
            @Override
            protected ExtensionFactory createExtensionFactory() {
                // one connector instance per plugin: connectors may keep rate-limit pacing state
                return new SingletonExtensionFactory(this);
            }
        };
        manager.setSystemVersion(PluginApi.VERSION);
    }

    /** Loads every archive not seen yet; returns how many plugins were started by this call. */
    public synchronized int scan() {
        if (!Files.isDirectory(pluginsDir)) {
            return 0;
        }
        int started = 0;
        for (Path archive : archivesIn(pluginsDir)) {
            if (!archives.containsKey(archive)) {
                PluginInfo info = load(archive);
                archives.put(archive, info);
                if (info.state().equals(PluginState.STARTED.name())) {
                    started++;
                }
            }
        }
        if (started > 0) {
            refreshConnectors();
        }
        return started;
    }

    private PluginInfo load(Path archive) {
        String fallbackId = archive.getFileName().toString().replaceFirst("\\.(zip|jar)$", "");
        String pluginId = null;
        try {
            String unreadable = unreadableArchive(archive);
            if (unreadable != null) {
                return failed(fallbackId, archive, "", unreadable);
            }
            Path pluginPath = FileUtils.isZipFile(archive) ? FileUtils.expandIfZip(archive) : archive;
            pluginId = manager.loadPlugin(pluginPath);
            PluginWrapper wrapper = manager.getPlugin(pluginId);
            String requires = wrapper.getDescriptor().getRequires();
            if (!manager.getVersionManager().checkVersionConstraint(PluginApi.VERSION, requires)) {
                String reason = "requires plugin API " + requires + " but this host provides " + PluginApi.VERSION;
                manager.unloadPlugin(pluginId);
                return failed(pluginId, archive, wrapper.getDescriptor().getVersion(), reason);
            }
            PluginState state = manager.startPlugin(pluginId);
            if (state != PluginState.STARTED) {
                Throwable failure = wrapper.getFailedException();
                String reason = failure != null ? describe(failure) : "plugin did not start (state " + state + ")";
                return failed(pluginId, archive, wrapper.getDescriptor().getVersion(), reason);
            }
            if (manager.getExtensions(ShopConnector.class, pluginId).isEmpty()) {
                LOG.warn("plugin {} ({}) started but provides no ShopConnector extension", pluginId, archive.getFileName());
            }
            LOG.info("plugin {} {} started from {}", pluginId, wrapper.getDescriptor().getVersion(), archive.getFileName());
            return new PluginInfo(pluginId, wrapper.getDescriptor().getVersion(), PluginState.STARTED.name(),
                    Optional.empty(), archive.toString());
        } catch (RuntimeException | IOException | LinkageError e) {
            if (pluginId != null && manager.getPlugin(pluginId) != null) {
                safeUnload(pluginId);
            }
            return failed(pluginId != null ? pluginId : fallbackId, archive, "", describe(e));
        }
    }

    /** Why the archive cannot be a plugin at all, or null when it is a readable zip/jar. */
    private static String unreadableArchive(Path archive) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            if (zip.getEntry("plugin.properties") != null) {
                return null;
            }
            java.util.zip.ZipEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
            if (manifest != null) {
                // every jar has a manifest; a plugin's names itself in it
                try (var in = zip.getInputStream(manifest)) {
                    String id = new java.util.jar.Manifest(in).getMainAttributes().getValue("Plugin-Id");
                    if (id != null && !id.isBlank()) {
                        return null;
                    }
                }
            }
            return "no plugin descriptor: the archive has no plugin.properties and no Plugin-Id in META-INF/MANIFEST.MF"
                    + " (is it a library jar rather than a connector plugin?)";
        } catch (IOException e) {
            return "not a readable zip/jar archive (" + e.getMessage() + ")";
        }
    }

    private PluginInfo failed(String id, Path archive, String version, String reason) {
        LOG.error("plugin archive {} failed: {}", archive.getFileName(), reason);
        return new PluginInfo(id, version, PluginState.FAILED.name(), Optional.of(reason), archive.toString());
    }

    private void safeUnload(String pluginId) {
        try {
            manager.unloadPlugin(pluginId);
        } catch (RuntimeException e) {
            LOG.debug("unloading failed plugin {}: {}", pluginId, e.toString());
        }
    }

    private static String describe(Throwable e) {
        StringBuilder reason = new StringBuilder();
        Throwable t = e;
        while (t != null && reason.length() < 600) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (reason.indexOf(message) < 0) {
                if (reason.length() > 0) {
                    reason.append(": ");
                }
                reason.append(message);
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return reason.toString();
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

    private void refreshConnectors() {
        List<ConnectorEntry> entries = new ArrayList<>();
        for (PluginWrapper wrapper : manager.getStartedPlugins()) {
            for (ShopConnector connector : manager.getExtensions(ShopConnector.class, wrapper.getPluginId())) {
                try {
                    ConnectorDescriptor descriptor = connector.descriptor();
                    if (entries.stream().anyMatch(e -> e.descriptor().id().equals(descriptor.id()))) {
                        LOG.error("plugin {} provides connector '{}' which another plugin already provides; ignored",
                                wrapper.getPluginId(), descriptor.id());
                        continue;
                    }
                    entries.add(new ConnectorEntry(descriptor, wrapper.getPluginId(),
                            wrapper.getDescriptor().getVersion(), connector));
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("connector of plugin {} has a broken descriptor: {}", wrapper.getPluginId(), describe(e));
                }
            }
        }
        entries.sort(Comparator.comparing(e -> e.descriptor().id()));
        connectors = List.copyOf(entries);
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

    /** Every archive seen, in folder order. */
    public synchronized List<PluginInfo> plugins() {
        return List.copyOf(archives.values());
    }

    /** Connectors of started plugins, by id. */
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
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}

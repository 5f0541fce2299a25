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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
 * The host's PF4J {@link DefaultPluginManager} (system version {@link PluginApi#VERSION}): loads and starts one
 * archive on its plugin's own threads ({@link PluginThreads}) and reads its connectors, or says in a
 * {@link PluginLoadException} why it cannot; unloads a plugin and deletes the folder PF4J unpacked it into.
 */
final class PluginLoader {
    /** How long an unloaded plugin's threads are given to end once interrupted. */
    static final Duration THREADS_END = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    private final DefaultPluginManager manager;
    private final Supplier<Duration> callTimeout;

    /**
     * @param callTimeout how long loading and starting a plugin, and reading a connector's descriptor, may take
     */
    PluginLoader(Path pluginsDir, Supplier<Duration> callTimeout) {
        this.callTimeout = callTimeout;
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
    }

    /** PF4J's reading and comparing of versions and version ranges. */
    VersionManager versions() {
        return manager.getVersionManager();
    }

    /** Loads and starts one archive and reads its connectors; on any failure it is unloaded again. */
    Accepted start(ArchiveDescriptor d) {
        PluginThreads threads = new PluginThreads(d.id(), d.version());
        // on the plugin's own threads, so that every thread it starts is one of its group
        Future<Accepted> started = threads.pool().submit(() -> start(d, threads));
        Duration limit = callTimeout.get();
        try {
            return started.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(d, threads);
            throw new PluginLoadException("it did not load and start within " + GuardedConnector.human(limit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(d, threads);
            throw new PluginLoadException("the host stopped while it was being started");
        } catch (ExecutionException e) {
            abandon(d, threads);
            if (e.getCause() instanceof PluginLoadException refused) {
                throw refused;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new PluginLoadException("PF4J could not load it: " + sentence(e.getCause()));
        }
    }

    /** A plugin that did not start, or was started but is not used: unloaded, its threads ended, its unpacked folder deleted. */
    void abandon(ArchiveDescriptor d, PluginThreads threads) {
        unload(d.id());
        threads.end(THREADS_END);
        deleteUnpacked(d.archive());
    }

    private Accepted start(ArchiveDescriptor d, PluginThreads threads) {
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
            return new Accepted(d, connectorsOf(pluginId, threads.pool()), threads, new AtomicLong());
        } catch (RuntimeException | LinkageError e) {
            throw e instanceof PluginLoadException refused ? refused
                    : new PluginLoadException("PF4J could not load it: " + sentence(e));
        }
    }

    /** The plugin's connectors with their descriptors, each created from the plugin's own classes. */
    private List<Offered> connectorsOf(String pluginId, ExecutorService pool) {
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
            ConnectorDescriptor descriptor = descriptorOf(type, instance, pool);
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
    private ConnectorDescriptor descriptorOf(Class<?> type, ShopConnector connector, ExecutorService pool) {
        Duration limit = callTimeout.get();
        Future<ConnectorDescriptor> answer = pool.submit(connector::descriptor);
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

    /** Stops the plugin, drops PF4J's caches of it and closes its class loader (its jars); nothing when it is not loaded. */
    void unload(String pluginId) {
        if (manager.getPlugin(pluginId) == null) {
            return;
        }
        try {
            manager.unloadPlugin(pluginId);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("unloading plugin {} failed: {}", pluginId, sentence(e));
        }
    }

    /** Deletes the folder PF4J unpacked a zip archive into, so that the next start unpacks what the zip holds then. */
    void deleteUnpacked(Path archive) {
        String name = archive.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return;
        }
        Path unpacked = archive.resolveSibling(name.substring(0, name.length() - ".zip".length()));
        if (Files.isDirectory(unpacked)) {
            try {
                FileUtils.delete(unpacked);
            } catch (IOException e) {
                LOG.warn("cannot delete {}, the unpacked copy of {}: {}", unpacked, name, e.getMessage());
            }
        }
    }

    /** The class loader of a loaded plugin. */
    ClassLoader classLoaderOf(String pluginId) {
        return manager.getPluginClassLoader(pluginId);
    }

    /** Stops and unloads whatever PF4J still holds. */
    void unloadAll() {
        manager.stopPlugins();
        manager.unloadPlugins();
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
        return ConnectorExceptions.messageOf(t);
    }

    /** A plugin started but not yet serving: its archive, the connectors it offers, its threads, its call count. */
    record Accepted(ArchiveDescriptor descriptor, List<Offered> offered, PluginThreads threads, AtomicLong calls) {
    }

    /** A connector a plugin offers, with the descriptor it gave once. */
    record Offered(ConnectorDescriptor descriptor, ShopConnector connector) {
    }
}

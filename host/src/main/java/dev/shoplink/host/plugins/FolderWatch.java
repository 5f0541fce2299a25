package dev.shoplink.host.plugins;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for looks at the plugins folder while the host runs: a {@link WatchService} asks for one whenever a file of
 * the folder is created, written or deleted, a look that found a file still changing asks for another
 * {@link PluginHost#SETTLE} later, and a periodic look covers file systems whose changes the watch service misses
 * (network shares). Every look runs on the one {@code plugin-scan} thread, and requests made before it runs are one
 * look, so a burst of events is one look.
 */
final class FolderWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderWatch.class);

    private final Path folder;
    /** One look at the folder; answers whether a file was still changing. */
    private final BooleanSupplier look;
    private final AtomicBoolean queued = new AtomicBoolean();
    private ScheduledExecutorService scanner;
    private WatchService watchService;

    FolderWatch(Path folder, BooleanSupplier look) {
        this.folder = folder;
        this.look = look;
    }

    /** Starts watching, with a periodic look every {@code fallback}; zero or less, or a second call, does nothing. */
    synchronized void start(Duration fallback) {
        if (fallback.isZero() || fallback.isNegative() || scanner != null) {
            return;
        }
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugin-scan");
            t.setDaemon(true);
            return t;
        });
        scanner.scheduleWithFixedDelay(this::lookNow, fallback.toMillis(), fallback.toMillis(), TimeUnit.MILLISECONDS);
        try {
            WatchService service = folder.getFileSystem().newWatchService();
            folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            watchService = service;
            Thread watcher = new Thread(() -> watchLoop(service), "plugin-watch");
            watcher.setDaemon(true);
            watcher.start();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot watch the plugins folder {} ({}); it is looked at every {} s instead", folder,
                    e.getMessage(), fallback.toSeconds());
        }
        request(0);
    }

    private void watchLoop(WatchService service) {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents();
                request(0);
                if (!key.reset()) {
                    LOG.warn("the plugins folder {} can no longer be watched; the periodic look goes on", folder);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // the host is stopping
        }
    }

    /** Asks for a look at the folder after {@code delayMs}; requests made before it runs are one look. */
    private void request(long delayMs) {
        ScheduledExecutorService s = scanner;
        if (s != null && queued.compareAndSet(false, true)) {
            try {
                s.schedule(() -> {
                    queued.set(false);
                    lookNow();
                }, delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                queued.set(false); // stopping
            }
        }
    }

    private void lookNow() {
        try {
            if (look.getAsBoolean()) {
                request(PluginHost.SETTLE.toMillis());
            }
        } catch (RuntimeException e) {
            LOG.error("plugin scan failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scanner;
            scanner = null;
        }
        if (s != null) {
            s.shutdownNow();
        }
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debug("closing the plugins folder watch: {}", e.getMessage());
            }
        }
    }
}

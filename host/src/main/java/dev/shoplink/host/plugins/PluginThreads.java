package dev.shoplink.host.plugins;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads one plugin runs on: a thread group of its own and a pool in it. Everything the host
 * runs of a plugin (loading and starting it, creating its connectors, every connector call) runs on
 * the pool, so every thread the plugin starts, directly or through the JDK (an {@code HttpClient}'s
 * selector and workers), is in the group too. Such a thread keeps the plugin's class loader reachable
 * (its context class loader, or the access-control context it inherited, holds the plugin's
 * protection domain), so unloading the plugin ends them: {@link #end} shuts the pool down and
 * interrupts what is left in the group.
 */
final class PluginThreads {
    private static final Logger LOG = LoggerFactory.getLogger(PluginThreads.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String label;
    private final ThreadGroup group;
    private final ExecutorService pool;

    PluginThreads(String pluginId, String version) {
        this.label = pluginId + " " + version;
        this.group = new ThreadGroup("plugin " + label);
        // a hung call keeps its (daemon) thread, so the pool grows rather than queues
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(group, r, "connector-call-" + pluginId + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The pool the plugin's code runs on. */
    ExecutorService pool() {
        return pool;
    }

    /**
     * Ends the plugin's threads: the pool is shut down (abandoned calls are interrupted) and every
     * other thread of the group is interrupted; waits up to {@code wait} for them. A thread that
     * ignores the interrupt is named in the log: it keeps the plugin's classes until it ends.
     */
    List<String> end(Duration wait) {
        pool.shutdownNow();
        group.interrupt();
        long deadline = System.nanoTime() + wait.toNanos();
        List<Thread> alive = alive();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            try {
                alive.get(0).join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            alive = alive();
        }
        List<String> names = alive.stream().map(Thread::getName).toList();
        if (!names.isEmpty()) {
            LOG.warn("threads {} of unloaded plugin {} did not end when interrupted; they keep its classes in memory until"
                    + " they do (the plugin should end its threads in Plugin.stop())", names, label);
        }
        return names;
    }

    private List<Thread> alive() {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads, true);
        return new ArrayList<>(Arrays.asList(threads).subList(0, n)).stream().filter(Thread::isAlive).toList();
    }
}

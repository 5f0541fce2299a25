package dev.shoplink.host.plugins;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.ConnectorException;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.api.ShopUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The connector the host hands out ({@link ConnectorEntry#connector()}): a plugin's connector
 * behind a guard, so that a connector that hangs or throws cannot take the host down.
 *
 * <ul>
 *   <li>Every call runs on a thread of the plugin host's connector pool and is waited for at
 *       most the per-call timeout. A call that does not answer in time is interrupted and
 *       abandoned; the caller gets {@code ShopUnavailableException("the <id> connector did not
 *       answer within …")}, which a sync retries with backoff. Once {@value #MAX_ABANDONED} calls
 *       of one connector have been abandoned and still not returned, further calls are refused
 *       at once (the same exception) instead of tying up yet another thread.</li>
 *   <li>The plugin API's {@link ConnectorException} subtypes pass through; one of the plugin's own
 *       subclasses becomes the API type it extends (the host handles those; a rejection keeps the
 *       field it names, {@link InvalidCredentialsException#field()}), and any other
 *       exception or error of the connector becomes a {@link ConnectorFailureException}
 *       ("the &lt;id&gt; connector failed: &lt;its message&gt;"), and so does a null answer.</li>
 *   <li>Every credential value of the call's {@link Connection} is replaced by {@code ***} in
 *       each message that leaves the guard, so no secret reaches a response or a log
 *       ({@link ConnectorExceptions}).</li>
 *   <li>{@link #descriptor()} answers the descriptor read once when the plugin was started,
 *       without calling the plugin again.</li>
 *   <li>The guard belongs to the connector id, not to one plugin version: when the plugin host
 *       replaces the plugin ({@link #pause}, {@link #bind}, {@link #resume}), calls in flight end on
 *       the old version, later calls go to the new one. While no plugin serves the id
 *       ({@link #unbind}), calls fail at once with a {@link ShopUnavailableException} naming the
 *       missing connector, which a sync retries like an outage.</li>
 *   <li>Each plugin version's calls run on a pool of its own, shut down when the plugin is
 *       unloaded, so no thread (and no thread-local value) of the host keeps the plugin's classes.</li>
 * </ul>
 */
final class GuardedConnector implements ShopConnector {
    /** Abandoned calls of one connector still running, after which further calls are refused. */
    static final int MAX_ABANDONED = 8;

    private static final Logger LOG = LoggerFactory.getLogger(GuardedConnector.class);

    private final String id;
    private final Supplier<Duration> timeout;
    /**
     * The plugin version serving this connector id, or null while no plugin serves it. The guard
     * outlives plugin versions: a sync holding it continues on the version that replaced the one it
     * started on.
     */
    private volatile Binding binding;
    private volatile ConnectorDescriptor lastDescriptor;
    private volatile String missingReason = "";
    /**
     * Calls hold the read side for their whole duration; {@link #pause} takes the write side, so a
     * plugin is swapped between two calls, never under one. Fair: calls arriving during a pause
     * queue behind it.
     */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);

    /** One plugin version behind the guard: its connector instance and the pool its calls run on. */
    private record Binding(ShopConnector delegate, ConnectorDescriptor descriptor, ExecutorService pool, AtomicLong calls,
                           AtomicInteger abandoned) {
    }

    GuardedConnector(ShopConnector delegate, ConnectorDescriptor descriptor, ExecutorService pool, Supplier<Duration> timeout) {
        this(Objects.requireNonNull(descriptor, "descriptor").id(), timeout);
        bind(delegate, descriptor, pool, new AtomicLong());
    }

    /** A guard for a connector id that no plugin serves yet. */
    GuardedConnector(String id, Supplier<Duration> timeout) {
        this.id = Objects.requireNonNull(id, "id");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Hands the connector id to a (new) plugin version; calls from now on go to it.
     *
     * @param calls counts the calls given to the plugin (shared by its connectors)
     */
    void bind(ShopConnector delegate, ConnectorDescriptor descriptor, ExecutorService pool, AtomicLong calls) {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(pool, "pool");
        this.lastDescriptor = descriptor;
        this.binding = new Binding(delegate, descriptor, pool, calls, new AtomicInteger());
    }

    /** No plugin serves the connector id any more; calls fail at once with the reason. */
    void unbind(String reason) {
        this.missingReason = reason;
        this.binding = null;
    }

    /** Why no plugin serves the connector id, a sentence; empty while one does. */
    String missingReason() {
        return binding == null ? missingReason : "";
    }

    /**
     * Holds new calls and waits until the calls in flight have ended (each within the per-call
     * timeout: an abandoned call lets go of the gate when its caller gives up). Returns false when
     * they did not end within {@code wait}. Must be followed by {@link #resume()} on the same thread.
     */
    boolean pause(Duration wait) throws InterruptedException {
        return gate.writeLock().tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Lets the held calls go on, to the plugin bound now (or to the missing-connector answer). */
    void resume() {
        if (gate.writeLock().isHeldByCurrentThread()) {
            gate.writeLock().unlock();
        }
    }

    @Override
    public ConnectorDescriptor descriptor() {
        Binding b = binding;
        return b != null ? b.descriptor() : lastDescriptor;
    }

    /** Plugin API 1.1; a 1.0 connector answers the descriptor's default through the interface's default method. */
    @Override
    public java.net.URI apiBaseUrl(String shopUrl) {
        Connection none = new Connection(Map.of(), descriptor().defaultBaseUrl(), java.time.Clock.systemUTC(), timeout.get(),
                shopUrl);
        return answered("apiBaseUrl()", call(none, c -> c.apiBaseUrl(shopUrl)));
    }

    @Override
    public void validate(Connection connection) {
        call(connection, c -> {
            c.validate(connection);
            return null;
        });
    }

    @Override
    public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
        return answered("listings()", call(connection, c -> c.listings(connection, query, cursor)));
    }

    @Override
    public Optional<Listing> listing(Connection connection, String externalId) {
        return answered("listing()", call(connection, c -> c.listing(connection, externalId)));
    }

    @Override
    public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
        return answered("orders()", call(connection, c -> c.orders(connection, query, cursor)));
    }

    /** The connector's answer; null (which the contract does not allow) is the connector's failure. */
    private <T> T answered(String method, T answer) {
        if (answer == null) {
            throw new ConnectorFailureException(id, method + " returned nothing");
        }
        return answer;
    }

    /** How many calls of this connector were given up on and have not returned yet. */
    int abandonedCalls() {
        Binding b = binding;
        return b == null ? 0 : b.abandoned().get();
    }

    /** A call of the plugin's connector. */
    @FunctionalInterface
    private interface Work<T> {
        T call(ShopConnector connector) throws Exception;
    }

    private <T> T call(Connection connection, Work<T> work) {
        Duration limit = timeout.get();
        // a call waits for a plugin being replaced (the old version's calls in flight, then the new one's start)
        // at most one call timeout more
        try {
            if (!gate.readLock().tryLock(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ShopUnavailableException("the " + id + " connector is being replaced by another version of its"
                        + " plugin and did not become available within " + human(limit));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopUnavailableException("the call to the " + id + " connector was interrupted (the host is stopping"
                    + " or the sync was stopped)");
        }
        try {
            Binding b = binding;
            if (b == null) {
                throw new ShopUnavailableException(missingReason);
            }
            return call(b, connection, work, limit);
        } finally {
            gate.readLock().unlock();
        }
    }

    private <T> T call(Binding b, Connection connection, Work<T> work, Duration limit) {
        AtomicInteger abandoned = b.abandoned();
        int stuck = abandoned.get();
        if (stuck >= MAX_ABANDONED) {
            throw new ShopUnavailableException("the " + id + " connector did not answer " + stuck
                    + " earlier calls, which are still running; it is not called again until they end"
                    + " (replace or remove its plugin archive once the plugin is fixed)");
        }
        // 0 running, 1 returned, 2 abandoned by the caller
        AtomicInteger state = new AtomicInteger();
        b.calls().incrementAndGet();
        Future<T> future = submit(b, work, state);
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            if (state.compareAndSet(0, 2)) {
                abandoned.incrementAndGet();
            }
            String reason = "the " + id + " connector did not answer within " + human(limit);
            LOG.warn("{}; the call was interrupted and abandoned", reason);
            throw new ShopUnavailableException(reason);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ShopUnavailableException("the call to the " + id + " connector was interrupted (the host is stopping"
                    + " or the sync was stopped)");
        } catch (ExecutionException e) {
            throw ConnectorExceptions.translate(id, e.getCause(), connection);
        }
    }

    /**
     * Runs the call on the plugin's pool with the caller's context class loader and log context; when it returns
     * after its caller gave up on it ({@code state} 2), it is no longer counted as abandoned.
     */
    private <T> Future<T> submit(Binding b, Work<T> work, AtomicInteger state) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        ShopConnector delegate = b.delegate();
        AtomicInteger abandoned = b.abandoned();
        try {
            return b.pool().submit(() -> {
                Thread thread = Thread.currentThread();
                ClassLoader before = thread.getContextClassLoader();
                thread.setContextClassLoader(context);
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                try {
                    return work.call(delegate);
                } finally {
                    MDC.clear();
                    thread.setContextClassLoader(before);
                    if (!state.compareAndSet(0, 1)) {
                        abandoned.decrementAndGet();
                        LOG.info("an abandoned call of the {} connector returned at last", id);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            throw new ShopUnavailableException("the " + id + " connector's plugin is stopping; the connector was not called");
        }
    }

    /** A duration as people write it: {@code 2 min}, {@code 30 s}, {@code 1.5 s}, {@code 300 ms}. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}

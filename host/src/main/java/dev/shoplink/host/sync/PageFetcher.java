package dev.shoplink.host.sync;

import dev.shoplink.api.Page;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The fetch stage of a run: asks the shop for a page, and can ask for the next one ahead of time while the
 * current page is written, on a thread of its own. At most one page is fetched ahead (a bounded hand-over of
 * one), so a run holds at most two pages in memory whatever the shop's size.
 *
 * <p>A page fetched ahead is used only when the run asks for exactly that request next (same phase, query
 * and cursor, i.e. after the current page committed); otherwise it is dropped. A failure of the fetch ahead
 * (a rate limit, an outage) is thrown when the page is taken, so it is handled as if the call had been made
 * then. Not thread-safe: one run's worker thread uses it.
 */
final class PageFetcher implements AutoCloseable {
    private final String name;
    private ExecutorService ahead;
    private Object pendingRequest;
    private Future<? extends Page<?>> pending;

    /** @param name the fetch thread's name */
    PageFetcher(String name) {
        this.name = name;
    }

    /** The page for {@code request}: the one fetched ahead when it was that request, else fetched now. */
    @SuppressWarnings("unchecked")
    <T> Page<T> take(Object request, Supplier<Page<T>> call) {
        if (pending != null && Objects.equals(pendingRequest, request)) {
            Future<? extends Page<?>> f = pending;
            pending = null;
            pendingRequest = null;
            return (Page<T>) await(f);
        }
        dropAhead();
        return call.get();
    }

    /** Starts fetching {@code request} now, to be taken by the next {@link #take} of the same request. */
    <T> void fetchAhead(Object request, Supplier<Page<T>> call) {
        dropAhead();
        if (ahead == null) {
            ahead = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        pendingRequest = request;
        // the shop call's log lines carry the run's ids, as on the worker's thread
        Map<String, String> context = MDC.getCopyOfContextMap();
        pending = ahead.submit(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return call.get();
            } finally {
                MDC.clear();
            }
        });
    }

    private static Page<?> await(Future<? extends Page<?>> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the page was fetched");
        }
    }

    private void dropAhead() {
        if (pending != null) {
            pending.cancel(true);
            pending = null;
            pendingRequest = null;
        }
    }

    /** Drops a page fetched ahead (it was not committed: the run resumes from its cursor) and ends the thread. */
    @Override
    public void close() {
        dropAhead();
        if (ahead != null) {
            ahead.shutdownNow();
        }
    }
}

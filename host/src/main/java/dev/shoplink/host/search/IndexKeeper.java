package dev.shoplink.host.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index's one writer thread: opens the index (a missing, unreadable or foreign one is started afresh), decides
 * whether it can be trusted as it is, catches it up with the store otherwise ({@link IndexCatchUp}), then applies the
 * orders written after each commit of the store, in the order they were queued, re-reading them from the store (so a
 * late task never writes an older text over a newer one). Commits every {@link #COMMIT_EVERY} while changes wait, and
 * at close with the store's fingerprint: only such a clean commit is trusted at the next start without a catch-up.
 */
final class IndexKeeper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTextIndex.class);
    /** Changes of the analyzer or the fields bump it: an index of another format is built afresh. */
    static final String FORMAT = "trigram-positions-1";
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    /** What a search does with the current searcher. */
    interface Search<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final Path folder;
    private final Jdbi jdbi;
    private final BlockingQueue<IndexTask> tasks;
    private final Object progress = new Object();
    private boolean trustClean;
    private volatile boolean ready;
    private volatile boolean stopping;
    private volatile boolean searchWaits; // for writes not applied yet: the backlog is due at once
    private volatile int waiting;
    private volatile String status = "opening";
    private volatile long applied;
    private volatile long refreshed;
    private volatile SearcherManager searchers;
    private IndexWriter writer;
    private long lastCommit;
    private boolean uncommitted;

    IndexKeeper(Path folder, Jdbi jdbi, boolean uncleanStop, BlockingQueue<IndexTask> tasks) {
        this.folder = folder;
        this.jdbi = jdbi;
        this.trustClean = !uncleanStop;
        this.tasks = tasks;
    }

    boolean ready() {
        return ready;
    }

    String status() {
        int n = waiting;
        return n == 0 || !ready ? status : status + "; " + n + " written orders wait for the writes to pause (or a search)";
    }

    void stop() {
        stopping = true;
    }

    /**
     * Runs {@code search} once every task queued up to {@code asked} is in the searcher; empty when that takes longer
     * than {@code wait} or the index stopped being ready.
     */
    <T> Optional<T> search(long asked, Duration wait, Search<T> search) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        if (applied < asked) {
            searchWaits = true;
            tasks.offer(IndexTask.WAKE);
        }
        synchronized (progress) {
            while (applied < asked && ready) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        SearcherManager manager = searchers;
        if (!ready || manager == null) {
            return Optional.empty();
        }
        long seen = applied;
        if (refreshed < seen) {
            synchronized (this) {
                if (refreshed < seen) {
                    manager.maybeRefreshBlocking();
                    refreshed = seen;
                }
            }
        }
        IndexSearcher searcher = manager.acquire();
        try {
            return Optional.of(search.apply(searcher));
        } finally {
            manager.release(searcher);
        }
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                open();
                serve();
                return;
            } catch (IOException | RuntimeException e) {
                ready = false;
                status = "failed (" + e + "); the search scans, and the index is built afresh in "
                        + RETRY_AFTER_FAILURE.toSeconds() + " s";
                LOG.warn("the orders' text index failed: {}; the search scans until it is rebuilt", e.toString(), e);
                closeQuietly();
                trustClean = false;
                IndexFolder.delete(folder);
                pause(RETRY_AFTER_FAILURE);
            }
        }
        closeQuietly();
    }

    private void open() throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(folder);
        Directory dir = FSDirectory.open(folder);
        try {
            writer = new IndexWriter(dir, config(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        } catch (IOException | IllegalArgumentException e) {
            // unreadable, or of another index sort: it is derived, so it is started afresh in an emptied folder
            LOG.warn("the orders' text index in {} cannot be opened ({}); it is built afresh", folder, e.toString());
            dir.close();
            IndexFolder.delete(folder);
            Files.createDirectories(folder);
            dir = FSDirectory.open(folder);
            writer = new IndexWriter(dir, config(IndexWriterConfig.OpenMode.CREATE));
        }
        Map<String, String> committed = new HashMap<>();
        if (writer.getLiveCommitData() != null) {
            writer.getLiveCommitData().forEach(e -> committed.put(e.getKey(), e.getValue()));
        }
        String store = StoreFingerprint.read(jdbi);
        boolean sameFormat = FORMAT.equals(committed.get("format"))
                && StoreFingerprint.schema(store).equals(StoreFingerprint.schema(committed.getOrDefault("store", "")));
        if (!sameFormat) {
            writer.deleteAll();
        }
        boolean trusted = sameFormat && trustClean && "true".equals(committed.get("clean")) && store.equals(committed.get("store"));
        // from now on a kill leaves an index the next start does not trust
        commit(false, "");
        searchers = new SearcherManager(writer, null);
        if (!trusted) {
            status = "catching up with the store (the search scans meanwhile)";
            LOG.info("the orders' text index in {} is {}; catching up with the store in the background (the search scans"
                    + " meanwhile)", folder, !sameFormat ? "new or of another format" : "not known to match the store");
            IndexCatchUp.Outcome done = IndexCatchUp.run(jdbi, writer, () -> stopping);
            commit(false, "");
            if (!done.complete()) {
                return;
            }
            LOG.info("the orders' text index caught up with the store in {} ms: {} orders read, {} written, {} removed",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), done.read(), done.written(), done.deleted());
        }
        if (trusted) {
            LOG.info("the orders' text index in {} matches the store as a clean stop left both; ready in {} ms", folder,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
        searchers.maybeRefreshBlocking();
        ready = true;
        status = "ready";
    }

    private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
        return new IndexWriterConfig(new Trigrams()).setIndexSort(OrderTextIndex.ORDER).setOpenMode(mode)
                .setCommitOnClose(false).setRAMBufferSizeMB(16);
    }

    /** Applies what is queued as {@link Backlog} says when, until the stop; commits while changes wait. */
    private void serve() throws IOException {
        Backlog backlog = new Backlog();
        List<IndexTask> arrived = new ArrayList<>();
        while (true) {
            IndexTask first;
            try {
                first = tasks.poll(backlog.isEmpty() ? 1_000 : Backlog.QUIET.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = IndexTask.STOP;
            }
            if (first != null) {
                arrived.clear();
                arrived.add(first);
                tasks.drainTo(arrived, 1_000);
                backlog.add(arrived, System.nanoTime());
            }
            while (backlog.due(System.nanoTime(), searchWaits)) {
                if (apply(backlog.next())) {
                    finish();
                    return;
                }
                if (!tasks.isEmpty() && !searchWaits && !backlog.stopping()) {
                    break; // writes resumed: they are taken in, and the rest waits for their pause
                }
            }
            if (backlog.isEmpty() && tasks.isEmpty()) {
                // everything queued before a waiting search asked is applied by now
                searchWaits = false;
            }
            waiting = backlog.ids();
            if (uncommitted && System.nanoTime() - lastCommit > COMMIT_EVERY.toNanos()) {
                commit(false, "");
            }
        }
    }

    /** Applies the tasks in their order; true when one of them was the stop. */
    private boolean apply(List<IndexTask> batch) throws IOException {
        Set<Long> ids = new HashSet<>();
        long last = applied;
        boolean stop = false;
        for (IndexTask t : batch) {
            if (t == IndexTask.STOP) {
                stop = true;
                continue;
            }
            if (t.purged().isPresent()) {
                write(ids);
                ids.clear();
                writer.deleteDocuments(LongPoint.newExactQuery(IndexedOrder.INTEGRATION, t.purged().get()));
                uncommitted = true;
            }
            ids.addAll(t.ids());
            last = Math.max(last, t.seq());
        }
        write(ids);
        synchronized (progress) {
            applied = last;
            progress.notifyAll();
        }
        return stop;
    }

    /** Re-reads the orders from the store and writes what it holds now; an order it no longer holds is deleted. */
    private void write(Set<Long> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        List<IndexedOrder> rows = jdbi.withHandle(h -> IndexedOrder.byIds(h, ids));
        Set<Long> gone = new HashSet<>(ids);
        for (IndexedOrder o : rows) {
            writer.updateDocument(IndexedOrder.term(o.id()), o.document());
            gone.remove(o.id());
        }
        for (long id : gone) {
            writer.deleteDocuments(IndexedOrder.term(id));
        }
        uncommitted = true;
    }

    /** The clean commit of a stop: everything applied, the store's fingerprint recorded. */
    private void finish() throws IOException {
        commit(true, StoreFingerprint.read(jdbi));
        closeQuietly();
        status = "closed";
    }

    private void commit(boolean clean, String store) throws IOException {
        Map<String, String> data = new HashMap<>();
        data.put("format", FORMAT);
        data.put("clean", Boolean.toString(clean && ready));
        data.put("store", clean ? store : StoreFingerprint.read(jdbi));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        lastCommit = System.nanoTime();
        uncommitted = false;
    }

    private void closeQuietly() {
        ready = false;
        synchronized (progress) {
            progress.notifyAll();
        }
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null && writer.isOpen()) {
                writer.rollback(); // what is not committed is dropped; the commit of the clean stop came before
                writer.getDirectory().close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the orders' text index: {}", e.toString());
        }
        searchers = null;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

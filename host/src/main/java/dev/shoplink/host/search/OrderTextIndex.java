package dev.shoplink.host.search;

import dev.shoplink.host.orders.OrderSearch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopDocs;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders' text index of the embedded store: a Lucene index of each order's search text as trigrams, its order
 * date, integration and id, in {@code <data>/search/}. Derived, never authoritative: it answers candidates only once
 * it holds every committed order ({@link IndexKeeper} builds and keeps it on a thread of its own), and waits for
 * the writes committed before a search asked; otherwise it answers nothing and the overview scans as before.
 */
public final class OrderTextIndex implements OrderSearch, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTextIndex.class);
    /** The overview's order, which is also the index's: a search stops at the first {@code max} hits of each segment. */
    static final Sort ORDER = new Sort(new SortField(IndexedOrder.DATE, SortField.Type.LONG, true),
            new SortField(IndexedOrder.ID_VALUE, SortField.Type.LONG, true));
    /** How long a search waits for writes committed before it to reach the index before it scans instead. */
    private static final Duration WAIT_FOR_WRITES = Duration.ofSeconds(2);

    private final BlockingQueue<IndexTask> tasks = new LinkedBlockingQueue<>();
    private final IndexKeeper keeper;
    private final CountCache counts = new CountCache();
    private final Thread thread;
    private long enqueued;

    private OrderTextIndex(Path folder, Jdbi jdbi, boolean uncleanStop) {
        this.keeper = new IndexKeeper(folder, jdbi, uncleanStop, tasks);
        this.thread = new Thread(keeper, "search-index");
        thread.setDaemon(true);
    }

    /** Opens (or builds, or catches up) the index in {@code folder} in the background; searches scan until it is ready. */
    public static OrderTextIndex start(Path folder, Jdbi jdbi, boolean uncleanStop) {
        OrderTextIndex index = new OrderTextIndex(folder, jdbi, uncleanStop);
        index.thread.start();
        return index;
    }

    /** One line for people: ready, building (and how far), or failed (and why). */
    public String status() {
        return keeper.status();
    }

    @Override
    public Optional<Candidates> candidates(OrderSearch.Request request, Optional<Hit> after, int max) {
        List<String> grams = Trigrams.of(request.term());
        return ask(grams, "be searched", searcher -> {
            // the last doc id: the cursor's own order (same date and id) counts as already shown
            TopDocs top = after.isPresent()
                    ? searcher.searchAfter(new FieldDoc(searcher.getIndexReader().maxDoc() - 1, Float.NaN,
                            new Object[] {after.get().dateMicros(), after.get().id()}), query(grams, request, after), max, ORDER)
                    : searcher.search(query(grams, request, after), max, ORDER);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc d : top.scoreDocs) {
                Object[] key = ((FieldDoc) d).fields;
                hits.add(new Hit((Long) key[0], (Long) key[1]));
            }
            return new Candidates(hits, hits.size() < max);
        });
    }

    @Override
    public OptionalLong count(OrderSearch.Request request, int cap) {
        List<String> grams = Trigrams.of(request.term());
        // the index's order is the sort: each segment stops once it has counted past the cap
        Optional<Long> n = ask(grams, "count", searcher -> counts.get(searcher, request, cap,
                () -> searcher.search(query(grams, request, Optional.empty()),
                        new TopFieldCollectorManager(ORDER, 1, null, cap)).totalHits.value));
        return n.isPresent() ? OptionalLong.of(Math.min(n.get(), cap)) : OptionalLong.empty();
    }

    /**
     * Runs {@code search} once the writes queued before this call are in the index; empty (the caller scans) for a
     * term without trigrams, an index not ready, writes that take too long to arrive, or a failure ({@code what} it
     * could not do is logged).
     */
    private <T> Optional<T> ask(List<String> grams, String what, IndexKeeper.Search<T> search) {
        if (grams.isEmpty() || !keeper.ready()) {
            return Optional.empty();
        }
        long asked;
        synchronized (this) {
            asked = enqueued;
        }
        try {
            return keeper.search(asked, WAIT_FOR_WRITES, search);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the orders' text index could not {} ({}); the search scans", what, e.toString());
            return Optional.empty();
        }
    }

    private static Query query(List<String> grams, OrderSearch.Request q, Optional<Hit> after) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (int i = 0; i < grams.size(); i++) {
            phrase.add(new Term(IndexedOrder.TEXT, grams.get(i)), i);
        }
        b.add(phrase.build(), BooleanClause.Occur.FILTER);
        q.integrationId().ifPresent(i -> b.add(range(IndexedOrder.INTEGRATION, i, i), BooleanClause.Occur.FILTER));
        // order dates are stored in whole microseconds: date >= from and date < to, exactly as the database asks
        long from = q.from().map(IndexedOrder::ceilMicros).orElse(Long.MIN_VALUE);
        long to = q.toExclusive().map(t -> IndexedOrder.ceilMicros(t) - 1).orElse(Long.MAX_VALUE);
        if (after.isPresent()) {
            to = Math.min(to, after.get().dateMicros());
        }
        if (from != Long.MIN_VALUE || to != Long.MAX_VALUE) {
            b.add(range(IndexedOrder.DATE, from, to), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** Points when the range leads, doc values when the trigrams do (Lucene chooses per segment). */
    private static Query range(String field, long from, long to) {
        return new IndexOrDocValuesQuery(LongPoint.newRangeQuery(field, from, to),
                NumericDocValuesField.newSlowRangeQuery(field, from, to));
    }

    @Override
    public void written(Collection<Long> ids) {
        enqueue(List.copyOf(ids), Optional.empty());
    }

    @Override
    public void purged(long integrationId) {
        enqueue(List.of(), Optional.of(integrationId));
    }

    /** Queues a task numbered after every one before it (a search waits for the number it read). */
    private synchronized void enqueue(List<Long> ids, Optional<Long> purged) {
        tasks.add(new IndexTask(++enqueued, ids, purged));
    }

    /** Applies what is queued, commits the index as clean (a clean stop is trusted at the next start) and closes it. */
    @Override
    public void close() {
        keeper.stop();
        synchronized (this) {
            tasks.add(IndexTask.STOP);
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the orders' text index did not close within 60 s; the next start checks it against the store");
        }
    }
}

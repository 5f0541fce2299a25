package dev.shoplink.host.search;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes {@link IndexKeeper} has taken from its queue and not applied yet, and when it applies them. A sync
 * writes a page every few tens of milliseconds; indexing each page as it comes takes the cores the sync itself needs
 * (a quarter of a first import's time on 2 cores), so the keeper lets writes that follow each other closely wait
 * until they pause for {@link #QUIET}, and then applies them a chunk at a time, going back to waiting as soon as
 * writes resume. A search that needs them, a stop, {@link #MAX_IDS} waiting ids or {@link #MAX_AGE} of waiting make
 * them due at once. Not thread-safe: the keeper's thread alone uses it.
 */
final class Backlog {
    /** Writes closer together than this are one burst: the index waits for its end. */
    static final Duration QUIET = Duration.ofMillis(250);
    /** At most this many written ids wait (about 20 bytes each), */
    static final int MAX_IDS = 200_000;
    /** and none longer than this. */
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    /** Applied at a time, so that the work of a pause yields to the next write within one chunk. */
    static final int CHUNK_IDS = 5_000;

    private final ArrayDeque<IndexTask> tasks = new ArrayDeque<>();
    private int ids;
    private boolean stop;
    private long oldestNanos;
    private long lastNanos;

    /** Takes the tasks just taken from the queue, at {@code now} (nanoseconds); a wake-up is no write. */
    void add(List<IndexTask> arrived, long now) {
        for (IndexTask t : arrived) {
            if (t == IndexTask.WAKE) {
                continue;
            }
            if (tasks.isEmpty()) {
                oldestNanos = now;
            }
            tasks.add(t);
            ids += t.ids().size();
            stop |= t == IndexTask.STOP;
            lastNanos = now;
        }
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** The written ids waiting (an order written twice counts twice). */
    int ids() {
        return ids;
    }

    /** Whether a stop waits behind the writes: then nothing yields. */
    boolean stopping() {
        return stop;
    }

    /** True when what waits is to be applied now. */
    boolean due(long now, boolean searchWaits) {
        return !tasks.isEmpty() && (stop || searchWaits || now - lastNanos >= QUIET.toNanos() || ids >= MAX_IDS
                || now - oldestNanos >= MAX_AGE.toNanos());
    }

    /** The next tasks in queue order: whole tasks, at least one, and no more than {@link #CHUNK_IDS} ids unless one holds more. */
    List<IndexTask> next() {
        List<IndexTask> chunk = new ArrayList<>();
        int taken = 0;
        while (!tasks.isEmpty() && (chunk.isEmpty() || taken + tasks.peek().ids().size() <= CHUNK_IDS)) {
            IndexTask t = tasks.poll();
            chunk.add(t);
            taken += t.ids().size();
        }
        ids -= taken;
        return chunk;
    }
}

package dev.shoplink.host.search;

import java.util.List;
import java.util.Optional;

/** For {@link IndexKeeper}: orders written ({@code ids}) or an integration's orders deleted ({@code purged}), numbered as queued. */
record IndexTask(long seq, List<Long> ids, Optional<Long> purged) {
    static final IndexTask STOP = new IndexTask(Long.MAX_VALUE, List.of(), Optional.empty());
    /** No write: wakes the keeper when a search waits for writes that are due at once ({@link Backlog}). */
    static final IndexTask WAKE = new IndexTask(-1, List.of(), Optional.empty());
}

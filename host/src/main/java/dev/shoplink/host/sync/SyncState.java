package dev.shoplink.host.sync;

/** Where a sync run stands. */
public enum SyncState {
    QUEUED,
    RUNNING,
    /** The shop's rate limit is used up; the run waits until {@code waitUntil} and continues. */
    WAITING_RATE_LIMIT,
    SUCCEEDED,
    FAILED;

    public boolean active() {
        return this == QUEUED || this == RUNNING || this == WAITING_RATE_LIMIT;
    }
}

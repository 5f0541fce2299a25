package dev.shoplink.host.orders;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * A text index the overview's search may ask for candidates ({@code search.OrderTextIndex} on the embedded H2 store;
 * none elsewhere: PostgreSQL serves the LIKE from its trigram index, V8). It is derived and never authoritative: the
 * database checks every order it lists with the unchanged {@code LIKE} and the other filters ({@link IndexedSearch}),
 * so an index that holds too much costs time, never a wrong row; one that may hold too little answers empty and the
 * overview scans. Its count is exact for the term and the filters it holds (the capped total of a search filtered by
 * nothing else), since it matches the term as a substring, not by words.
 */
public interface OrderSearch {
    /** The index of none: every search scans. */
    OrderSearch NONE = new OrderSearch() {
        @Override
        public Optional<Candidates> candidates(Request request, Optional<Hit> after, int max) {
            return Optional.empty();
        }

        @Override
        public OptionalLong count(Request request, int cap) {
            return OptionalLong.empty();
        }

        @Override
        public void written(Collection<Long> ids) {
        }

        @Override
        public void purged(long integrationId) {
        }
    };

    /**
     * The orders whose indexed text may contain {@code request.term()} (a superset of the LIKE's answer) within the
     * integration and dates asked, newest first (order date desc, id desc), after {@code after}, at most {@code max};
     * empty when the index cannot answer for every committed order right now (building, behind, failed, a term
     * shorter than it indexes): then the caller scans.
     */
    Optional<Candidates> candidates(Request request, Optional<Hit> after, int max);

    /**
     * The number of orders whose text contains the term exactly (the LIKE's answer) within the integration and dates
     * asked, counting at most {@code cap}; empty when the index cannot answer now.
     */
    OptionalLong count(Request request, int cap);

    /** After a commit that inserted or changed these orders (their text, date or integration). */
    void written(Collection<Long> ids);

    /** After a commit that deleted every order of the integration. */
    void purged(long integrationId);

    /** What the index can filter on; the rest of the overview's filters only the database checks. */
    record Request(String term, Optional<Long> integrationId, Optional<Instant> from, Optional<Instant> toExclusive) {
    }

    /** An order's place in the overview's order: its order date in microseconds since the epoch and its id. */
    record Hit(long dateMicros, long id) {
        static Hit of(OrderCursor c) {
            return new Hit(micros(c.orderDate()), c.id());
        }

        /** An instant in whole microseconds since the epoch (the stores' precision), rounded down. */
        public static long micros(Instant t) {
            return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1000;
        }
    }

    /** Candidates in the overview's order; {@code last}: no more after these. */
    record Candidates(List<Hit> hits, boolean last) {
    }

    /** The index the store's handles use (none unless the host installed one: {@link Installed#use}). */
    static OrderSearch of(Handle h) {
        return h.getConfig(Installed.class).get();
    }

    /** Tells the handle's index about these orders once the transaction commits (at once outside one). */
    static void afterCommit(Handle h, Collection<Long> ids) {
        OrderSearch search = of(h);
        if (search == NONE || ids.isEmpty()) {
            return;
        }
        List<Long> copy = List.copyOf(ids);
        whenCommitted(h, () -> search.written(copy));
    }

    /** Tells the handle's index that the integration's orders are gone once the transaction commits. */
    static void afterPurge(Handle h, long integrationId) {
        OrderSearch search = of(h);
        if (search == NONE) {
            return;
        }
        whenCommitted(h, () -> search.purged(integrationId));
    }

    /** Runs {@code tell} once the handle's transaction commits (never for a rolled-back one), or at once outside one. */
    private static void whenCommitted(Handle h, Runnable tell) {
        if (h.isInTransaction()) {
            h.afterCommit(tell::run);
        } else {
            tell.run();
        }
    }

    /**
     * The index as a Jdbi setting: the repositories are created with {@code new} in many places, while every handle
     * of the host's Jdbi carries its settings; copies share the one reference the host sets at start-up.
     */
    final class Installed implements JdbiConfig<Installed> {
        private final AtomicReference<OrderSearch> installed;

        public Installed() {
            this(new AtomicReference<>(NONE));
        }

        private Installed(AtomicReference<OrderSearch> installed) {
            this.installed = installed;
        }

        public void use(OrderSearch search) {
            installed.set(search);
        }

        OrderSearch get() {
            return installed.get();
        }

        @Override
        public Installed createCopy() {
            return new Installed(installed);
        }
    }
}

package dev.shoplink.host.search;

import dev.shoplink.host.orders.OrderSearch;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * The capped counts of the searches asked since the index last changed: a count is a function of the searcher's
 * snapshot, so while no write reached the index (the searcher is the same reader) a repeated search — the next page,
 * the same term asked again — is counted once. Up to {@link #SIZE} searches, the least recently asked dropped first;
 * emptied whenever the searcher changes.
 */
final class CountCache {
    private static final int SIZE = 256;

    /** How a count is made when it is not known. */
    interface Counting {
        long count() throws IOException;
    }

    private record Key(OrderSearch.Request request, int cap) {
    }

    private final Map<Key, Long> counts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            return size() > SIZE;
        }
    };
    private IndexReader of;

    long get(IndexSearcher searcher, OrderSearch.Request request, int cap, Counting counting) throws IOException {
        Key key = new Key(request, cap);
        synchronized (this) {
            if (of != searcher.getIndexReader()) {
                counts.clear();
                of = searcher.getIndexReader();
            }
            Long known = counts.get(key);
            if (known != null) {
                return known;
            }
        }
        long n = counting.count();
        synchronized (this) {
            if (of == searcher.getIndexReader()) {
                counts.put(key, n);
            }
        }
        return n;
    }
}

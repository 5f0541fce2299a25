package dev.shoplink.host.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.jdbi.v3.core.Jdbi;

/**
 * Brings the index to the store's state by comparing the two, not by trusting a log of changes: the store's orders are
 * read by id in chunks, each compared with the index's copy by {@link IndexedOrder#hash()}; missing or different
 * ones are written, and ids the store no longer has are deleted. What happened while the host was down (a kill
 * between a commit of the store and one of the index, a restored backup, a migration that rewrote texts) is found
 * the same way; the store is only read.
 */
final class IndexCatchUp {
    static final int CHUNK = 5_000;

    /** What a catch-up did. */
    record Outcome(long read, long written, long deleted, boolean complete) {
    }

    private IndexCatchUp() {
    }

    static Outcome run(Jdbi jdbi, IndexWriter writer, BooleanSupplier stopping) throws IOException {
        long[][] held = held(writer);
        long[] ids = held[0];
        long[] hashes = held[1];
        boolean empty = ids.length == 0;
        int k = 0;
        long read = 0;
        long written = 0;
        long deleted = 0;
        long last = 0;
        while (true) {
            if (stopping.getAsBoolean()) {
                return new Outcome(read, written, deleted, false);
            }
            long from = last;
            List<IndexedOrder> chunk = jdbi.withHandle(h -> IndexedOrder.after(h, from, CHUNK));
            for (IndexedOrder o : chunk) {
                for (; k < ids.length && ids[k] < o.id(); k++) {
                    writer.deleteDocuments(IndexedOrder.term(ids[k]));
                    deleted++;
                }
                if (k < ids.length && ids[k] == o.id()) {
                    if (hashes[k] != o.hash()) {
                        writer.updateDocument(IndexedOrder.term(o.id()), o.document());
                        written++;
                    }
                    k++;
                } else if (empty) {
                    writer.addDocument(o.document());
                    written++;
                } else {
                    writer.updateDocument(IndexedOrder.term(o.id()), o.document());
                    written++;
                }
            }
            read += chunk.size();
            if (chunk.size() < CHUNK) {
                break;
            }
            last = chunk.get(chunk.size() - 1).id();
        }
        for (; k < ids.length; k++) {
            writer.deleteDocuments(IndexedOrder.term(ids[k]));
            deleted++;
        }
        return new Outcome(read, written, deleted, true);
    }

    /** The ids the index holds, ascending, and each one's hash: {@code [ids, hashes]}. */
    private static long[][] held(IndexWriter writer) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            long[] pairs = new long[reader.numDocs() * 2];
            int n = 0;
            for (LeafReaderContext leaf : reader.leaves()) {
                NumericDocValues idv = leaf.reader().getNumericDocValues(IndexedOrder.ID_VALUE);
                NumericDocValues hv = leaf.reader().getNumericDocValues(IndexedOrder.HASH);
                Bits live = leaf.reader().getLiveDocs();
                if (idv == null || hv == null) {
                    continue;
                }
                for (int doc = idv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = idv.nextDoc()) {
                    if ((live == null || live.get(doc)) && hv.advanceExact(doc)) {
                        pairs[2 * n] = idv.longValue();
                        pairs[2 * n + 1] = hv.longValue();
                        n++;
                    }
                }
            }
            return byId(pairs, n);
        }
    }

    /** Sorts the (id, hash) pairs by id through an index of positions (ids are unique). */
    private static long[][] byId(long[] pairs, int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = pairs[2 * i];
        }
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[Arrays.binarySearch(sorted, pairs[2 * i])] = pairs[2 * i + 1];
        }
        return new long[][] {sorted, hashes};
    }
}

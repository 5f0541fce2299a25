package dev.shoplink.host.search;

import dev.shoplink.host.orders.OrderSearch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.jdbi.v3.core.Handle;

/**
 * What the text index holds of one order, as read from {@code shop_order}: its id, order date, integration and search
 * text; and the Lucene document of it. {@link #hash()} tells whether the index's copy is the store's.
 */
record IndexedOrder(long id, long dateMicros, long integrationId, String text) {
    /** The id as a term: the key a document is replaced or deleted by. */
    static final String ID = "id";
    /** The id as a number: the overview's tie-break and what a search returns. */
    static final String ID_VALUE = "id_value";
    /** The order date in microseconds: sort key (doc values) and range filter (points). */
    static final String DATE = "date";
    static final String INTEGRATION = "integration";
    /** {@link #hash()}: how the catch-up tells a changed order without storing its text. */
    static final String HASH = "hash";
    /** The search text's trigrams at their character offsets ({@link Trigrams}). */
    static final String TEXT = "text";

    private static final FieldType GRAMS = grams();
    private static final String COLUMNS = "select o.id, o.order_date, o.integration_id, o.search_text";

    private static FieldType grams() {
        FieldType type = new FieldType();
        // positions make the trigrams of a term, one after the other, an exact substring match (a phrase); no norms
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.setTokenized(true);
        type.setOmitNorms(true);
        type.setStored(false);
        type.freeze();
        return type;
    }

    static Term term(long id) {
        return new Term(ID, Long.toString(id));
    }

    /** The first whole microsecond at or after {@code t}. */
    static long ceilMicros(Instant t) {
        return OrderSearch.Hit.micros(t) + (t.getNano() % 1000 == 0 ? 0 : 1);
    }

    /** A 64-bit FNV-1a over everything the index holds of the order. */
    long hash() {
        long h = 0xcbf29ce484222325L;
        h = mix(h, dateMicros);
        h = mix(h, integrationId);
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long h, long value) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((value >>> (8 * i)) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    Document document() {
        Document d = new Document();
        d.add(new StringField(ID, Long.toString(id), Field.Store.NO));
        d.add(new NumericDocValuesField(ID_VALUE, id));
        d.add(new LongPoint(DATE, dateMicros));
        d.add(new NumericDocValuesField(DATE, dateMicros));
        d.add(new LongPoint(INTEGRATION, integrationId));
        d.add(new NumericDocValuesField(INTEGRATION, integrationId));
        d.add(new NumericDocValuesField(HASH, hash()));
        d.add(new Field(TEXT, text, GRAMS));
        return d;
    }

    private static IndexedOrder row(ResultSet rs) throws SQLException {
        return new IndexedOrder(rs.getLong(1), OrderSearch.Hit.micros(rs.getObject(2, OffsetDateTime.class).toInstant()), rs.getLong(3),
                rs.getString(4));
    }

    /** These orders as the store holds them now (deleted ones are simply missing). */
    static List<IndexedOrder> byIds(Handle h, Collection<Long> ids) {
        return h.createQuery(COLUMNS + " from unnest(cast(:ids as bigint array)) as c(id) join shop_order o on o.id = c.id")
                .bindArray("ids", Long.class, List.copyOf(ids))
                .map((rs, ctx) -> row(rs))
                .list();
    }

    /** Up to {@code n} orders with ids above {@code afterId}, by id: the catch-up walks the table in such chunks. */
    static List<IndexedOrder> after(Handle h, long afterId, int n) {
        return h.createQuery(COLUMNS + " from shop_order o where o.id > :after order by o.id fetch first :n rows only")
                .bind("after", afterId).bind("n", n)
                .map((rs, ctx) -> row(rs))
                .list();
    }
}

package dev.shoplink.host.orders;

import dev.shoplink.api.OrderLine;
import dev.shoplink.api.ShopOrder;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * What a shop's order stores in the columns of {@code shop_order} and {@code order_line}: each text cut to its column
 * (a shop's text is never refused), the number normalized, the search text; bound to the named parameters of
 * {@link OrderRepository}'s statements.
 */
final class OrderColumns {
    private OrderColumns() {
    }

    /** The order's external id as stored (cut to its column: a shop's text is never refused). */
    static String key(ShopOrder o) {
        return cut(o.externalId(), 128);
    }

    /** The order's number as stored in {@code order_number}: normalized, cut to the reference's column. */
    static String number(ShopOrder o) {
        return OrderNumber.normalize(cut(o.orderNumber(), 255));
    }

    /** What the overview's text search looks in, lower-cased: reference, customer, e-mail and the lines' SKUs. */
    static String searchText(ShopOrder o) {
        StringBuilder text = new StringBuilder().append(o.orderNumber()).append(' ').append(o.customer().name()).append(' ')
                .append(o.customer().email());
        o.lines().forEach(line -> text.append(' ').append(line.sku()));
        return cut(text.toString().toLowerCase(Locale.ROOT), 4000);
    }

    /** Binds the order's columns, as the insert and the update of {@code shop_order} name them. */
    static PreparedBatch bindOrder(PreparedBatch batch, long integrationId, String shopKey, ShopOrder o, Instant now) {
        var c = o.customer();
        var a = c.address();
        return batch.bind("integrationId", integrationId).bind("shopKey", shopKey).bind("externalId", key(o))
                .bind("ref", cut(o.orderNumber(), 255)).bind("status", cut(o.status(), 64)).bind("state", o.state().name())
                .bind("orderDate", o.placedAt()).bind("modified", o.modifiedAt())
                .bind("name", cut(c.name(), 500)).bind("email", cut(c.email(), 500)).bind("address", cut(a.street(), 1000))
                .bind("city", cut(a.city(), 200)).bind("region", cut(a.state(), 200)).bind("postal", cut(a.postalCode(), 50))
                .bind("country", cut(a.country(), 8)).bind("phone", cut(a.phone(), 100)).bind("now", now)
                .bind("search", searchText(o)).bind("number", number(o));
    }

    /** Adds the order's lines to the insert of {@code order_line}; how many. */
    static int addLines(PreparedBatch lines, long orderId, ShopOrder o) {
        Set<String> lineIds = new HashSet<>();
        for (OrderLine line : o.lines()) {
            // a shop may repeat a line id; the line still counts, under a derived id
            String lineId = lineIds.add(line.externalId()) ? line.externalId() : line.externalId() + "#" + lineIds.size();
            lineIds.add(lineId);
            lines.bind("o", orderId).bind("e", cut(lineId, 128)).bind("l", cut(line.listingExternalId(), 128))
                    .bind("sku", cut(line.sku(), 255)).bind("name", cut(line.name(), 1000)).bind("q", line.quantity())
                    .bind("p", line.unitPrice()).add();
        }
        return o.lines().size();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}

package dev.shoplink.host.sync;

import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The map stage's import rules for one page of orders, without the database or the shop: which orders are
 * imported, and which listings they name. A switch keeps the new shop's orders by the same rules
 * ({@code switching.ShopSnapshot}).
 */
public final class OrderImportRules {
    private OrderImportRules() {
    }

    /** The orders of a page to import, and the shop's listing ids their lines name (in first-seen order). */
    public record Mapped(List<ShopOrder> keep, Set<String> referencedListings) {
    }

    /**
     * A shop paging over a changing list may report an order twice on one page: its latest version counts.
     * Orders on hold are not imported; orders placed before the start date never are, even when modified later.
     */
    public static Mapped map(List<ShopOrder> page, Instant start) {
        Map<String, ShopOrder> latest = new LinkedHashMap<>();
        page.forEach(o -> latest.merge(o.externalId(), o, (a, b) -> b.modifiedAt().isBefore(a.modifiedAt()) ? a : b));
        List<ShopOrder> keep = latest.values().stream()
                .filter(o -> o.state() != OrderState.ON_HOLD && !o.placedAt().isBefore(start)).toList();
        Set<String> referenced = new LinkedHashSet<>();
        keep.forEach(o -> o.lines().stream().map(OrderLine::listingExternalId).filter(id -> !id.isEmpty())
                .forEach(referenced::add));
        return new Mapped(keep, referenced);
    }
}

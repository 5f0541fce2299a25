package dev.shoplink.host.orders;

import java.util.List;
import java.util.Optional;

/**
 * One page of the orders overview: the list envelope every list has ({@code items, page, size, total}) plus
 * {@code totalExact} and {@code next}.
 *
 * @param total the number of matching orders when {@code totalExact}; otherwise {@link #COUNT_CAP}, read "10,000+"
 *              (counting a million rows is a scan on every request; a user needs "more than 10,000", not the number)
 * @param totalExact whether {@code total} is the exact count
 * @param next the relative link of the next page (the same filters and size, an {@code after} cursor); empty on the
 *             last page
 */
public record OrderPage(List<OrderView> items, int page, int size, long total, boolean totalExact, Optional<String> next) {
    /** Totals up to this are exact; a larger count is reported as this, not exact. */
    public static final int COUNT_CAP = 10_000;
}

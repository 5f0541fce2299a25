package dev.shoplink.testkit;

import static dev.shoplink.testkit.PageReads.assertResumable;
import static dev.shoplink.testkit.PageReads.collect;
import static dev.shoplink.testkit.PageReads.eachPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.api.Cursor;
import dev.shoplink.api.OrderLine;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopOrder;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract's checks of orders: first and incremental reads paging complete and resumable, the
 * incremental bound honoured, and order lines with a quantity and listings the connector can fetch.
 */
abstract class OrderContract extends ListingContract {
    /** The bound of the incremental query in {@link #incrementalOrderQueriesLeaveOutOrdersModifiedBeforeTheBound()}. */
    private static final Instant MODIFIED_BOUND = Instant.parse("2024-06-01T12:00:00Z");
    @Test
    public void emptyShopHasOneEmptyLastPageOfOrders() {
        givenOrders(0);

        Page<ShopOrder> first = connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), Cursor.start());

        assertThat(first.items()).isEmpty();
        assertThat(first.hasNext()).isFalse();
    }

    @Test
    public void pagingThroughOrdersReturnsEachExactlyOnce() {
        int count = 2 * pageSize() + 3;
        givenOrders(count);

        List<ShopOrder> all = collect(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor));

        assertThat(all).hasSize(count);
        assertThat(all).extracting(ShopOrder::externalId).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
        assertThat(all).allSatisfy(order -> assertThat(order.lines()).as("lines of " + order.externalId()).isNotEmpty());
    }

    @Test
    public void incrementalOrderQueriesPageToTheEndToo() {
        givenOrders(pageSize() + 1);

        List<ShopOrder> all = collect(cursor -> connector().orders(goodConnection(),
                OrderQuery.modifiedSince(LONG_AGO, LONG_AGO), cursor));

        assertThat(all).hasSize(pageSize() + 1);
    }

    @Test
    public void aStoredOrderCursorResumesTheRead() {
        givenOrders(2 * pageSize() + 3);

        assertResumable(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor),
                ShopOrder::externalId);
    }

    @Test
    public void aStoredIncrementalOrderCursorResumesTheRead() {
        givenOrders(2 * pageSize() + 3);

        assertResumable(cursor -> connector().orders(goodConnection(), OrderQuery.modifiedSince(LONG_AGO, LONG_AGO), cursor),
                ShopOrder::externalId);
    }

    @Test
    public void orderIdsAreUniqueWithinEachPage() {
        givenOrders(2 * pageSize() + 3);

        eachPage(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor), (page, number) ->
                assertThat(page.items()).extracting(ShopOrder::externalId).as("order ids of page %d", number)
                        .doesNotHaveDuplicates());
    }

    @Test
    public void incrementalOrderQueriesLeaveOutOrdersModifiedBeforeTheBound() {
        givenOrdersModifiedAround(MODIFIED_BOUND, 3, 4);

        List<ShopOrder> everything = collect(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor));
        List<ShopOrder> changed = collect(cursor -> connector().orders(goodConnection(),
                OrderQuery.modifiedSince(LONG_AGO, MODIFIED_BOUND), cursor));

        assertThat(everything).as("all orders of the shop").hasSize(7);
        assertThat(changed).allSatisfy(order -> assertThat(order.modifiedAt())
                .as("modification time of %s, asked for orders modified since %s", order.externalId(), MODIFIED_BOUND)
                .isAfterOrEqualTo(MODIFIED_BOUND));
        assertThat(changed).extracting(ShopOrder::externalId).as("orders modified since %s", MODIFIED_BOUND)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(everything.stream()
                        .filter(order -> !order.modifiedAt().isBefore(MODIFIED_BOUND)).map(ShopOrder::externalId).toList());
    }

    @Test
    public void everyOrderLineHasAQuantityOfAtLeastOne() {
        givenOrders(pageSize() + 1);

        List<ShopOrder> all = collect(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor));

        assertThat(all).isNotEmpty().allSatisfy(order -> {
            assertThat(order.lines()).extracting(OrderLine::quantity).as("quantities of %s", order.externalId())
                    .allMatch(quantity -> quantity >= 1);
            assertThat(order.lines()).extracting(OrderLine::externalId).as("line ids of %s", order.externalId())
                    .doesNotHaveDuplicates();
        });
    }

    @Test
    public void orderLinesNameListingsTheConnectorCanFetch() {
        givenOrdersSellingListings(3);

        List<ShopOrder> all = collect(cursor -> connector().orders(goodConnection(), OrderQuery.placedSince(LONG_AGO), cursor));

        assertThat(all).as("orders").hasSize(3);
        Set<String> named = new LinkedHashSet<>();
        all.forEach(order -> order.lines().forEach(line -> named.add(line.listingExternalId())));
        named.remove("");
        for (String id : named) {
            assertThat(id).as("listing id on an order line").isNotBlank();
            assertThat(connector().listing(goodConnection(), id)).as("listing %s named by an order line", id)
                    .hasValueSatisfying(found -> assertThat(found.externalId()).isEqualTo(id));
        }
    }
}

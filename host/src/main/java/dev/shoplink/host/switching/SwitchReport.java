package dev.shoplink.host.switching;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shoplink.host.integrations.IntegrationRepository;
import dev.shoplink.host.integrations.IntegrationView;
import java.util.List;
import java.util.Optional;

/**
 * What a switch does (dry run) or did. Counts are complete; the item lists stop after {@link #MAX_ITEMS}
 * entries each ({@code truncated} says so).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record SwitchReport(
        boolean dryRun,
        IntegrationView from,
        Target to,
        Listings listings,
        Orders orders,
        List<Conflict> conflicts,
        Optional<IntegrationView> integration,
        Optional<Long> syncId,
        Optional<IntegrationRepository.DisconnectResult> disconnected) {

    public static final int MAX_ITEMS = 500;

    /** The new shop as the form names it. */
    public record Target(String connector, String name, String shopUrl, String syncStartDate) {
    }

    /**
     * The new shop's listings: {@code mapped} arrive MAPPED to the variant the predecessor's listings of the SKU are
     * mapped to, {@code ignored} arrive IGNORED, {@code new} go to the mapping wizard, {@code alreadyStored} were
     * stored for this shop before (a reconnect) and keep their state.
     */
    public record Listings(int total, int mapped, int ignored, int newSkus, int alreadyStored, List<ListingOutcome> items,
                           boolean truncated) {
    }

    /** One listing of the new shop and what it becomes; {@code variantId} for MAPPED. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record ListingOutcome(String externalId, String sku, String name, String variant, String outcome,
                                 Optional<Long> variantId) {
    }

    /**
     * The new shop's orders in the window (placed since the sync start date, not on hold): {@code linked} to an order
     * the predecessor imported, {@code new} (imported by the first sync), {@code alreadyStored} (a reconnect);
     * {@code predecessorKept}: the predecessor's orders that stay as they are.
     */
    public record Orders(String placedSince, int read, int linked, int newOrders, int alreadyStored, long predecessorKept,
                         List<OrderLink> links, boolean truncated) {
    }

    /** An order of the new shop linked to the predecessor's order with the same number; the tag and status stay. */
    public record OrderLink(String orderNumber, long orderId, String tag, String status, String predecessorRef,
                            String newRef, String newExternalId) {
    }

    /**
     * Something the switch does not decide for the roaster. {@code SKU_MAPPED_TO_TWO_VARIANTS}: the predecessor maps the
     * SKU to {@code variantIds}; the new listing goes to the wizard. {@code ORDER_NUMBER_TWICE}: the number occurs
     * {@code count} times on {@code side} ({@code NEW_SHOP} or {@code PREDECESSOR}); its orders are not linked and the
     * new shop's are imported as orders of their own.
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Conflict(String kind, Optional<String> sku, Optional<List<Long>> variantIds, Optional<String> orderNumber,
                           Optional<String> side, Optional<Integer> count, String detail) {
        static Conflict sku(String sku, List<Long> variants) {
            return new Conflict("SKU_MAPPED_TO_TWO_VARIANTS", Optional.of(sku), Optional.of(variants), Optional.empty(),
                    Optional.empty(), Optional.empty(), "SKU " + sku + " is mapped to " + variants.size()
                            + " catalog variants " + variants + "; its new listing is left to the mapping wizard");
        }

        static Conflict orderNumber(String number, String side, int count) {
            return new Conflict("ORDER_NUMBER_TWICE", Optional.empty(), Optional.empty(), Optional.of(number),
                    Optional.of(side), Optional.of(count), "order number " + number + " occurs " + count + " times in "
                            + (side.equals("NEW_SHOP") ? "the new shop" : "the previous integration")
                            + "; nothing is linked for it, the new shop's order(s) are imported as orders of their own");
        }
    }
}

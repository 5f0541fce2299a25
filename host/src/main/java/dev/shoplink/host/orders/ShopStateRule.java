package dev.shoplink.host.orders;

import dev.shoplink.api.OrderState;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an order's state in its shop bears on the roaster's own status. The rules (docs/API.md, "Orders and the
 * shop's state"):
 * <ul>
 *   <li>At import: an order the shop already cancelled lands {@code ARCHIVED} (it is no work), one the shop already
 *       shipped lands {@code COMPLETED}; awaiting payment and paid orders land {@code RECEIVED}.</li>
 *   <li>Later, while the roaster still has the order open (or completed, for a cancellation), a shop state that
 *       contradicts it is an <em>attention</em>: the order is flagged, left out of the open work
 *       ({@code ?open=true}), and a status change needs {@code acknowledgeWarnings: true} — except moving a
 *       shop-shipped order to {@code COMPLETED}, which agrees with the shop.</li>
 * </ul>
 */
public enum ShopStateRule {
    /** Cancelled or refunded in the shop after the roaster took it in. */
    CANCELLED_IN_SHOP,
    /** Shipped (fulfilled) by the shop while the roaster still has it open. */
    SHIPPED_BY_SHOP,
    /** Placed but not paid yet: not work until the shop reports it paid. */
    AWAITING_PAYMENT;

    /** The roaster's status of an order imported in this shop state. */
    public static OrderStatus initialStatus(OrderState state) {
        return switch (state) {
            case CANCELLED -> OrderStatus.ARCHIVED;
            case CLOSED -> OrderStatus.COMPLETED;
            default -> OrderStatus.RECEIVED;
        };
    }

    /** Why a sync or import put an order in its first status, in words for its history. */
    public static String importReason(OrderState state) {
        return switch (state) {
            case CANCELLED -> "imported already cancelled in the shop: archived, no work";
            case CLOSED -> "imported already shipped by the shop: completed";
            case PENDING -> "imported awaiting payment in the shop";
            default -> "imported";
        };
    }

    /** The attention an order in this status and shop state needs, if any. */
    public static Optional<ShopStateRule> of(OrderStatus status, String externalState) {
        boolean open = isOpen(status);
        return switch (externalState == null ? "" : externalState) {
            case "CANCELLED" -> open || status == OrderStatus.COMPLETED ? Optional.of(CANCELLED_IN_SHOP) : Optional.empty();
            case "CLOSED" -> open ? Optional.of(SHIPPED_BY_SHOP) : Optional.empty();
            case "PENDING" -> open ? Optional.of(AWAITING_PAYMENT) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The sentence shown with the flag and returned as the warning of a status change. */
    public String detail() {
        return switch (this) {
            case CANCELLED_IN_SHOP -> "the shop cancelled this order after it was imported; do not ship it";
            case SHIPPED_BY_SHOP -> "the shop reports this order shipped; completing it agrees with the shop";
            case AWAITING_PAYMENT -> "the shop has not received payment for this order yet";
        };
    }

    /** Whether moving to {@code next} needs the caller's acknowledgement. */
    public boolean needsAcknowledgement(OrderStatus next) {
        return !(this == SHIPPED_BY_SHOP && next == OrderStatus.COMPLETED);
    }

    private static boolean isOpen(OrderStatus status) {
        return status == OrderStatus.RECEIVED || status == OrderStatus.IN_PROGRESS;
    }

    /**
     * SQL condition (on {@code o}) of the open work: the roaster's open orders whose shop state needs no attention.
     * Written out from {@link #of} so the list and the flags cannot disagree:
     * {@code o.status in ('RECEIVED', 'IN_PROGRESS') and o.external_state not in ('PENDING', 'CLOSED', 'CANCELLED')}.
     */
    static final String OPEN_SQL = "o.status in (" + quoted(Arrays.stream(OrderStatus.values()).filter(ShopStateRule::isOpen)
            .map(Enum::name).toArray(String[]::new)) + ") and o.external_state not in ("
            + quoted(Arrays.stream(OrderState.values()).filter(s -> of(OrderStatus.RECEIVED, s.name()).isPresent())
            .map(Enum::name).toArray(String[]::new)) + ")";

    private static String quoted(String... values) {
        return Arrays.stream(values).map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }
}

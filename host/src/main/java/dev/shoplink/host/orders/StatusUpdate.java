package dev.shoplink.host.orders;

/**
 * The roaster moves an order to {@code status} (its history then holds an {@link OrderView.StatusChange});
 * {@code acknowledgeWarnings} goes ahead although the shop's state advises against it.
 */
public record StatusUpdate(OrderStatus status, boolean acknowledgeWarnings) {
}

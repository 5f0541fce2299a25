package dev.shoplink.host.orders;

/**
 * A shop's order reference as one number across shops: surrounding whitespace removed, then one leading
 * {@code #}, then whitespace again. Shopify's {@code "#1001"}, ShipStation's {@code "1001"} and
 * {@code " 1001 "} are one number; letters, case and inner characters are kept as the shop wrote them
 * ({@code "A-1001"} is not {@code "1001"}, {@code "##1001"} is {@code "#1001"}). Stored in
 * {@code shop_order.order_number} by every import.
 */
public final class OrderNumber {
    private OrderNumber() {
    }

    public static String normalize(String reference) {
        if (reference == null) {
            return "";
        }
        String s = reference.strip();
        if (s.startsWith("#")) {
            s = s.substring(1).strip();
        }
        return s;
    }
}

package dev.shoplink.simulator;

import static dev.shoplink.simulator.ShopGenerator.DAY;
import static dev.shoplink.simulator.ShopGenerator.FIRST_ORDER_ID;
import static dev.shoplink.simulator.ShopGenerator.FIRST_ORDER_ITEM_ID;
import static dev.shoplink.simulator.ShopGenerator.FIRST_ORDER_NUMBER;
import static dev.shoplink.simulator.ShopGenerator.HOUR;
import static dev.shoplink.simulator.ShopGenerator.ITEM_ID_STRIDE;
import static dev.shoplink.simulator.ShopGenerator.MINUTE;
import static dev.shoplink.simulator.ShopGenerator.STORE_ID;
import static dev.shoplink.simulator.ShopGenerator.between;
import static dev.shoplink.simulator.ShopGenerator.local;
import static dev.shoplink.simulator.ShopGenerator.pick;

import dev.shoplink.simulator.CustomerGenerator.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One order of the shop from its own random stream: a customer, a status and the stamps it implies, lines of
 * products that existed when it was placed, and the totals. The draws happen in a fixed order (stamps, lines,
 * then the rest), so the same seed gives the same order whatever thread builds it.
 */
final class OrderGenerator {
    private static final long SALT_ORDER = 0x5EED_0005L;

    /** The order's instants (epoch millis) and its wall-clock stamps in Pacific time. */
    private record Stamps(long createdAt, long modifiedAt, long orderLocal, long createLocal, long modifyLocal,
                          Long paymentLocal) {
    }

    /** The order's lines (a discount line included) and their sums. */
    private record Lines(List<Order.Item> items, long subtotal, long weight) {
    }

    private final long seed;
    private final long latestMillis;
    private final List<Product> products;
    /** The products' creation instants, ascending (products are in creation order). */
    private final long[] productCreated;
    private final int customers;
    private final CustomerGenerator customerGenerator;

    OrderGenerator(long seed, long latestMillis, List<Product> products, int customers) {
        this.seed = seed;
        this.latestMillis = latestMillis;
        this.products = products;
        this.productCreated = products.stream().mapToLong(Product::createdAtMillis).toArray();
        this.customers = customers;
        this.customerGenerator = new CustomerGenerator(seed);
    }

    Order order(int index, long placedAt) {
        SplittableRandom rng = ShopGenerator.random(seed, SALT_ORDER, index);
        Customer customer = customerGenerator.customer(rng.nextInt(customers));
        OrderStatus status = status(rng);
        Stamps stamps = stamps(rng, status, placedAt);
        boolean wholesale = customer.shipTo().company() != null && rng.nextInt(3) == 0;
        Lines lines = lines(rng, index, placedAt, wholesale, stamps.createLocal());
        return assemble(rng, index, placedAt, customer, status, stamps, lines, wholesale);
    }

    private Stamps stamps(SplittableRandom rng, OrderStatus status, long placedAt) {
        long createdAt = Math.min(placedAt + 20_000 + rng.nextLong(30 * MINUTE), latestMillis);
        Long paidAt = status == OrderStatus.AWAITING_PAYMENT ? null : placedAt + rng.nextLong(90_000);
        long modifiedAt = switch (status) {
            case SHIPPED -> between(rng, createdAt + 2 * HOUR, createdAt + 5 * DAY);
            case CANCELLED -> between(rng, createdAt + HOUR, createdAt + 3 * DAY);
            case ON_HOLD -> between(rng, createdAt + 10 * MINUTE, createdAt + 2 * DAY);
            default -> rng.nextInt(10) < 6 ? createdAt : between(rng, createdAt, createdAt + 3 * DAY);
        };
        modifiedAt = Math.max(createdAt, Math.min(modifiedAt, latestMillis));

        // In the autumn repeated hour a later instant can read earlier on the wall clock; keep each
        // order's own stamps in order (createDate >= orderDate, modifyDate >= createDate) as clients expect.
        long orderLocal = local(placedAt);
        long createLocal = Math.max(local(createdAt), orderLocal);
        long modifyLocal = Math.max(local(modifiedAt), createLocal);
        Long paymentLocal = paidAt == null ? null : Math.max(local(paidAt), orderLocal);
        return new Stamps(createdAt, modifiedAt, orderLocal, createLocal, modifyLocal, paymentLocal);
    }

    private Lines lines(SplittableRandom rng, int index, long placedAt, boolean wholesale, long createLocal) {
        // Only products that already existed when the order was placed can be on it.
        int existing = upperBound(productCreated, placedAt);
        if (existing == 0) {
            existing = products.size();
        }
        int lines = lineCount(rng);
        List<Order.Item> items = new ArrayList<>(lines + 1);
        List<Integer> used = new ArrayList<>(lines);
        long subtotal = 0;
        long weight = 0;
        for (int line = 0; line < lines; line++) {
            int productIndex = rng.nextInt(existing);
            for (int retry = 0; retry < 5 && used.contains(productIndex); retry++) {
                productIndex = rng.nextInt(existing);
            }
            if (used.contains(productIndex)) {
                continue;
            }
            used.add(productIndex);
            Product product = products.get(productIndex);
            int roll = rng.nextInt(10);
            int quantity = roll < 7 ? 1 : roll < 9 ? 2 : 3 + rng.nextInt(3);
            if (wholesale) {
                quantity *= 5;
            }
            items.add(item(index, items.size(), product, quantity, lineItemKey(rng), createLocal));
            subtotal += product.priceCents() * quantity;
            weight += product.weightHundredthsOz() * quantity;
        }
        if (rng.nextInt(50) == 0) {
            // A discount line: documented ShipStation shape, no product behind it.
            long discount = -Math.max(100, subtotal / 10);
            items.add(new Order.Item(FIRST_ORDER_ITEM_ID + (long) index * ITEM_ID_STRIDE + items.size(),
                    null, null, "Discount (WELCOME10)", null, 0, 1, discount, null, null, null, null,
                    true, null, createLocal, createLocal));
            subtotal += discount;
        }
        return new Lines(List.copyOf(items), subtotal, weight);
    }

    private static Order assemble(SplittableRandom rng, int index, long placedAt, Customer customer, OrderStatus status,
            Stamps stamps, Lines lines, boolean wholesale) {
        boolean international = !"US".equals(customer.shipTo().country());
        long shipping = international ? 1995 : lines.subtotal() >= 5000 ? 0 : 695;
        long tax = rng.nextInt(10) < 3 ? Math.round(lines.subtotal() * 0.0725) : 0;
        long total = lines.subtotal() + shipping + tax;
        boolean shipped = status == OrderStatus.SHIPPED;
        boolean gift = rng.nextInt(20) == 0;
        List<Long> tagIds = wholesale ? List.of(Vocabulary.TAGS.get(0).tagId())
                : gift ? List.of(Vocabulary.TAGS.get(2).tagId())
                : rng.nextInt(12) == 0 ? List.of(Vocabulary.TAGS.get(1).tagId()) : null;
        int payment = rng.nextInt(20);
        return new Order(
                FIRST_ORDER_ID + index,
                Integer.toString(FIRST_ORDER_NUMBER + index),
                orderKey(rng),
                stamps.orderLocal(),
                stamps.createLocal(),
                stamps.modifyLocal(),
                stamps.paymentLocal(),
                rng.nextInt(10) < 3 ? local(placedAt + 3 * DAY) : null,
                status,
                customer.customerId(),
                customer.email(),
                new Order.Address(customer.name(), null, null, null, null, null, null, null, null, null, null),
                customer.shipTo(),
                lines.items(),
                total,
                status == OrderStatus.AWAITING_PAYMENT ? 0 : total,
                tax,
                shipping,
                rng.nextInt(20) == 0 ? pick(rng, Vocabulary.CUSTOMER_NOTES) : null,
                status == OrderStatus.ON_HOLD ? "Held: waiting for the customer to confirm the address" : null,
                gift,
                gift ? pick(rng, Vocabulary.GIFT_MESSAGES) : null,
                payment < 15 ? "Credit Card" : payment < 18 ? "PayPal" : "Shop Pay",
                pick(rng, Vocabulary.SHIPPING_SERVICES),
                shipped ? "stamps_com" : null,
                shipped ? "usps_priority_mail" : null,
                shipped ? "package" : null,
                rng.nextInt(5) == 0 ? "delivery" : "none",
                shipped ? stamps.modifyLocal() : null,
                status == OrderStatus.ON_HOLD && rng.nextBoolean()
                        ? local(stamps.modifiedAt() + (3 + rng.nextInt(8)) * DAY) : null,
                lines.weight(),
                rng.nextInt(5) < 2,
                international,
                STORE_ID,
                tagIds != null && tagIds.contains(Vocabulary.TAGS.get(1).tagId()) ? "subscription" : "web",
                wholesale ? "Net 30" : null,
                tagIds,
                placedAt,
                stamps.modifiedAt());
    }

    private static OrderStatus status(SplittableRandom rng) {
        int roll = rng.nextInt(100);
        if (roll < 55) {
            return OrderStatus.AWAITING_SHIPMENT;
        } else if (roll < 77) {
            return OrderStatus.SHIPPED;
        } else if (roll < 89) {
            return OrderStatus.AWAITING_PAYMENT;
        } else if (roll < 97) {
            return OrderStatus.CANCELLED;
        }
        return OrderStatus.ON_HOLD;
    }

    private static int lineCount(SplittableRandom rng) {
        int roll = rng.nextInt(100);
        if (roll < 40) {
            return 1;
        } else if (roll < 65) {
            return 2;
        } else if (roll < 80) {
            return 3;
        } else if (roll < 90) {
            return 4;
        } else if (roll < 96) {
            return 5;
        }
        return 6;
    }

    static Order.Item item(int orderIndex, int position, Product product, int quantity, String lineItemKey,
            long createLocal) {
        return new Order.Item(
                FIRST_ORDER_ITEM_ID + (long) orderIndex * ITEM_ID_STRIDE + position,
                lineItemKey,
                product.sku(),
                product.name(),
                product.imageUrl(),
                product.weightHundredthsOz(),
                quantity,
                product.priceCents(),
                product.warehouseLocation(),
                product.sizeLabel(),
                product.grindLabel(),
                product.productId(),
                false,
                product.upc(),
                createLocal,
                createLocal);
    }

    static String lineItemKey(SplittableRandom rng) {
        return Long.toString(10_000_000_000L + rng.nextLong(90_000_000_000L));
    }

    private static String orderKey(SplittableRandom rng) {
        return String.format("%016x%016x", rng.nextLong(), rng.nextLong());
    }

    /** Number of entries in the sorted array that are {@code <= value}. */
    private static int upperBound(long[] sorted, long value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

package dev.shoplink.simulator;

import dev.shoplink.simulator.Vocabulary.BagSize;
import dev.shoplink.simulator.Vocabulary.City;
import dev.shoplink.simulator.Vocabulary.Coffee;
import dev.shoplink.simulator.Vocabulary.Grind;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Builds a coffee roaster's shop from a {@link ShopSpec}. Every product, customer and order draws from
 * its own random stream derived from (seed, kind, index), so orders can be generated in parallel and
 * the result still does not depend on thread scheduling.
 */
final class ShopGenerator {

    static final long FIRST_PRODUCT_ID = 31_200_001L;
    static final long FIRST_ORDER_ID = 187_400_001L;
    static final long FIRST_ORDER_ITEM_ID = 402_000_000L;
    /** Item ids are {@code FIRST_ORDER_ITEM_ID + orderIndex * stride + line}; lines never exceed it. */
    static final int ITEM_ID_STRIDE = 8;
    static final int MAX_PRODUCT_LINES = 6;
    static final long STORE_ID = 215_577L;
    /** Shopify numbers a shop's orders from #1001; ShipStation shows a Shopify order's number without the '#'. */
    static final int FIRST_ORDER_NUMBER = 1_001;

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private static final long SALT_PRODUCTS = 0x5EED_0001L;
    private static final long SALT_PRODUCT = 0x5EED_0002L;
    private static final long SALT_LINE = 0x5EED_0003L;
    private static final long SALT_ORDER_DATES = 0x5EED_0004L;
    private static final long SALT_ORDER = 0x5EED_0005L;
    private static final long SALT_CUSTOMER = 0x5EED_0006L;

    private final ShopSpec spec;
    private final long nowMillis;
    /** Nothing generated is newer than this, so a mutation "now" is always strictly the newest change. */
    private final long latestMillis;

    ShopGenerator(ShopSpec spec) {
        this.spec = spec;
        this.nowMillis = spec.now().toEpochMilli();
        this.latestMillis = nowMillis - MINUTE;
    }

    static SplittableRandom random(long seed, long salt, long index) {
        return new SplittableRandom(mix64(mix64(seed ^ salt) + index * 0x9E3779B97F4A7C15L));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private SplittableRandom random(long salt, long index) {
        return random(spec.seed(), salt, index);
    }

    private static long between(SplittableRandom rng, long from, long to) {
        return to <= from ? from : from + rng.nextLong(to - from);
    }

    private static <T> T pick(SplittableRandom rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    private static long local(long epochMillis) {
        return PacificTime.localMillis(Instant.ofEpochMilli(epochMillis));
    }

    Store store() {
        return new Store(STORE_ID, "Hilltop Coffee Roasters", "Hilltop Coffee Roasters LLC",
                "orders@hilltop-roasters.example.com", "https://hilltop-roasters.example.com",
                local(nowMillis - 4 * 365 * DAY), local(latestMillis - 3 * MINUTE));
    }

    // ---------------------------------------------------------------- products

    /** Name and SKU stem of the {@code line}-th coffee: base coffees first, later lots after them. */
    static Coffee coffee(int line) {
        List<Coffee> bases = Vocabulary.BASE_COFFEES;
        Coffee base = bases.get(line % bases.size());
        int series = line / bases.size();
        if (series == 0) {
            return base;
        }
        if (base.code().startsWith("BLD") || base.code().startsWith("DCF")) {
            return new Coffee(base.name() + " No. " + (series + 1), base.code() + "-" + (series + 1));
        }
        String[] process = Vocabulary.PROCESSES.get((series - 1) % Vocabulary.PROCESSES.size());
        int lot = (series - 1) / Vocabulary.PROCESSES.size() + 1;
        String name = base.name() + " " + process[0] + (lot > 1 ? " Lot " + lot : "");
        return new Coffee(name, base.code() + "-" + process[1] + lot);
    }

    List<Product> products() {
        int n = spec.productCount();
        SplittableRandom rng = random(SALT_PRODUCTS, 0);

        long newestCreate = latestMillis - HOUR;
        long pivot = Math.min(spec.newProductsSince().toEpochMilli(), newestCreate);
        long oldestCreate = Math.min(nowMillis - 3 * 365 * DAY, pivot - 365 * DAY);
        int newCount = (int) Math.min(n, Math.round(n * spec.newProductShare()));
        if (spec.newProductShare() > 0 && newCount == 0 && n > 1) {
            newCount = 1;
        }
        long[] created = new long[n];
        for (int i = 0; i < n; i++) {
            created[i] = i < n - newCount ? between(rng, oldestCreate, pivot) : between(rng, pivot, newestCreate);
        }
        // Creation order is id order, as in ShipStation; it also lets orders find "products that
        // existed back then" as a prefix of the catalog.
        Arrays.sort(created);

        boolean[] unnamed = new boolean[n];
        boolean[] inactive = new boolean[n];
        boolean anyUnnamed = false;
        boolean anyInactive = false;
        for (int i = 0; i < n; i++) {
            unnamed[i] = rng.nextInt(200) == 0;
            inactive[i] = rng.nextInt(50) == 0;
            anyUnnamed |= unnamed[i];
            anyInactive |= inactive[i];
        }
        if (n >= 10 && !anyUnnamed) {
            unnamed[rng.nextInt(n)] = true;
        }
        if (n >= 50 && !anyInactive) {
            inactive[rng.nextInt(n)] = true;
        }

        List<Product> products = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            products.add(product(i, created[i], unnamed[i], inactive[i]));
        }
        return List.copyOf(products);
    }

    private Product product(int index, long createdAt, boolean unnamed, boolean inactive) {
        int line = index / Vocabulary.VARIANTS_PER_COFFEE;
        int variant = index % Vocabulary.VARIANTS_PER_COFFEE;
        BagSize size = Vocabulary.BAG_SIZES.get(variant / Vocabulary.GRINDS.size());
        Grind grind = Vocabulary.GRINDS.get(variant % Vocabulary.GRINDS.size());
        Coffee coffee = coffee(line);

        SplittableRandom lineRng = random(SALT_LINE, line);
        long basePrice250 = 1200 + 50L * lineRng.nextInt(25);
        String aisle = "R" + (1 + lineRng.nextInt(12)) + "-S" + (1 + lineRng.nextInt(6));
        boolean blend = coffee.code().startsWith("BLD") || coffee.code().startsWith("DCF");
        Product.Category category = lineRng.nextInt(5) == 0 ? null
                : blend ? new Product.Category(7702, "Blends") : new Product.Category(7701, "Single origin");
        boolean subscription = lineRng.nextInt(4) == 0;

        SplittableRandom rng = random(SALT_PRODUCT, index);
        double factor = switch (size.code()) {
            case "250" -> 1.0;
            case "340" -> 1.3;
            case "1000" -> 3.5;
            case "2500" -> 8.0;
            default -> 7.4;
        };
        long price = Math.round(basePrice250 * factor / 100.0) * 100 - 5;
        long weight = Math.round(size.grams() / 28.349523125 * 100) + (size.grams() >= 1000 ? 150 : 60);
        Product.Dimensions dimensions = rng.nextBoolean() ? null : switch (size.code()) {
            case "250", "340" -> new Product.Dimensions(8, 5, 3);
            case "1000" -> new Product.Dimensions(11, 7, 4);
            default -> new Product.Dimensions(14, 9, 6);
        };
        long modifiedAt = rng.nextInt(10) < 3 ? between(rng, createdAt, latestMillis) : createdAt;
        String slug = coffee.code().toLowerCase() + "-" + size.code().toLowerCase();
        return new Product(
                index,
                FIRST_PRODUCT_ID + index,
                coffee.code() + "-" + size.code() + "-" + grind.code(),
                unnamed ? null : coffee.name() + " - " + size.label() + " - " + grind.label(),
                size.label(),
                grind.label(),
                price,
                rng.nextBoolean() ? null : Math.round(price * 0.38),
                weight,
                dimensions,
                rng.nextInt(40) == 0 ? "Roast on Mondays only" : null,
                rng.nextInt(8) == 0 ? null : aisle,
                category,
                rng.nextInt(10) < 3,
                subscription ? List.of(Vocabulary.TAGS.get(1)) : null,
                rng.nextInt(6) == 0 ? null : "https://cdn.hilltop-roasters.example.com/products/" + slug + ".jpg",
                rng.nextInt(5) == 0 ? String.format("%012d", rng.nextLong(1_000_000_000_000L)) : null,
                createdAt,
                local(createdAt),
                local(modifiedAt),
                modifiedAt,
                !inactive);
    }

    // ---------------------------------------------------------------- customers

    private record Customer(long customerId, String name, String email, Order.Address shipTo) {
    }

    private Customer customer(int index) {
        SplittableRandom rng = random(SALT_CUSTOMER, index);
        String first = pick(rng, Vocabulary.FIRST_NAMES);
        String last = pick(rng, Vocabulary.LAST_NAMES);
        String name = first + " " + last;
        String local = Normalizer.normalize(first + "." + last, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace("'", "").toLowerCase();
        String domain = pick(rng, List.of("example.com", "example.net", "example.org"));
        String email = local + index + "@" + domain;
        City city = rng.nextInt(10) == 0 ? pick(rng, Vocabulary.FOREIGN_CITIES) : pick(rng, Vocabulary.US_CITIES);
        boolean business = rng.nextInt(15) == 0;
        int verified = rng.nextInt(10);
        Order.Address shipTo = new Order.Address(
                name,
                business ? last + " Café" : null,
                (1 + rng.nextInt(9800)) + " " + pick(rng, Vocabulary.STREETS),
                rng.nextInt(5) == 0 ? "Apt " + (1 + rng.nextInt(40)) + (char) ('A' + rng.nextInt(4)) : null,
                city.city(),
                city.state(),
                city.postalCode(),
                city.country(),
                rng.nextBoolean() ? "555-01" + (10 + rng.nextInt(90)) : null,
                !business,
                verified < 8 ? "Address validated successfully"
                        : verified == 8 ? "Address not yet validated" : "Address validation warning");
        return new Customer(48_100_000L + index, name, email, shipTo);
    }

    // ---------------------------------------------------------------- orders

    /** Generates every order and hands them to a fresh {@link OrderBook} as pre-serialized JSON. */
    OrderBook orders(List<Product> products) {
        int m = spec.orderCount();
        SplittableRandom rng = random(SALT_ORDER_DATES, 0);
        long windowStart = nowMillis - spec.orderDays() * DAY;
        long windowEnd = latestMillis - HOUR;
        long[] placed = new long[m];
        for (int i = 0; i < m; i++) {
            placed[i] = between(rng, windowStart, windowEnd);
        }
        Arrays.sort(placed);

        long[] productCreated = products.stream().mapToLong(Product::createdAtMillis).toArray();
        int customers = Math.max(1, m / 3);

        byte[][] json = new byte[m][];
        long[] orderDate = new long[m];
        long[] createDate = new long[m];
        long[] modifyDate = new long[m];
        byte[] status = new byte[m];
        long[] placedAt = new long[m];
        long[] modifiedAt = new long[m];
        IntStream.range(0, m).parallel().forEach(i -> {
            Order order = order(i, placed[i], products, productCreated, customers);
            json[i] = ShipStationJson.order(order);
            orderDate[i] = order.orderDate();
            createDate[i] = order.createDate();
            modifyDate[i] = order.modifyDate();
            status[i] = (byte) order.status().ordinal();
            placedAt[i] = order.placedAtMillis();
            modifiedAt[i] = order.modifiedAtMillis();
        });
        return new OrderBook(spec.seed(), products, json, orderDate, createDate, modifyDate, status, placedAt, modifiedAt);
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

    private Order order(int index, long placedAt, List<Product> products, long[] productCreated, int customers) {
        SplittableRandom rng = random(SALT_ORDER, index);
        Customer customer = customer(rng.nextInt(customers));
        OrderStatus status = status(rng);

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
        boolean wholesale = customer.shipTo().company() != null && rng.nextInt(3) == 0;

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

        boolean international = !"US".equals(customer.shipTo().country());
        long shipping = international ? 1995 : subtotal >= 5000 ? 0 : 695;
        long tax = rng.nextInt(10) < 3 ? Math.round(subtotal * 0.0725) : 0;
        long total = subtotal + shipping + tax;
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
                orderLocal,
                createLocal,
                modifyLocal,
                paymentLocal,
                rng.nextInt(10) < 3 ? local(placedAt + 3 * DAY) : null,
                status,
                customer.customerId(),
                customer.email(),
                new Order.Address(customer.name(), null, null, null, null, null, null, null, null, null, null),
                customer.shipTo(),
                List.copyOf(items),
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
                shipped ? modifyLocal : null,
                status == OrderStatus.ON_HOLD && rng.nextBoolean()
                        ? local(modifiedAt + (3 + rng.nextInt(8)) * DAY) : null,
                weight,
                rng.nextInt(5) < 2,
                international,
                STORE_ID,
                tagIds != null && tagIds.contains(Vocabulary.TAGS.get(1).tagId()) ? "subscription" : "web",
                wholesale ? "Net 30" : null,
                tagIds,
                placedAt,
                modifiedAt);
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

package dev.shoplink.simulator;

import static dev.shoplink.simulator.ShopGenerator.DAY;
import static dev.shoplink.simulator.ShopGenerator.FIRST_PRODUCT_ID;
import static dev.shoplink.simulator.ShopGenerator.HOUR;
import static dev.shoplink.simulator.ShopGenerator.between;
import static dev.shoplink.simulator.ShopGenerator.local;

import dev.shoplink.simulator.Vocabulary.BagSize;
import dev.shoplink.simulator.Vocabulary.Coffee;
import dev.shoplink.simulator.Vocabulary.Grind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The roaster's catalog: coffees in every bag size and grind, created over the years before the shop's "now" (a
 * share of them after {@link ShopSpec#newProductsSince}), in id order. A coffee line's price, aisle and category
 * come from the line's random stream, so all its variants agree.
 */
final class ProductGenerator {
    private static final long SALT_PRODUCTS = 0x5EED_0001L;
    private static final long SALT_PRODUCT = 0x5EED_0002L;
    private static final long SALT_LINE = 0x5EED_0003L;

    private final ShopSpec spec;
    private final long nowMillis;
    private final long latestMillis;

    ProductGenerator(ShopSpec spec, long nowMillis, long latestMillis) {
        this.spec = spec;
        this.nowMillis = nowMillis;
        this.latestMillis = latestMillis;
    }

    private SplittableRandom random(long salt, long index) {
        return ShopGenerator.random(spec.seed(), salt, index);
    }

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

}

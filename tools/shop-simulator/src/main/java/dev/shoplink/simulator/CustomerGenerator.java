package dev.shoplink.simulator;

import static dev.shoplink.simulator.ShopGenerator.pick;

import dev.shoplink.simulator.Vocabulary.City;
import java.text.Normalizer;
import java.util.List;
import java.util.SplittableRandom;

/** The shop's customers: a name, an e-mail address and a ship-to address, each customer from its own random stream. */
final class CustomerGenerator {
    private static final long SALT_CUSTOMER = 0x5EED_0006L;

    record Customer(long customerId, String name, String email, Order.Address shipTo) {
    }

    private final long seed;

    CustomerGenerator(long seed) {
        this.seed = seed;
    }

    Customer customer(int index) {
        SplittableRandom rng = ShopGenerator.random(seed, SALT_CUSTOMER, index);
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
}

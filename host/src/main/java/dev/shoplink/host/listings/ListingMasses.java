package dev.shoplink.host.listings;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masses a listing's text and SKU state ("250 g", "2.5kg", "12 oz", {@code ETH-GUJI-250-WB}), in grams, and the
 * SKU's tokens around its size ({@link ListingSuggester} reads units, grind codes and the product stem off them).
 */
final class ListingMasses {
    private static final Pattern MASS = Pattern.compile(
            "(?<![\\p{L}\\d.,])(\\d+(?:[.,]\\d+)?)\\s*(kilograms?|kilos?|kg|grams?|gr|g|ounces?|oz|pounds?|lbs?)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern SKU_MASS = Pattern.compile("(\\d+(?:\\.\\d+)?)(KG|G|OZ|LBS?)?", Pattern.CASE_INSENSITIVE);
    private static final double GRAMS_PER_OUNCE = 28.349523125;
    private static final double GRAMS_PER_POUND = 453.59237;

    private ListingMasses() {
    }

    /** Within 3 %: a 12 oz bag (340.2 g) is the 340 g unit, a 5 lb bag is not 2.5 kg. */
    static boolean sameMass(double a, double b) {
        return Math.abs(a - b) <= 0.03 * Math.max(a, b);
    }

    /** A mass as a listing would state it: "2.5 kg", "340 g". */
    static String describe(double grams) {
        return grams >= 1000 ? BigDecimal.valueOf(grams / 1000).stripTrailingZeros().toPlainString() + " kg"
                : Math.round(grams) + " g";
    }

    /** The mass a text such as "250 g", "2.5kg", "12 oz" or "5 lb" names, in grams. */
    static Optional<Double> grams(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = MASS.matcher(text.strip());
        return m.matches() ? Optional.of(toGrams(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The last mass a text names, in grams ("Guji 1 kg - 250 g" is 250 g). */
    static Optional<Double> lastMass(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = MASS.matcher(text);
        Double found = null;
        while (m.find()) {
            found = toGrams(m.group(1), m.group(2));
        }
        return Optional.ofNullable(found);
    }

    private static double toGrams(String amount, String unit) {
        double value = Double.parseDouble(amount.replace(',', '.'));
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("k")) {
            return value * 1000;
        }
        if (u.startsWith("o")) {
            return value * GRAMS_PER_OUNCE;
        }
        if (u.startsWith("l") || u.startsWith("p")) {
            return value * GRAMS_PER_POUND;
        }
        return value;
    }

    /** The SKU token that is a mass: {@code 250}, {@code 1000}, {@code 5LB}, {@code 12OZ}; bare numbers under 100 are lots. */
    static Optional<Double> skuMass(String sku) {
        int at = skuMassToken(skuTokens(sku));
        if (at < 0) {
            return Optional.empty();
        }
        Matcher m = SKU_MASS.matcher(skuTokens(sku).get(at));
        m.matches();
        return Optional.of(m.group(2) == null ? Double.parseDouble(m.group(1)) : toGrams(m.group(1), m.group(2)));
    }

    static int skuMassToken(List<String> tokens) {
        for (int i = tokens.size() - 1; i >= 1; i--) {
            Matcher m = SKU_MASS.matcher(tokens.get(i));
            if (m.matches() && (m.group(2) != null || Double.parseDouble(m.group(1)) >= 100)) {
                return i;
            }
        }
        return -1;
    }

    /** The SKU split at {@code - _ / .} and spaces. */
    static List<String> skuTokens(String sku) {
        if (sku == null || sku.isBlank()) {
            return List.of();
        }
        return Arrays.stream(sku.strip().split("[-_/. ]+")).filter(t -> !t.isEmpty()).toList();
    }

    /** Where the first mass in a text starts; -1 when it names none. */
    static int firstMassAt(String text) {
        Matcher mass = MASS.matcher(text);
        return mass.find() ? mass.start() : -1;
    }
}

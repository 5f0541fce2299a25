package dev.shoplink.host.listings;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a shop listing says about itself: its bag size (unit), its grind style, the product it is a
 * variant of (a group key and name), and how similar a catalog product's name is. Pure text rules, no
 * storage: "Ethiopia Guji - 250 g - Whole bean" with SKU {@code ETH-GUJI-250-WB} is the product
 * "Ethiopia Guji", 250 g, whole bean. Only units and grind styles the host is configured with are ever suggested.
 * The masses a text or SKU states are {@link ListingMasses}' to read.
 */
public final class ListingSuggester {
    /** A unit or grind style read from a listing, and where it was read ("variant title", "name", "SKU"). */
    public record Reading(String value, String source) {
    }

    /** The group a listing belongs to: its key and the product name it suggests. */
    public record Group(String key, String name) {
    }

    /** Name parts: "Ethiopia Guji - 250 g - Whole bean", "Ethiopia Guji | 250 g", "Ethiopia Guji, 250 g". */
    private static final Pattern NAME_SEPARATOR = Pattern.compile("\\s+[-–—|/]\\s+|,\\s+|\\s*[(\\[]");

    /** Grind style words (lower case, regular expressions over the text) and SKU codes, by configured grind style. */
    private static final Map<String, List<String>> GRIND_WORDS = Map.of(
            "WHOLE_BEAN", List.of("whole[ -]?beans?", "whole", "beans?", "unground"),
            "ESPRESSO", List.of("espresso"),
            "FILTER", List.of("filter", "drip", "pour[ -]?over", "v60", "chemex"),
            "FRENCH_PRESS", List.of("french[ -]?press", "cafeti[eè]re", "coarse"),
            "MOKA_POT", List.of("moka(?:[ -]?pot)?", "stovetop"),
            "AEROPRESS", List.of("aero[ -]?press"),
            "TURKISH", List.of("turkish", "ibrik"));
    private static final Map<String, List<String>> GRIND_CODES = Map.of(
            "WHOLE_BEAN", List.of("WB", "WHB", "BEAN", "BEANS", "WHOLE"),
            "ESPRESSO", List.of("ESP", "ES", "ESPRESSO"),
            "FILTER", List.of("FIL", "FLT", "DRIP", "FILTER"),
            "FRENCH_PRESS", List.of("FP", "FPR", "PRESS"),
            "MOKA_POT", List.of("MOKA", "MP"),
            "AEROPRESS", List.of("AP", "AERO"),
            "TURKISH", List.of("TUR", "TK"));

    private final List<String> units;
    private final List<Double> unitGrams;
    private final Function<String, Optional<String>> grindStyle;
    private final Map<String, Pattern> grindPatterns = new LinkedHashMap<>();

    /**
     * @param units the configured units ("250 g", "5 lb", …); those that are no mass are matched by their text only
     * @param grindStyle the configured grind style a canonical name ({@code WHOLE_BEAN}) stands for, if any
     */
    public ListingSuggester(List<String> units, Function<String, Optional<String>> grindStyle) {
        this.units = List.copyOf(units);
        this.unitGrams = units.stream().map(u -> ListingMasses.grams(u).orElse(Double.NaN)).toList();
        this.grindStyle = grindStyle;
        GRIND_WORDS.forEach((style, words) -> grindPatterns.put(style, Pattern.compile(
                "(?<![\\p{L}])(?:" + String.join("|", words) + ")(?![\\p{L}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
    }

    // ------------------------------------------------------------------ units

    /** The configured unit the listing names: variant title first, then its name, then its SKU. */
    public Optional<Reading> unit(String name, String variant, String sku) {
        return first(unitIn(variant).map(u -> new Reading(u, "variant title")),
                unitIn(name).map(u -> new Reading(u, "name")),
                unitInSku(sku).map(u -> new Reading(u, "SKU")));
    }

    /** The mass the listing names in grams (the unit it contradicts is compared by it), from its text or SKU. */
    public Optional<Double> statedGrams(String name, String variant, String sku) {
        return first(ListingMasses.lastMass(variant), ListingMasses.lastMass(name), ListingMasses.skuMass(sku));
    }

    /** Whether a configured unit is a different amount than the listing's own text states (a 5 lb listing as 250 g). */
    public Optional<String> contradiction(String chosenUnit, String name, String variant, String sku) {
        Optional<Double> stated = statedGrams(name, variant, sku);
        Optional<Double> chosen = ListingMasses.grams(chosenUnit);
        if (stated.isEmpty() || chosen.isEmpty() || ListingMasses.sameMass(stated.get(), chosen.get())) {
            return Optional.empty();
        }
        String says = unit(name, variant, sku).map(Reading::value).orElseGet(() -> ListingMasses.describe(stated.get()));
        return Optional.of("the listing says " + says + ", not " + chosenUnit);
    }

    private Optional<String> unitIn(String text) {
        return ListingMasses.lastMass(text).flatMap(this::configuredUnit);
    }

    private Optional<String> unitInSku(String sku) {
        return ListingMasses.skuMass(sku).flatMap(this::configuredUnit);
    }

    private Optional<String> configuredUnit(double grams) {
        for (int i = 0; i < units.size(); i++) {
            if (!unitGrams.get(i).isNaN() && ListingMasses.sameMass(unitGrams.get(i), grams)) {
                return Optional.of(units.get(i));
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ grind styles

    /**
     * The configured grind style the listing names: its variant title, then the part of its name after the product
     * ("… - 250 g - Whole bean"; a name without such a part names only the product, "Espresso Blend"), then its
     * SKU's codes after the size ({@code …-250-WB}). Within a text the last grind word wins.
     */
    public Optional<Reading> grindStyle(String name, String variant, String sku) {
        return first(grindIn(variant).map(g -> new Reading(g, "variant title")),
                grindIn(afterProduct(name)).map(g -> new Reading(g, "name")),
                grindInSku(sku).map(g -> new Reading(g, "SKU")));
    }

    private Optional<String> grindIn(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String best = null;
        int bestEnd = -1;
        for (var entry : grindPatterns.entrySet()) {
            Matcher m = entry.getValue().matcher(text);
            while (m.find()) {
                if (m.end() > bestEnd) {
                    bestEnd = m.end();
                    best = entry.getKey();
                }
            }
        }
        return Optional.ofNullable(best).flatMap(grindStyle);
    }

    private Optional<String> grindInSku(String sku) {
        List<String> tokens = ListingMasses.skuTokens(sku);
        int size = ListingMasses.skuMassToken(tokens);
        // after the size; without one, only the last token (the stem's words, such as ESPR, are no grind)
        List<String> candidates = size >= 0 ? tokens.subList(size + 1, tokens.size())
                : tokens.size() > 1 ? tokens.subList(tokens.size() - 1, tokens.size()) : List.of();
        for (int i = candidates.size() - 1; i >= 0; i--) {
            String token = candidates.get(i).toUpperCase(Locale.ROOT);
            for (var entry : GRIND_CODES.entrySet()) {
                if (entry.getValue().contains(token)) {
                    Optional<String> configured = grindStyle.apply(entry.getKey());
                    if (configured.isPresent()) {
                        return configured;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** "Ethiopia Guji - 250 g - Whole bean" → "250 g - Whole bean"; a name with no such part → "". */
    private static String afterProduct(String name) {
        if (name == null) {
            return "";
        }
        int cut = productEnd(name);
        return cut > 0 ? name.substring(cut) : "";
    }

    // ------------------------------------------------------------------ groups

    /**
     * The product a listing is a variant of: the shop's parent product where it has one, else its name's product part
     * (before " - 250 g …", or the name without its size and grind words), else its SKU's stem (before the size).
     */
    public Group group(String parentExternalId, String name, String variant, String sku) {
        String product = productName(name);
        if (parentExternalId != null && !parentExternalId.isBlank()) {
            return new Group("parent:" + parentExternalId, product.isEmpty() ? skuStem(sku) : product);
        }
        if (!product.isEmpty()) {
            return new Group("name:" + normalize(product), product);
        }
        String stem = skuStem(sku);
        return new Group("sku:" + stem.toUpperCase(Locale.ROOT), stem);
    }

    /** The product part of a listing name: before the first separator, else before its size ("Ethiopia Guji 250g"). */
    static String productName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        int cut = productEnd(name);
        String head = cut > 0 ? name.substring(0, cut) : name;
        return head.replaceAll("\\s+", " ").replaceAll("[\\s\\-–—|,]+$", "").strip();
    }

    /** Where the product part of a name ends: its first separator, else its first size; -1 when it is all product. */
    private static int productEnd(String name) {
        Matcher sep = NAME_SEPARATOR.matcher(name);
        if (sep.find() && sep.start() > 0) {
            return sep.start();
        }
        int mass = ListingMasses.firstMassAt(name);
        return mass > 0 ? mass : -1;
    }

    /** The SKU before its size token ({@code ETH-GUJI-250-WB} → {@code ETH-GUJI}); without one, all but the last token. */
    static String skuStem(String sku) {
        List<String> tokens = ListingMasses.skuTokens(sku);
        if (tokens.isEmpty()) {
            return "";
        }
        int size = ListingMasses.skuMassToken(tokens);
        int end = size >= 1 ? size : Math.max(1, tokens.size() - 1);
        return String.join("-", tokens.subList(0, end));
    }

    // ------------------------------------------------------------------ similarity

    /** Lower case, accents and punctuation removed: "Colombia Nariño" and "colombia narino" are equal. */
    static String normalize(String s) {
        String decomposed = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd}]+", " ").strip();
    }

    /** Dice coefficient of the two names' word sets, 0 … 1 (1: the same words). */
    public static double similarity(String a, String b) {
        Set<String> x = new LinkedHashSet<>(Arrays.asList(normalize(a).split(" ")));
        Set<String> y = new LinkedHashSet<>(Arrays.asList(normalize(b).split(" ")));
        x.remove("");
        y.remove("");
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        long common = x.stream().filter(y::contains).count();
        return 2.0 * common / (x.size() + y.size());
    }

    /** Names at least this similar are suggested as the same product ("Ethiopia Guji" ≠ "Ethiopia Guji Natural": 0.8). */
    public static final double SAME_PRODUCT = 0.85;

    @SafeVarargs
    private static <T> Optional<T> first(Optional<T>... candidates) {
        return Arrays.stream(candidates).flatMap(Optional::stream).findFirst();
    }
}

package dev.shoplink.host.listings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mapping wizard's suggestions: listings still to map grouped by the product they are variants of, each group
 * with a catalog product to map it to and each listing with the unit and grind style it names. Nothing here is
 * saved; the wizard's save ({@code POST …/mappings}) takes what the user confirmed.
 */
public final class MappingSuggestions {
    /** One product's listings. {@code product}: the catalog product to map them to, or a new one to create by name. */
    public record Group(String key, String name, ProductSuggestion product, List<SuggestedListing> listings) {
    }

    /**
     * {@code id} empty: a new product of that name. {@code reason}: why it is suggested ("SKU ETH-GUJI-250-WB is in
     * the catalog", "other variants are mapped to it", "similar name (0.92)", "no catalog product has this name").
     */
    public record ProductSuggestion(Optional<Long> id, String name, boolean existing, String reason) {
    }

    /** A listing with the unit and grind style it names (each with where it was read), empty where it names none. */
    public record SuggestedListing(ListingView listing, Optional<ListingSuggester.Reading> unit,
                                   Optional<ListingSuggester.Reading> grindStyle) {
    }

    /** What a listing contributes: the row, its view (with its mapping), and the catalog variant its SKU already has. */
    record Input(StoredListing listing, ListingView view, Optional<ListingView.Mapping> catalogVariant) {
    }

    private MappingSuggestions() {
    }

    /**
     * @param inputs every offered listing of the integration (mapped ones lend their product to their group)
     * @param mappable whether a listing is one to suggest for (NEW or UNLINKED, and without a problem or with one)
     */
    static List<Group> build(ListingSuggester suggester, List<String> units, List<String> grindStyles, List<Input> inputs,
                             java.util.function.Predicate<StoredListing> mappable, List<ListingRepository.CatalogName> catalog) {
        Map<String, String> keyByStem = new HashMap<>();
        Map<Long, ListingSuggester.Group> groupOf = new HashMap<>();
        for (Input in : inputs) {
            StoredListing l = in.listing();
            ListingSuggester.Group g = suggester.group(l.parentExternalId(), l.name(), l.variant(), l.sku());
            groupOf.put(l.id(), g);
            if (!g.key().startsWith("sku:") && !l.sku().isBlank()) {
                keyByStem.putIfAbsent(ListingSuggester.skuStem(l.sku()).toUpperCase(java.util.Locale.ROOT), g.key());
            }
        }
        Map<String, String> names = new HashMap<>();
        Map<String, List<Input>> members = new LinkedHashMap<>();
        Map<String, ListingView.Mapping> mappedProduct = new HashMap<>();
        for (Input in : inputs) {
            ListingSuggester.Group g = groupOf.get(in.listing().id());
            // a listing without a name joins the named listings that share its SKU's stem
            String key = g.key().startsWith("sku:") ? keyByStem.getOrDefault(g.key().substring(4), g.key()) : g.key();
            if (!g.name().isBlank() && !g.key().startsWith("sku:")) {
                names.putIfAbsent(key, g.name());
            }
            in.view().mapping().ifPresent(m -> mappedProduct.putIfAbsent(key, m));
            if (mappable.test(in.listing())) {
                members.computeIfAbsent(key, k -> new ArrayList<>()).add(in);
            }
        }
        List<Group> groups = new ArrayList<>();
        members.forEach((key, list) -> {
            String name = names.getOrDefault(key, key.substring(key.indexOf(':') + 1));
            List<SuggestedListing> listings = list.stream()
                    .map(in -> suggestFor(suggester, in))
                    .sorted(Comparator.comparingInt((SuggestedListing s) -> order(units, s.unit()))
                            .thenComparingInt(s -> order(grindStyles, s.grindStyle()))
                            .thenComparing(s -> s.listing().sku()))
                    .toList();
            groups.add(new Group(key, name, product(name, list, mappedProduct.get(key), catalog), listings));
        });
        groups.sort(Comparator.comparing((Group g) -> ListingSuggester.normalize(g.name())).thenComparing(Group::key));
        return groups;
    }

    private static int order(List<String> values, Optional<ListingSuggester.Reading> reading) {
        return reading.map(r -> values.indexOf(r.value())).filter(i -> i >= 0).orElse(values.size());
    }

    private static SuggestedListing suggestFor(ListingSuggester suggester, Input in) {
        StoredListing l = in.listing();
        if (in.catalogVariant().isPresent()) {
            // the SKU is a catalog variant already: mapping it any other way would be refused
            ListingView.Mapping v = in.catalogVariant().get();
            String source = "catalog variant " + v.sku();
            return new SuggestedListing(in.view(), Optional.of(new ListingSuggester.Reading(v.unit(), source)),
                    Optional.of(new ListingSuggester.Reading(v.grindStyle(), source)));
        }
        return new SuggestedListing(in.view(), suggester.unit(l.name(), l.variant(), l.sku()),
                suggester.grindStyle(l.name(), l.variant(), l.sku()));
    }

    private static ProductSuggestion product(String name, List<Input> members, ListingView.Mapping mapped,
                                             List<ListingRepository.CatalogName> catalog) {
        for (Input in : members) {
            if (in.catalogVariant().isPresent()) {
                ListingView.Mapping v = in.catalogVariant().get();
                return new ProductSuggestion(Optional.of(v.productId()), v.productName(), true,
                        "SKU " + v.sku() + " is in the catalog under this product");
            }
        }
        if (mapped != null) {
            return new ProductSuggestion(Optional.of(mapped.productId()), mapped.productName(), true,
                    "other variants of this product are mapped to it");
        }
        ListingRepository.CatalogName best = null;
        double bestScore = 0;
        for (ListingRepository.CatalogName c : catalog) {
            double score = ListingSuggester.similarity(name, c.name());
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        if (best != null && bestScore >= ListingSuggester.SAME_PRODUCT) {
            return new ProductSuggestion(Optional.of(best.id()), best.name(), true,
                    bestScore >= 0.999 ? "same name" : String.format(java.util.Locale.ROOT, "similar name (%.2f)", bestScore));
        }
        return new ProductSuggestion(Optional.empty(), name, false, "no catalog product has a similar name: a new one");
    }
}

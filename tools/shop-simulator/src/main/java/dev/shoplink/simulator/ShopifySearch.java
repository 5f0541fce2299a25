package dev.shoplink.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Shopify's search syntax ({@code query:} argument of {@code products} and {@code orders})
 * the simulator understands: terms joined by spaces or {@code AND}, each {@code field:value} or
 * {@code field:>=value} ({@code >}, {@code >=}, {@code <}, {@code <=}), values bare or quoted with
 * {@code '} or {@code "}; a term without a field is free text. Dates are ISO-8601 instants, or date
 * and time without an offset (the shop's time zone, US Pacific), or a bare date (its start there).
 * A field the resource does not know is ignored and reported as a search warning, as Shopify does.
 */
final class ShopifySearch {

    private static final Pattern TERM = Pattern.compile(
            "(?:([A-Za-z_]+):(>=|<=|>|<)?)?('[^']*'|\"[^\"]*\"|[^\\s'\"]+)");

    /** One parsed term; {@code field} is null for free text, {@code op} empty for equality. */
    record Term(String field, String op, String value) {

        /** Compares an epoch-second value with this term's date. */
        boolean matchesTime(long epochSeconds) {
            return compare(epochSeconds, epochSeconds(value));
        }

        boolean matchesNumber(long number) {
            long bound;
            try {
                bound = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new GraphQl.Error("Invalid search value for " + field + ": " + value, "INVALID_SEARCH");
            }
            return compare(number, bound);
        }

        /** {@code actual} against {@code bound} by this term's operator (equality when it has none). */
        private boolean compare(long actual, long bound) {
            return switch (op) {
                case ">" -> actual > bound;
                case ">=" -> actual >= bound;
                case "<" -> actual < bound;
                case "<=" -> actual <= bound;
                default -> actual == bound;
            };
        }

        /** Equality with one of the comma-separated values, ignoring case. */
        boolean matchesWord(String word) {
            for (String option : value.split(",")) {
                if (option.strip().equalsIgnoreCase(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A parsed search: the predicate of the terms the resource knows, and the fields it did not. */
    record Parsed<T>(Predicate<T> filter, List<String> unknownFields) {
    }

    /** Builds the predicate for one term, or null when the resource has no such field. */
    interface TermFilter<T> {
        Predicate<T> of(Term term);
    }

    private ShopifySearch() {
    }

    static List<Term> terms(String query) {
        List<Term> terms = new ArrayList<>();
        if (query == null || query.isBlank()) {
            return terms;
        }
        Matcher m = TERM.matcher(query);
        while (m.find()) {
            String value = m.group(3);
            if (value.length() >= 2 && (value.startsWith("'") || value.startsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            if (m.group(1) == null && (value.equals("AND") || value.equals("and"))) {
                continue;
            }
            if (m.group(1) == null && Set.of("OR", "NOT").contains(value)) {
                throw new GraphQl.Error("The simulator's search supports AND only, not " + value, "INVALID_SEARCH");
            }
            terms.add(new Term(m.group(1) == null ? null : m.group(1).toLowerCase(Locale.ROOT),
                    m.group(2) == null ? "" : m.group(2), value));
        }
        return terms;
    }

    static <T> Parsed<T> parse(String query, TermFilter<T> filters) {
        Predicate<T> all = t -> true;
        List<String> unknown = new ArrayList<>();
        for (Term term : terms(query)) {
            Predicate<T> one = filters.of(term);
            if (one == null) {
                unknown.add(term.field());
            } else {
                all = all.and(one);
            }
        }
        return new Parsed<>(all, unknown);
    }

    static long epochSeconds(String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(PacificTime.ZONE).toEpochSecond();
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return Instant.parse(value.toUpperCase(Locale.ROOT)).getEpochSecond();
            }
            try {
                return OffsetDateTime.parse(value).toEpochSecond();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(value).atZone(PacificTime.ZONE).toEpochSecond();
            }
        } catch (DateTimeParseException e) {
            throw new GraphQl.Error("Invalid date in search: " + value, "INVALID_SEARCH");
        }
    }
}

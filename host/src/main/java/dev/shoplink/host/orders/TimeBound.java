package dev.shoplink.host.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A {@code from} / {@code to} filter of the orders overview: a whole day in the host's zone
 * ({@code 2026-11-20}) or an exact instant ({@code 2026-11-20T17:02:11Z}, any ISO-8601 offset).
 * Both bounds include what they name: {@code to=2026-11-20} includes that whole day.
 */
record TimeBound(Optional<LocalDate> day, Optional<Instant> instant) {

    /** The bound, or empty when the text is neither a date nor a date-time with an offset. */
    static Optional<TimeBound> parse(String raw) {
        // an unescaped '+' of an offset arrives in a query string as a space
        String text = raw.strip().replaceFirst(" (\\d\\d:?\\d\\d)$", "+$1");
        try {
            return Optional.of(new TimeBound(Optional.of(LocalDate.parse(text)), Optional.empty()));
        } catch (DateTimeParseException notADate) {
            try {
                return Optional.of(new TimeBound(Optional.empty(), Optional.of(OffsetDateTime.parse(text).toInstant())));
            } catch (DateTimeParseException notAnInstant) {
                return Optional.empty();
            }
        }
    }

    static TimeBound of(LocalDate day) {
        return new TimeBound(Optional.of(day), Optional.empty());
    }

    /** The first instant this bound lets in, as a lower bound. */
    Instant from(ZoneId zone) {
        return instant.orElseGet(() -> day.orElseThrow().atStartOfDay(zone).toInstant());
    }

    /** The first instant after this bound, as an upper bound (stored times have microseconds). */
    Instant toExclusive(ZoneId zone) {
        return instant.map(i -> i.truncatedTo(java.time.temporal.ChronoUnit.MICROS).plusNanos(1_000)).orElseGet(() -> day.orElseThrow().plusDays(1).atStartOfDay(zone).toInstant());
    }
}

package dev.shoplink.shipstation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * ShipStation's clock: V1 timestamps are US-Pacific wall-clock times without an offset, in
 * responses ({@code 2015-06-28T17:46:27.0000000}, 0–7 fraction digits) and in query parameters
 * ({@code 2015-06-28 17:46:27}).
 *
 * <p>Wall-clock times are ambiguous twice a year. A time in the spring-forward gap (e.g. 02:30 on
 * the second Sunday of March) does not exist and is read as the same length of time after the
 * gap (03:30 PDT); a time in the autumn overlap (01:30 on the first Sunday of November) happens
 * twice and is read as the earlier one (PDT). Reading the earlier instant makes a "since"
 * filter overlap rather than miss an hour.
 */
final class PacificTime {
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    /** Accepts 'T' or a space, 0–9 fraction digits, and an offset should ShipStation ever send one. */
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private static final DateTimeFormatter QUERY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private PacificTime() {
    }

    /**
     * The instant a ShipStation timestamp stands for.
     *
     * @throws DateTimeParseException when the text is not a timestamp
     */
    static Instant parse(String text) {
        TemporalAccessor parsed = READ.parse(text.strip());
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed).toInstant();
        }
        try {
            return LocalDateTime.from(parsed).atZone(ZONE).toInstant();
        } catch (DateTimeException e) {
            throw new DateTimeParseException("not a date and time: " + e.getMessage(), text, 0, e);
        }
    }

    /**
     * The Pacific wall-clock time for a query parameter, whole seconds rounded down so that a
     * "since" filter never starts after the instant asked for.
     */
    static String formatForQuery(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZONE).toLocalDateTime().format(QUERY);
    }
}

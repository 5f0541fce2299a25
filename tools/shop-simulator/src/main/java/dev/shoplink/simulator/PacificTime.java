package dev.shoplink.simulator;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * ShipStation's clock: US-Pacific wall-clock time without an offset.
 *
 * <p>Internally every timestamp is a "local millisecond": the Pacific wall-clock reading expressed
 * as milliseconds since 1970-01-01T00:00 of that same wall clock. ShipStation stores and compares
 * local times, so filters and sorting work on these values directly; during the autumn fall-back
 * hour two different instants therefore share one reading, exactly as they do in ShipStation.
 */
final class PacificTime {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final ZoneRules RULES = ZONE.getRules();

    private PacificTime() {
    }

    /** The Pacific wall-clock reading of an instant, as local milliseconds. */
    static long localMillis(Instant instant) {
        int offsetSeconds = RULES.getOffset(instant).getTotalSeconds();
        return instant.toEpochMilli() + offsetSeconds * 1000L;
    }

    static long localMillis(LocalDateTime local) {
        return local.toEpochSecond(ZoneOffset.UTC) * 1000L + local.getNano() / 1_000_000;
    }

    static LocalDateTime toLocalDateTime(long localMillis) {
        long seconds = Math.floorDiv(localMillis, 1000L);
        int millis = (int) Math.floorMod(localMillis, 1000L);
        return LocalDateTime.ofEpochSecond(seconds, millis * 1_000_000, ZoneOffset.UTC);
    }

    static LocalDate toLocalDate(long localMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(localMillis, 86_400_000L));
    }

    /** Order-level shape: always seven fractional digits, e.g. {@code 2026-11-20T09:24:14.7800000}. */
    static String orderStamp(long localMillis) {
        StringBuilder out = new StringBuilder(27);
        appendDateTime(out, localMillis);
        int millis = (int) Math.floorMod(localMillis, 1000L);
        out.append('.');
        pad(out, millis, 3);
        out.append("0000");
        return out.toString();
    }

    /** Product, item and store shape: zero to three fractional digits, trailing zeros trimmed. */
    static String shortStamp(long localMillis) {
        StringBuilder out = new StringBuilder(23);
        appendDateTime(out, localMillis);
        int millis = (int) Math.floorMod(localMillis, 1000L);
        if (millis != 0) {
            out.append('.');
            int digits = 3;
            while (millis % 10 == 0) {
                millis /= 10;
                digits--;
            }
            pad(out, millis, digits);
        }
        return out.toString();
    }

    /** A date-only field such as {@code shipDate}. */
    static String dateStamp(long localMillis) {
        return toLocalDate(localMillis).toString();
    }

    private static void appendDateTime(StringBuilder out, long localMillis) {
        long epochDay = Math.floorDiv(localMillis, 86_400_000L);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int secondOfDay = (int) (Math.floorMod(localMillis, 86_400_000L) / 1000L);
        pad(out, date.getYear(), 4);
        out.append('-');
        pad(out, date.getMonthValue(), 2);
        out.append('-');
        pad(out, date.getDayOfMonth(), 2);
        out.append('T');
        pad(out, secondOfDay / 3600, 2);
        out.append(':');
        pad(out, secondOfDay / 60 % 60, 2);
        out.append(':');
        pad(out, secondOfDay % 60, 2);
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /**
     * Parses a query-string date the way ShipStation clients send them: {@code yyyy-MM-dd HH:mm:ss},
     * the ISO form with a {@code T}, an optional fraction, or a bare date meaning midnight.
     * Offsets and {@code Z} are refused because ShipStation reads every value as Pacific wall time and
     * a connector that sends UTC is exactly the bug this simulator should expose.
     *
     * @return local milliseconds
     * @throws BadRequestException if the value is not one of those shapes
     */
    static long parseQuery(String name, String raw) {
        String value = raw.trim();
        if (value.endsWith("Z") || value.endsWith("z") || value.matches(".*T.*[+-]\\d{2}:?\\d{2}$")
                || value.matches(".* .*[+-]\\d{2}:?\\d{2}$")) {
            throw new BadRequestException(name + " must be a Pacific wall-clock time without an offset: " + raw);
        }
        try {
            if (value.length() == 10) {
                return localMillis(LocalDate.parse(value).atStartOfDay());
            }
            String iso = value.replace(' ', 'T');
            if (iso.length() == 16) {
                iso = iso + ":00";
            }
            return localMillis(LocalDateTime.parse(iso));
        } catch (DateTimeException e) {
            throw new BadRequestException(name + " is not a date (expected yyyy-MM-dd HH:mm:ss): " + raw);
        }
    }
}

package dev.shoplink.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The value formats of {@link SimulatorCommand}'s flags beyond picocli's own: each converter's message says what it expects. */
final class FlagFormats {
    private FlagFormats() {
    }

    /** {@code --shopify-bucket}: the bucket's size and restore rate (points a second). */
    record Bucket(double maximumAvailable, double restoreRate) {
    }

    /** {@code off} (any case) or a number of requests; off is 0. */
    static final class RateLimitConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.equalsIgnoreCase("off")) {
                return 0;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is neither a number nor off");
            }
        }
    }

    static final class FaultKindConverter implements ITypeConverter<FaultKind> {
        @Override
        public FaultKind convert(String value) {
            try {
                return FaultKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a fault kind (server_error, reset, truncated,"
                        + " malformed, slow)");
            }
        }
    }

    static class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not " + expected());
            }
        }

        Instant parse(String value) {
            return Instant.parse(value);
        }

        String expected() {
            return "an instant like 2026-11-20T17:00:00Z";
        }
    }

    /** {@code yyyy-MM-dd}, the start of that day in the shop's Pacific time, or an instant. */
    static final class InstantOrPacificDateConverter extends InstantConverter {
        @Override
        Instant parse(String value) {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(PacificTime.ZONE).toInstant() : super.parse(value);
        }

        @Override
        String expected() {
            return "a date like 2026-11-01 or an instant like 2026-11-01T07:00:00Z";
        }
    }

    /** {@code MAX:RATE}, both positive. */
    static final class BucketConverter implements ITypeConverter<Bucket> {
        @Override
        public Bucket convert(String value) {
            String[] parts = value.split(":");
            try {
                if (parts.length == 2) {
                    Bucket bucket = new Bucket(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
                    if (bucket.maximumAvailable() > 0 && bucket.restoreRate() > 0) {
                        return bucket;
                    }
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new TypeConversionException("'" + value + "' is not MAX:RATE with two positive numbers, e.g. 2000:100");
        }
    }
}

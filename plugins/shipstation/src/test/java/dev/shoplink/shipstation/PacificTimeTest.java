package dev.shoplink.shipstation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ShipStation time around the 2024 US switches: PST→PDT on Sunday 10 March at 02:00 local
 * (10:00 UTC), PDT→PST on Sunday 3 November at 02:00 local (09:00 UTC).
 */
class PacificTimeTest {

    @Nested
    class Reading {
        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({
                // winter and summer
                "2024-01-15T12:00:00.0000000, 2024-01-15T20:00:00Z",
                "2024-07-04T12:00:00.0000000, 2024-07-04T19:00:00Z",
                // spring forward: the last PST second, then the first PDT second
                "2024-03-10T01:59:59.0000000, 2024-03-10T09:59:59Z",
                "2024-03-10T03:00:00.0000000, 2024-03-10T10:00:00Z",
                // fall back: the last second before the repeated hour is PDT, after it PST
                "2024-11-03T00:59:59.0000000, 2024-11-03T07:59:59Z",
                "2024-11-03T02:00:00.0000000, 2024-11-03T10:00:00Z",
                "2024-11-04T09:00:00.0000000, 2024-11-04T17:00:00Z",
        })
        void convertsPacificWallClockToInstants(String shipStation, String utc) {
            assertThat(PacificTime.parse(shipStation)).isEqualTo(Instant.parse(utc));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "2015-06-28T17:46:27, 2015-06-29T00:46:27Z",
                "2015-06-28T17:46:27.0000000, 2015-06-29T00:46:27Z",
                "2015-08-17T09:24:14.78, 2015-08-17T16:24:14.780Z",
                "2015-08-17T09:24:14.7, 2015-08-17T16:24:14.700Z",
                "2015-08-17T09:24:14.1234567, 2015-08-17T16:24:14.1234567Z",
                "2015-08-17 09:24:14, 2015-08-17T16:24:14Z",
        })
        void acceptsZeroToSevenFractionDigits(String shipStation, String utc) {
            assertThat(PacificTime.parse(shipStation)).isEqualTo(Instant.parse(utc));
        }

        @Test
        void aTimeInTheSpringGapIsReadAsTheSameDistanceAfterIt() {
            // 02:30 does not exist on 10 March; ShipStation cannot mean anything but 03:30 PDT
            assertThat(PacificTime.parse("2024-03-10T02:30:00")).isEqualTo(Instant.parse("2024-03-10T10:30:00Z"));
        }

        @Test
        void aTimeInTheRepeatedAutumnHourIsReadAsTheEarlierOne() {
            assertThat(PacificTime.parse("2024-11-03T01:30:00.78")).isEqualTo(Instant.parse("2024-11-03T08:30:00.780Z"));
        }

        @Test
        void anExplicitOffsetWins() {
            assertThat(PacificTime.parse("2024-07-04T12:00:00Z")).isEqualTo(Instant.parse("2024-07-04T12:00:00Z"));
            assertThat(PacificTime.parse("2024-07-04T12:00:00-07:00")).isEqualTo(Instant.parse("2024-07-04T19:00:00Z"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "yesterday", "2024-02-30T10:00:00", "2024-07-04T25:00:00", "2024-07-04"})
        void rejectsWhatIsNotATimestamp(String text) {
            assertThatThrownBy(() -> PacificTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Nested
    class QueryFormatting {
        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({
                "2024-01-15T20:00:00Z, 2024-01-15 12:00:00",
                "2024-07-04T19:00:00Z, 2024-07-04 12:00:00",
                "2024-03-10T09:59:59Z, 2024-03-10 01:59:59",
                "2024-03-10T10:00:00Z, 2024-03-10 03:00:00",
                "2024-11-03T08:30:00Z, 2024-11-03 01:30:00",
                "2024-11-03T09:30:00Z, 2024-11-03 01:30:00",
                "2024-11-03T10:00:00Z, 2024-11-03 02:00:00",
                "2024-01-01T07:59:59Z, 2023-12-31 23:59:59",
        })
        void writesPacificWallClock(String utc, String shipStation) {
            assertThat(PacificTime.formatForQuery(Instant.parse(utc))).isEqualTo(shipStation);
        }

        @Test
        void roundsSubSecondsDownSoAStartFilterNeverMissesTheInstant() {
            assertThat(PacificTime.formatForQuery(Instant.parse("2024-01-15T20:00:00.999Z"))).isEqualTo("2024-01-15 12:00:00");
        }

        @Test
        void everyHourAroundBothSwitchesSurvivesTheRoundTrip() {
            for (String start : new String[] {"2024-03-09T00:00:00Z", "2024-11-02T00:00:00Z"}) {
                for (int hour = 0; hour < 72; hour++) {
                    Instant instant = Instant.parse(start).plusSeconds(hour * 3600L + 1234);
                    String wallClock = PacificTime.formatForQuery(instant);
                    Instant back = PacificTime.parse(wallClock);
                    if (wallClock.startsWith("2024-11-03 01:")) {
                        // the repeated hour: both instants print the same, reading picks the earlier
                        assertThat(back).isIn(instant, instant.minusSeconds(3600));
                    } else {
                        assertThat(back).as(wallClock).isEqualTo(instant);
                    }
                }
            }
        }
    }
}

package dev.shoplink.host.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyncStartDateRuleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    private static SyncStartDateRule at(String instant, ZoneId zone) {
        return new SyncStartDateRule(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), zone);
    }

    private final SyncStartDateRule rule = at("2026-11-25T12:00:00Z", UTC);

    @Test
    void todayIsAllowed() {
        assertThat(rule.today()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(rule.violation(LocalDate.of(2026, 11, 25))).isEmpty();
    }

    @Test
    void exactlyThirtyDaysBackIsAllowed() {
        assertThat(rule.violation(LocalDate.of(2026, 10, 26))).isEmpty();
    }

    @Test
    void thirtyOneDaysBackIsNot() {
        assertThat(rule.violation(LocalDate.of(2026, 10, 25)))
                .hasValueSatisfying(v -> assertThat(v).contains("at most 30 days back").contains("2026-10-26"));
    }

    @Test
    void tomorrowIsNot() {
        assertThat(rule.violation(LocalDate.of(2026, 11, 26)))
                .hasValueSatisfying(v -> assertThat(v).contains("must not be in the future").contains("2026-11-25"));
    }

    @Test
    void todayIsTheDateInTheConfiguredZone() {
        // 03:00 UTC on the 25th is still the evening of the 24th in Los Angeles
        SyncStartDateRule pacific = at("2026-11-25T03:00:00Z", LOS_ANGELES);
        SyncStartDateRule utc = at("2026-11-25T03:00:00Z", UTC);

        assertThat(pacific.today()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(utc.today()).isEqualTo(LocalDate.of(2026, 11, 25));

        assertThat(pacific.violation(LocalDate.of(2026, 11, 25)))
                .hasValueSatisfying(v -> assertThat(v).contains("future").contains("America/Los_Angeles"));
        assertThat(utc.violation(LocalDate.of(2026, 11, 25))).isEmpty();

        assertThat(pacific.violation(LocalDate.of(2026, 10, 25))).as("30 days before the 24th").isEmpty();
        assertThat(utc.violation(LocalDate.of(2026, 10, 25))).as("31 days before the 25th").isPresent();
    }

    @Test
    void theClocksOwnZoneDoesNotMatter() {
        Instant now = Instant.parse("2026-11-25T03:00:00Z");
        SyncStartDateRule tokyoClock = new SyncStartDateRule(Clock.fixed(now, ZoneId.of("Asia/Tokyo")), LOS_ANGELES);

        assertThat(tokyoClock.today()).isEqualTo(LocalDate.of(2026, 11, 24));
    }

    @Test
    void theWindowSpansAMonthAndYearBoundary() {
        SyncStartDateRule newYear = at("2027-01-10T00:00:00Z", UTC);

        assertThat(newYear.violation(LocalDate.of(2026, 12, 11))).isEmpty();
        assertThat(newYear.violation(LocalDate.of(2026, 12, 10))).isPresent();
    }
}

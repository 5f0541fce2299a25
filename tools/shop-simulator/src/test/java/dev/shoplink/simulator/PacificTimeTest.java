package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PacificTimeTest {

    private static String order(String instant) {
        return PacificTime.orderStamp(PacificTime.localMillis(Instant.parse(instant)));
    }

    @Test
    void orderStampsAreLocalPacificWithSevenFractionDigits() {
        assertThat(order("2026-11-20T17:24:14.780Z")).isEqualTo("2026-11-20T09:24:14.7800000"); // PST, UTC-8
        assertThat(order("2026-07-01T19:30:00Z")).isEqualTo("2026-07-01T12:30:00.0000000"); // PDT, UTC-7
    }

    @Test
    void shortStampsTrimTrailingZerosOfUpToThreeDigits() {
        long base = PacificTime.localMillis(LocalDateTime.parse("2015-08-17T09:24:14"));
        assertThat(PacificTime.shortStamp(base)).isEqualTo("2015-08-17T09:24:14");
        assertThat(PacificTime.shortStamp(base + 780)).isEqualTo("2015-08-17T09:24:14.78");
        assertThat(PacificTime.shortStamp(base + 293)).isEqualTo("2015-08-17T09:24:14.293");
        assertThat(PacificTime.shortStamp(base + 500)).isEqualTo("2015-08-17T09:24:14.5");
        assertThat(PacificTime.shortStamp(base + 5)).isEqualTo("2015-08-17T09:24:14.005");
    }

    @Test
    void springForwardSkipsTheHourAndFallBackRepeatsIt() {
        // 2026-03-08 02:00 PST does not exist: 09:59:59Z is 01:59:59 PST, 10:00:00Z is 03:00:00 PDT.
        assertThat(order("2026-03-08T09:59:59Z")).isEqualTo("2026-03-08T01:59:59.0000000");
        assertThat(order("2026-03-08T10:00:00Z")).isEqualTo("2026-03-08T03:00:00.0000000");
        // 2026-11-01 01:30 happens twice: once in PDT (08:30Z), once in PST (09:30Z).
        assertThat(order("2026-11-01T08:30:00Z")).isEqualTo("2026-11-01T01:30:00.0000000");
        assertThat(order("2026-11-01T09:30:00Z")).isEqualTo("2026-11-01T01:30:00.0000000");
    }

    @Test
    void queryDatesAcceptTheShapesClientsSend() {
        long expected = PacificTime.localMillis(LocalDateTime.parse("2026-11-20T09:24:14"));
        assertThat(PacificTime.parseQuery("d", "2026-11-20 09:24:14")).isEqualTo(expected);
        assertThat(PacificTime.parseQuery("d", "2026-11-20T09:24:14")).isEqualTo(expected);
        assertThat(PacificTime.parseQuery("d", "2026-11-20T09:24:14.250")).isEqualTo(expected + 250);
        assertThat(PacificTime.parseQuery("d", "2026-11-20 09:24")).isEqualTo(expected - 14_000);
        assertThat(PacificTime.parseQuery("d", "2026-11-20"))
                .isEqualTo(PacificTime.localMillis(LocalDateTime.parse("2026-11-20T00:00:00")));
    }

    @Test
    void queryDatesWithAnOffsetOrGarbageAreRefused() {
        assertThatThrownBy(() -> PacificTime.parseQuery("modifyDateStart", "2026-11-20T09:24:14Z"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("without an offset");
        assertThatThrownBy(() -> PacificTime.parseQuery("d", "2026-11-20T09:24:14-08:00"))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> PacificTime.parseQuery("d", "yesterday"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("not a date");
    }
}

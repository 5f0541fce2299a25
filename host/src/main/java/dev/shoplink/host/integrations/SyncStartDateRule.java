package dev.shoplink.host.integrations;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The sync start date may lie at most {@value #MAX_DAYS_BACK} days before today and not in the
 * future; "today" is the date in the host's configured zone (default UTC).
 */
public final class SyncStartDateRule {
    public static final int MAX_DAYS_BACK = 30;

    private final Clock clock;
    private final ZoneId zone;

    public SyncStartDateRule(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** Why the date is not allowed, or empty when it is. */
    public Optional<String> violation(LocalDate date) {
        LocalDate today = today();
        if (date.isAfter(today)) {
            return Optional.of("must not be in the future (today is " + today + " in " + zone + ")");
        }
        LocalDate earliest = today.minusDays(MAX_DAYS_BACK);
        if (date.isBefore(earliest)) {
            return Optional.of("may be at most " + MAX_DAYS_BACK + " days back: the earliest allowed is " + earliest);
        }
        return Optional.empty();
    }
}

package dev.shoplink.host.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.shoplink.host.testing.MigratedDatabase;
import dev.shoplink.host.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.TimeZone;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.generic.GenericType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's Jdbi binds an {@link Instant} as UTC and reads a {@code timestamp with time zone} back as the same instant.
 * The JVM runs in a zone with daylight saving here (Europe/Berlin, set for each test and restored after it), and
 * {@link #AT} lies in the hour its clocks repeat, where a conversion through the JVM's local time is ambiguous.
 */
class UtcInstantsTest {
    /** 02:30 CET in Berlin, the second 02:30 of 25 October 2026; the first one (CEST) is an hour earlier. */
    private static final Instant AT = Instant.parse("2026-10-25T01:30:00.123456Z");
    private static final TimeZone WITH_DST = TimeZone.getTimeZone("Europe/Berlin");
    @TempDir
    Path dir;
    private TimeZone jvmZone;
    private MigratedDatabase db;
    private Jdbi jdbi;

    @BeforeEach
    void open() {
        jvmZone = TimeZone.getDefault();
        useDefaultZone(WITH_DST);
        db = new MigratedDatabase(dir);
        jdbi = db.jdbi();
    }

    @AfterEach
    void close() {
        try {
            db.close();
        } finally {
            useDefaultZone(jvmZone);
        }
    }

    /** The JVM's zone, and H2's copy of it (H2 keeps the default zone it read first until told to read it again). */
    private static void useDefaultZone(TimeZone zone) {
        TimeZone.setDefault(zone);
        org.h2.util.DateTimeUtils.resetCalendar();
    }

    @Test
    void jdbisOwnTimestampBindingWouldMoveTheRepeatedHourOnH2() {
        // the check above can fail: Jdbi's default binding of the same instant, on the same database, stores another one
        // (on H2, which converts a Timestamp through the JVM's local time; PostgreSQL's driver sends each one's offset)
        assumeFalse(TestDatabases.postgres(), "PostgreSQL's driver binds a Timestamp with its own offset");
        long id = db.integration("shipstation:default.example.com");
        try (Handle pooled = jdbi.open()) {
            Jdbi plain = Jdbi.create(pooled.getConnection());
            plain.useHandle(h -> h.createUpdate("update integration set last_sync_at = :at where id = :id")
                    .bind("at", AT).bind("id", id).execute());
        }
        Instant stored = jdbi.withHandle(h -> h.createQuery("select last_sync_at from integration where id = :id")
                .bind("id", id).mapTo(Instant.class).one());
        assertThat(stored).isEqualTo(AT.minus(Duration.ofHours(1)));
    }

    @Test
    void anInstantIsStoredAtUtcAndReadBackUnchanged() {
        long id = db.integration("shipstation:utc.example.com");
        jdbi.useHandle(h -> h.createUpdate("update integration set last_sync_at = :at where id = :id")
                .bind("at", AT).bind("id", id).execute());
        OffsetDateTime stored = jdbi.withHandle(h -> h.createQuery("select last_sync_at from integration where id = :id")
                .bind("id", id).mapTo(OffsetDateTime.class).one());
        assertThat(stored.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(stored.toInstant()).isEqualTo(AT);
        long matching = jdbi.withHandle(h -> h.createQuery("select count(*) from integration where last_sync_at = :at")
                .bind("at", AT).mapTo(Long.class).one());
        assertThat(matching).isEqualTo(1);
    }

    @Test
    void aNullColumnIsAnEmptyOptionalAndANullInstantBindsAsNull() {
        long id = db.integration("shipstation:null.example.com");
        jdbi.useHandle(h -> h.createUpdate("update integration set last_sync_at = :at where id = :id")
                .bindByType("at", null, Instant.class).bind("id", id).execute());
        Optional<Instant> read = jdbi.withHandle(h -> h.createQuery("select last_sync_at from integration where id = :id")
                .bind("id", id).mapTo(new GenericType<Optional<Instant>>() { }).one());
        assertThat(read).isEmpty();
        Instant created = jdbi.withHandle(h -> h.createQuery("select created_at from integration where id = :id")
                .bind("id", id).mapTo(Instant.class).one());
        assertThat(created).isNotNull();
    }
}

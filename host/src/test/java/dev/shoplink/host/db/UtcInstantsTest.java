package dev.shoplink.host.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.host.testing.MigratedDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.generic.GenericType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's Jdbi binds an {@link Instant} as UTC and reads a {@code timestamp with time zone} back as the same instant. */
class UtcInstantsTest {
    private static final Instant AT = Instant.parse("2026-10-25T01:30:00.123456Z");
    @TempDir
    Path dir;
    private MigratedDatabase db;
    private Jdbi jdbi;

    @BeforeEach
    void open() {
        db = new MigratedDatabase(dir);
        jdbi = db.jdbi();
    }

    @AfterEach
    void close() {
        db.close();
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

package dev.shoplink.host.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shoplink.host.testing.MigratedDatabase;
import dev.shoplink.host.testing.TestDatabases;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync's own statements against a real database (PostgreSQL in the build's PostgreSQL pass). */
class SyncRepositoryTest {
    @TempDir
    Path dir;
    MigratedDatabase db;
    Jdbi jdbi;
    final SyncRepository runs = new SyncRepository();

    @BeforeEach
    void migrate() {
        assumeTrue(TestDatabases.postgres(), "synchronous_commit is PostgreSQL's");
        db = new MigratedDatabase(dir);
        jdbi = db.jdbi();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aPageTransactionCommitsWithoutWaitingForTheDiskAndTheConnectionsNextTransactionWaitsAgain() {
        jdbi.useHandle(h -> {
            // the test server runs with synchronous_commit=off for speed; a production server waits for the disk
            h.execute("set synchronous_commit = on");
            String inPage = h.inTransaction(tx -> {
                runs.commitWithoutWaitingForTheDisk(tx);
                return setting(tx);
            });
            String after = h.inTransaction(SyncRepositoryTest::setting);

            assertThat(inPage).isEqualTo("off");
            assertThat(after).isEqualTo("on");
        });
    }

    static String setting(org.jdbi.v3.core.Handle h) {
        return h.createQuery("select current_setting('synchronous_commit')").mapTo(String.class).one();
    }
}

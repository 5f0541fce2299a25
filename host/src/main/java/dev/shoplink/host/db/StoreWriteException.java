package dev.shoplink.host.db;

import java.sql.SQLException;

/**
 * A write through plain JDBC that failed (the sync's page batches in {@code OrderRepository.upsert} and
 * {@code ListingRepository.upsert}), unchecked as Jdbi's own statement exceptions are; the {@link SQLException} stays
 * its cause, so {@link StoreErrors#isTransient} reads it as it reads Jdbi's.
 */
public final class StoreWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreWriteException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}

package dev.shoplink.host.db;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * How the host binds and reads an {@link Instant}: as an {@link OffsetDateTime} at UTC, the JDBC type of a
 * {@code timestamp with time zone} column on H2 and of {@code timestamptz} on PostgreSQL, so a repository binds and maps
 * {@code Instant} (and {@code Optional<Instant>}) directly.
 *
 * <p>Jdbi's own {@code Instant} support goes through {@link java.sql.Timestamp} ({@code setTimestamp} /
 * {@code getTimestamp}), which a driver may convert through a local date-time of the JVM's zone (H2 does), a
 * conversion that is ambiguous in the hour a daylight-saving change repeats. An {@code OffsetDateTime} carries its
 * offset to the database and back, whatever the JVM's zone.
 */
public final class UtcInstants implements JdbiPlugin {

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new Binding());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        });
    }

    private static final class Binding extends AbstractArgumentFactory<Instant> {
        Binding() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            OffsetDateTime utc = OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
            return (position, statement, ctx) -> statement.setObject(position, utc);
        }
    }
}

package dev.shoplink.host.testing;

import dev.shoplink.host.config.ConfigLoader;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.db.Database;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;

/**
 * A real, migrated database for tests of a service without HTTP: embedded H2 in {@code dir} (PostgreSQL in the
 * PostgreSQL pass), the host's configuration defaults, and a connected integration to hang listings and orders on.
 */
public final class MigratedDatabase implements AutoCloseable {
    private final Database db;
    private final HostConfig config;

    public MigratedDatabase(Path dir) {
        Map<String, String> env = TestDatabases.use(new HashMap<>(Map.of("SHOPLINK_DATA_DIR", dir.toString())),
                TestDatabases.nameFor(dir));
        config = new ConfigLoader(env, new Properties()).load();
        db = Database.open(config);
    }

    public Jdbi jdbi() {
        return db.jdbi();
    }

    public HostConfig config() {
        return config;
    }

    /** A connected ShipStation integration of the shop {@code shopKey}; returns its id. */
    public long integration(String shopKey) {
        return jdbi().withHandle(h -> h.createUpdate("insert into integration (connector, name, customer_type, shop_url,"
                        + " shop_key, sync_start_date, status, created_at) values ('shipstation', :name, 'RETAIL',"
                        + " :url, :key, date '2026-11-01', 'CONNECTED', current_timestamp)")
                .bind("name", "Test " + shopKey).bind("url", "https://" + shopKey.substring(shopKey.indexOf(':') + 1))
                .bind("key", shopKey).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @Override
    public void close() {
        db.close();
    }
}

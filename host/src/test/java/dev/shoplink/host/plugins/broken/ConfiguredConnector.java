package dev.shoplink.host.plugins.broken;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.api.ShopOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A connector whose id and faults come from {@code connector.properties} in its archive:
 * {@code id}, {@code name}; {@code record} (a file every call appends its method and credentials
 * to); {@code hang} (methods that hang, deaf to interrupts, for 20 s); {@code fail} (methods that
 * throw an {@link IllegalStateException} quoting the credentials). Anything else answers at once
 * with nothing (an empty shop).
 */
public class ConfiguredConnector implements ShopConnector {
    private final Properties config = new Properties();

    public ConfiguredConnector() {
        try (InputStream in = ConfiguredConnector.class.getClassLoader().getResourceAsStream("connector.properties")) {
            if (in == null) {
                throw new IllegalStateException("connector.properties is not in the archive");
            }
            config.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ConnectorDescriptor descriptor() {
        String id = config.getProperty("id");
        return new ConnectorDescriptor(id, config.getProperty("name", id), List.of(
                new CredentialField("apiKey", "API key", true, false),
                new CredentialField("apiSecret", "API secret", true, true)), URI.create("http://127.0.0.1:9"));
    }

    @Override
    public void validate(Connection connection) {
        call("validate", connection);
    }

    @Override
    public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
        call("listings", connection);
        return Page.last(List.of());
    }

    @Override
    public Optional<Listing> listing(Connection connection, String externalId) {
        call("listing", connection);
        return Optional.empty();
    }

    @Override
    public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
        call("orders", connection);
        return Page.last(List.of());
    }

    private void call(String method, Connection connection) {
        String record = config.getProperty("record");
        if (record != null) {
            try {
                Files.writeString(Path.of(record), method + " " + connection.credentials() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (listed("hang", method)) {
            hang();
        }
        if (listed("fail", method)) {
            throw new IllegalStateException("the shop refused key " + connection.credential("apiKey") + " with secret "
                    + connection.credential("apiSecret") + " (" + method + ")");
        }
    }

    private boolean listed(String key, String method) {
        return List.of(config.getProperty(key, "").split(",")).contains(method);
    }

    /** Like a read on a socket that never answers: interrupts go unnoticed; it gives up after 20 s. */
    private static void hang() {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // deaf on purpose
            }
        }
        throw new IllegalStateException("gave up hanging after 20 s");
    }
}

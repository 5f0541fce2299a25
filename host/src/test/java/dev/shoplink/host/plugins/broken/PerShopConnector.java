package dev.shoplink.host.plugins.broken;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.CredentialKind;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.InvalidCredentialsException;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * A connector written against plugin API 1.1, like a Shopify one: its API lives on each shop's own
 * host ({@code https://<shop>.myshop.example/admin/api}, from {@link #apiBaseUrl(String)}), and its
 * form describes itself (a {@code SECRET} token with a pattern, a {@code DOMAIN}, an optional
 * {@code URL}). {@code connector.properties}: {@code id}; {@code record}, a file each call appends
 * its method, shop URL, base URL and credential names to. {@code validate} answers by the token:
 * {@code tok_revoked…} is rejected naming the token field, {@code tok_othershop…} naming the shop
 * URL, {@code tok_rejected…} naming nothing (as a 1.0 connector would); any other is accepted.
 */
public class PerShopConnector implements ShopConnector {
    private final Properties config = new Properties();

    public PerShopConnector() {
        try (InputStream in = PerShopConnector.class.getClassLoader().getResourceAsStream("connector.properties")) {
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
        return new ConnectorDescriptor(config.getProperty("id", "pershop"), "PerShop", List.of(
                CredentialField.secret("accessToken", "Access token", "Create one under Settings › API access.")
                        .withPattern("tok_[a-z0-9]{8,}", "tok_1234abcd"),
                new CredentialField("warehouse", "Warehouse host", true, false, CredentialKind.DOMAIN,
                        "[a-z0-9-]+\\.wh\\.example", "roaster.wh.example", "The host name of your warehouse."),
                new CredentialField("callbackUrl", "Callback URL", false, false, CredentialKind.URL, "", "", "")),
                URI.create("https://api.myshop.example"));
    }

    @Override
    public URI apiBaseUrl(String shopUrl) {
        URI uri = URI.create(shopUrl);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!host.endsWith(".myshop.example")) {
            throw new InvalidCredentialsException("use the shop's myshop.example address, e.g. https://roaster.myshop.example",
                    InvalidCredentialsException.SHOP_URL);
        }
        return URI.create("https://" + host + "/admin/api");
    }

    @Override
    public void validate(Connection connection) {
        record("validate", connection);
        String token = connection.credential("accessToken");
        if (token.startsWith("tok_revoked")) {
            throw new InvalidCredentialsException("this token was revoked", "accessToken");
        }
        if (token.startsWith("tok_othershop")) {
            throw new InvalidCredentialsException("this token belongs to another shop", InvalidCredentialsException.SHOP_URL);
        }
        if (token.startsWith("tok_rejected")) {
            throw new InvalidCredentialsException("unknown token");
        }
    }

    @Override
    public Page<Listing> listings(Connection connection, ListingQuery query, Cursor cursor) {
        record("listings", connection);
        return Page.last(List.of());
    }

    @Override
    public Optional<Listing> listing(Connection connection, String externalId) {
        record("listing", connection);
        return Optional.empty();
    }

    @Override
    public Page<ShopOrder> orders(Connection connection, OrderQuery query, Cursor cursor) {
        record("orders", connection);
        return Page.last(List.of());
    }

    private void record(String method, Connection connection) {
        String record = config.getProperty("record");
        if (record != null) {
            try {
                Files.writeString(Path.of(record), method + " shopUrl=" + connection.shopUrl() + " baseUrl="
                        + connection.baseUrl() + " credentials=" + new java.util.TreeSet<>(connection.credentials().keySet()) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

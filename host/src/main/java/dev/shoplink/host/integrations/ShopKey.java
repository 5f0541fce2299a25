package dev.shoplink.host.integrations;

import java.net.URI;
import java.util.Locale;

/**
 * The identity of a shop across integrations: connector id + the shop URL without scheme,
 * {@code www.}, trailing slash or case. Listings and orders are keyed by it, so reconnecting the
 * same shop (new keys, new integration) adopts its history instead of importing it twice.
 */
public final class ShopKey {
    private ShopKey() {
    }

    public static String of(String connector, String shopUrl) {
        URI uri = URI.create(shopUrl.strip());
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        String port = uri.getPort() < 0 || uri.getPort() == 80 || uri.getPort() == 443 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return connector + ":" + host + port + path.toLowerCase(Locale.ROOT);
    }
}

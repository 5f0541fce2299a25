package dev.shoplink.shopify;

import dev.shoplink.api.InvalidCredentialsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shop's permanent address, {@code <shop>.myshopify.com}: the only host its Admin API answers on.
 * Merchants paste many forms of it; the ones that name the shop unambiguously are accepted, a
 * custom domain (which may point anywhere) is refused with a message saying where to find the
 * right one.
 */
final class ShopUrl {
    /** A shop's subdomain: letters, digits and '-', not starting or ending with '-'. */
    private static final Pattern MYSHOPIFY_HOST = Pattern.compile("([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\\.myshopify\\.com");
    /** The admin's own address names the shop in its path: {@code admin.shopify.com/store/<shop>}. */
    private static final Pattern ADMIN_STORE_PATH = Pattern.compile("/store/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:/.*)?");

    static final String WHERE_TO_FIND = "Use the shop's permanent address, <shop>.myshopify.com: Shopify admin shows it under"
            + " Settings > Domains, and the admin's own address admin.shopify.com/store/<shop> names the same <shop>.";

    private ShopUrl() {
    }

    /**
     * The API base address ({@code https://<shop>.myshopify.com}) for what the user typed.
     *
     * @throws InvalidCredentialsException with field {@link InvalidCredentialsException#SHOP_URL} for anything else
     */
    static URI apiBase(String shopUrl) {
        return URI.create("https://" + myshopifyDomain(shopUrl));
    }

    /** The {@code <shop>.myshopify.com} host the shop URL names. */
    static String myshopifyDomain(String shopUrl) {
        String text = shopUrl == null ? "" : shopUrl.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw invalid("Shopify needs the shop's address. " + WHERE_TO_FIND);
        }
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("'" + shopUrl.strip() + "' is not a web address. " + WHERE_TO_FIND);
        }
        String host = uri.getHost();
        String scheme = uri.getScheme();
        if (host == null || !("https".equals(scheme) || "http".equals(scheme)) || uri.getUserInfo() != null) {
            throw invalid("'" + shopUrl.strip() + "' is not a shop address. " + WHERE_TO_FIND);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (host.equals("admin.shopify.com")) {
            Matcher store = ADMIN_STORE_PATH.matcher(path);
            if (store.matches()) {
                return store.group(1) + ".myshopify.com";
            }
            throw invalid("admin.shopify.com is Shopify's admin, not a shop. " + WHERE_TO_FIND);
        }
        if (!MYSHOPIFY_HOST.matcher(host).matches()) {
            throw invalid("'" + host + "' is not a myshopify.com address: Shopify's Admin API answers only at the shop's"
                    + " permanent address, not at a custom domain. " + WHERE_TO_FIND);
        }
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            throw invalid("'" + shopUrl.strip() + "' names a port; Shopify answers on the standard HTTPS port. " + WHERE_TO_FIND);
        }
        if (!(path.isEmpty() || path.equals("/") || path.equals("/admin") || path.startsWith("/admin/"))) {
            throw invalid("'" + shopUrl.strip() + "' points into the shop's storefront; give the shop's address alone,"
                    + " e.g. https://" + host + ". " + WHERE_TO_FIND);
        }
        return host;
    }

    /** The myshopify.com host a shop URL names, or empty when it names none (no URL, or an unusable one). */
    static Optional<String> tryMyshopifyDomain(String shopUrl) {
        try {
            return Optional.of(myshopifyDomain(shopUrl));
        } catch (InvalidCredentialsException e) {
            return Optional.empty();
        }
    }

    private static InvalidCredentialsException invalid(String message) {
        return new InvalidCredentialsException(message, InvalidCredentialsException.SHOP_URL);
    }
}

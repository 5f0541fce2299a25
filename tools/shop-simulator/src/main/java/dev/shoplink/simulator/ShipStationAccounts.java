package dev.shoplink.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The ShipStation accounts of the shop: the configured key and secret and further accounts (each with its own
 * rate-limit budget), and the Basic {@code Authorization} header that presents them. Comparisons take constant time.
 */
final class ShipStationAccounts {
    private final byte[] expectedKey;
    private final byte[] expectedSecret;
    /** Further accounts (API key → secret). */
    private final Map<String, byte[]> moreAccounts = new HashMap<>();

    ShipStationAccounts(String apiKey, String apiSecret, Map<String, String> moreAccounts) {
        this.expectedKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.expectedSecret = apiSecret.getBytes(StandardCharsets.UTF_8);
        moreAccounts.forEach((key, secret) -> this.moreAccounts.put(key, secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** {key, secret} of a Basic {@code Authorization} header, or null when there is none or it is not Basic. */
    static String[] basicCredentials(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    boolean authentic(String key, String secret) {
        if (matches(key, expectedKey)) {
            return matches(secret, expectedSecret);
        }
        byte[] other = moreAccounts.get(key);
        return other != null && matches(secret, other);
    }

    private static boolean matches(String presented, byte[] expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected);
    }
}

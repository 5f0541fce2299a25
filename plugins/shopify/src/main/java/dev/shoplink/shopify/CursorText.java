package dev.shoplink.shopify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Shopify's cursors are opaque text; each part is Base64url-encoded so that ':' can separate them. */
final class CursorText {
    private CursorText() {
    }

    static String join(String prefix, String... parts) {
        StringBuilder text = new StringBuilder(prefix);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                text.append(':');
            }
            if (parts[i] != null) {
                text.append(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(parts[i].getBytes(StandardCharsets.UTF_8)));
            }
        }
        return text.toString();
    }

    /** The decoded parts (null for an empty one), or null when the text is not of this form. */
    static List<String> split(String text, String prefix, int count) {
        if (!text.startsWith(prefix)) {
            return null;
        }
        String[] raw = text.substring(prefix.length()).split(":", -1);
        if (raw.length != count) {
            return null;
        }
        List<String> parts = new ArrayList<>(count);
        try {
            for (String part : raw) {
                parts.add(part.isEmpty() ? null : new String(Base64.getUrlDecoder().decode(part),
                        StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return parts;
    }
}

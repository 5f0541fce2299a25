package dev.shoplink.api;

import java.util.Objects;

/**
 * An opaque paging position chosen by the connector (a page number, a link, a token). The host
 * stores it with every committed page and hands it back to resume.
 *
 * @param value the connector's own encoding; empty for the first page
 */
public record Cursor(String value) {
    private static final Cursor START = new Cursor("");

    public Cursor {
        Objects.requireNonNull(value, "value");
    }

    /** The position before the first page. */
    public static Cursor start() {
        return START;
    }

    /** A cursor with the given value. */
    public static Cursor of(String value) {
        return new Cursor(value);
    }

    /** Whether this is the position before the first page. */
    public boolean isStart() {
        return value.isEmpty();
    }
}

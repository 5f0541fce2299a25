package dev.shoplink.host.domain;

/** Which page of a list to read: 1-based {@code page} of {@code size} items. */
public record Paging(int page, int size) {
    public Paging {
        if (page < 1 || size < 1) {
            throw new IllegalArgumentException("page and size start at 1, got " + page + " and " + size);
        }
    }

    public long offset() {
        return (long) (page - 1) * size;
    }
}

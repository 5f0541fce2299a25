package dev.shoplink.host.http;

import java.util.List;

/** One page of a list response: {@code {"items": [...], "page": 1, "size": 50, "total": 1234}}. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    /** The requested page of a short list held in memory (integrations, connectors, plugins). */
    public static <T> PageResult<T> slice(List<T> all, PageRequest request) {
        int from = (int) Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.size());
        return new PageResult<>(List.copyOf(all.subList(from, to)), request.page(), request.size(), all.size());
    }
}

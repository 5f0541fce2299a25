package dev.shoplink.host.http;

import dev.shoplink.host.domain.PageOf;
import java.util.List;

/** One page of a list response: {@code {"items": [...], "page": 1, "size": 50, "total": 1234}}. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    /** The requested page of a short list held in memory (integrations, connectors, plugins). */
    public static <T> PageResult<T> slice(List<T> all, PageRequest request) {
        PageOf<T> page = PageOf.slice(all, request.toPaging());
        return new PageResult<>(page.items(), page.page(), page.size(), page.total());
    }
}

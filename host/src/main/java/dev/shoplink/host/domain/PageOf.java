package dev.shoplink.host.domain;

import java.util.List;

/**
 * One page of a list: {@code {"items": [...], "page": 1, "size": 50, "total": 1234}} once serialized. The services
 * return it; {@code http.PageResult} is the same shape for lists the routes page themselves (integrations,
 * connectors, plugins) and slices through {@link #slice}.
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {
    public static <T> PageOf<T> of(List<T> items, Paging page, long total) {
        return new PageOf<>(items, page.page(), page.size(), total);
    }

    /** The requested page of a list held in memory. */
    public static <T> PageOf<T> slice(List<T> all, Paging page) {
        int from = (int) Math.min(all.size(), page.offset());
        int to = Math.min(all.size(), from + page.size());
        return of(List.copyOf(all.subList(from, to)), page, all.size());
    }
}

package dev.shoplink.host.http;

import java.util.List;

/** One page of a list response: {@code {"items": [...], "page": 1, "size": 50, "total": 1234}}. */
public record PageResult<T>(List<T> items, int page, int size, long total) {
}

package dev.shoplink.host.domain;

/** One invalid field of a request: a JSON path such as {@code credentials.apiKey} or {@code mappings[2].unit}. */
public record FieldError(String field, String message) {
}

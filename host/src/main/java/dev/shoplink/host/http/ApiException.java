package dev.shoplink.host.http;

import dev.shoplink.host.domain.FieldError;
import java.util.List;

/**
 * A failure with an HTTP meaning, rendered as {@code application/problem+json}: thrown by the routes and request
 * readers, and made from a service's {@code domain} exception by {@link DomainProblems}. Services never throw it.
 */
public class ApiException extends RuntimeException {
    public static final String TYPE_BASE = "https://shoplink.dev/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", "Bad request", detail);
    }

    public static ApiException validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiException(422, "validation", "Invalid input", detail, errors);
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", "Not found", what);
    }

    public static ApiException conflict(String type, String detail) {
        return new ApiException(409, type, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    /** The problem type's last segment, e.g. {@code invalid-credentials}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

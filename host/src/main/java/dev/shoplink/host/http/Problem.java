package dev.shoplink.host.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shoplink.host.domain.FieldError;
import java.util.List;

/**
 * RFC 9457 problem details, as every error response carries them. {@code instance} is left out when the path is
 * unknown (a request Jetty could not parse), {@code errors} unless fields were invalid.
 */
public record Problem(String type, String title, int status, String detail,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) String instance,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {
    public static Problem of(ApiException e, String instance) {
        return new Problem(ApiException.TYPE_BASE + e.type(), e.title(), e.status(), e.getMessage(), instance, e.errors());
    }
}

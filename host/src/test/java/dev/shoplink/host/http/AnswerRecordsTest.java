package dev.shoplink.host.http;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.domain.FieldError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The answers written from records are the JSON they were when the routes built maps: what a record leaves out
 * (its {@code @JsonInclude}) is missing, not null, and {@code OpenApiSchemas} reads the same annotations.
 */
class AnswerRecordsTest {
    private static final ObjectMapper API = HttpServer.objectMapper();

    @Test
    void aProblemWithoutPathOrFieldErrorsLeavesBothOut() throws Exception {
        // given a problem of a request Jetty could not parse: no path, no field errors
        Problem problem = Problem.of(ApiException.badRequest("the request line is not valid HTTP/1.1"), null);

        // when the API writes it
        String json = API.writeValueAsString(problem);

        // then instance and errors are missing
        assertThatJson(json).isEqualTo("""
                {"type": "https://shoplink.dev/problems/bad-request", "title": "Bad request", "status": 400,
                 "detail": "the request line is not valid HTTP/1.1"}""");
    }

    @Test
    void aValidationProblemNamesItsPathAndFields() throws Exception {
        // given a validation problem on a path
        Problem problem = Problem.of(ApiException.validation(List.of(new FieldError("name", "is required"))),
                "/api/v1/products");

        // when the API writes it
        String json = API.writeValueAsString(problem);

        // then instance and errors are there
        assertThatJson(json).isEqualTo("""
                {"type": "https://shoplink.dev/problems/validation", "title": "Invalid input", "status": 422,
                 "detail": "name: is required", "instance": "/api/v1/products",
                 "errors": [{"field": "name", "message": "is required"}]}""");
    }

    @Test
    void aBearerCallerIsDescribedByHowItAuthenticatedAlone() throws Exception {
        // when the API writes the session answer of a bearer-token request
        String json = API.writeValueAsString(SessionView.bearer());

        // then nothing but authenticatedBy is there (no nulls for the session's fields)
        assertThatJson(json).isEqualTo("{\"authenticatedBy\": \"bearer\"}");
    }

    @Test
    void aSessionIsDescribedWithItsCsrfTokenAndTimes() throws Exception {
        // given a session
        Sessions.Session session = new Sessions.Session("id-1", "csrf-1", Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-01T22:00:00Z"));

        // when the API writes it
        String json = API.writeValueAsString(SessionView.of(session));

        // then its CSRF token, the header to send it in and its times are there, never its id
        assertThatJson(json).isEqualTo("""
                {"authenticatedBy": "session", "csrfToken": "csrf-1", "csrfHeader": "X-CSRF-Token",
                 "createdAt": "2026-12-01T10:00:00Z", "expiresAt": "2026-12-01T22:00:00Z"}""");
    }
}

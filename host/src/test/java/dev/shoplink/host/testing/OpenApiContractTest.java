package dev.shoplink.host.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The contract check every end-to-end answer passes through ({@link TestHost#exchange}) finds what it should. */
class OpenApiContractTest {
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String NOT_FOUND = "{\"type\":\"https://shoplink.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
            + "\"detail\":\"no product 7\"}";

    private static final String UNITS = "{\"items\":[\"250 g\"],\"page\":1,\"size\":1,\"total\":1}";

    private final OpenApiContract contract = OpenApiContract.get();

    @Test
    void aDocumentedAnswerPasses() {
        assertThat(contract.problems("GET", "/api/v1/products/7", new TestHost.Response(404, NOT_FOUND, PROBLEM))).isEmpty();
        assertThat(contract.problems("GET", "/api/v1/catalog/units", new TestHost.Response(200, UNITS, JSON))).isEmpty();
    }

    @Test
    void anUndeclaredStatusFailsNamingMethodPathAndStatus() {
        assertThatThrownBy(() -> contract.check("GET", "/api/v1/products/7?x=1", new TestHost.Response(409, NOT_FOUND, PROBLEM)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/v1/products/7?x=1 -> 409")
                .hasMessageContaining("status 409 is not declared");
    }

    @Test
    void aBodyTheSchemaRefusesFailsWithTheSchemaError() {
        String problem = NOT_FOUND.replace("404", "\"404\"");
        assertThat(contract.problems("GET", "/api/v1/products/7", new TestHost.Response(404, problem, PROBLEM)))
                .singleElement().asString().contains("status").contains("integer");
        assertThat(contract.problems("GET", "/api/v1/catalog/units", new TestHost.Response(200, UNITS.replace("\"250 g\"", "250"), JSON)))
                .singleElement().asString().contains("items").contains("string");
    }

    @Test
    void formatsAreAsserted() {
        String relative = NOT_FOUND.replace("https://shoplink.dev", "");
        assertThat(contract.problems("GET", "/api/v1/products/7", new TestHost.Response(404, relative, PROBLEM)))
                .singleElement().asString().contains("/type").contains("uri");
    }

    @Test
    void theMediaTypeMustBeTheDeclaredOne() {
        assertThat(contract.problems("GET", "/api/v1/products/7", new TestHost.Response(404, NOT_FOUND, JSON)))
                .singleElement().asString().contains("Content-Type 'application/json' is not declared");
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        // /listings/suggestions is its own operation, not /listings/{listingId}: GET is documented for it
        assertThat(contract.problems("GET", "/api/v1/integrations/1/listings/suggestions",
                new TestHost.Response(404, NOT_FOUND, PROBLEM))).isEmpty();
        // the one path of the description that a parameter template also matches: /orders/{id} has no POST, so
        // these hold only while /orders/archive is the template chosen
        String invalid = NOT_FOUND.replace("not-found", "validation").replace("404", "422");
        assertThat(contract.problems("POST", "/api/v1/orders/archive", new TestHost.Response(422, invalid, PROBLEM))).isEmpty();
        assertThat(contract.problems("POST", "/api/v1/orders/archive", new TestHost.Response(404, NOT_FOUND, PROBLEM)))
                .singleElement().asString().contains("status 404 is not declared").contains("422");
    }

    @Test
    void aMethodThePathDoesNotHaveMustAnswerA405Problem() {
        String refused = NOT_FOUND.replace("not-found", "method-not-allowed").replace("404", "405");
        assertThat(contract.problems("PUT", "/api/v1/products/7", new TestHost.Response(405, refused, PROBLEM))).isEmpty();
        assertThat(contract.problems("PUT", "/api/v1/products/7", new TestHost.Response(200, "{}", JSON)))
                .singleElement().asString().contains("method is not documented");
        assertThat(contract.problems("PUT", "/api/v1/products/7", new TestHost.Response(405, "", "")))
                .singleElement().asString().contains("Content-Type");
    }

    @Test
    void undocumentedPathsAreLeftToTheRouteListTest() {
        assertThat(contract.problems("GET", "/metrics", new TestHost.Response(200, "# TYPE x counter", "text/plain"))).isEmpty();
    }
}

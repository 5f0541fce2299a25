package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Basic auth against the configured pair (401) and the plan-without-API mode (402). */
class AccessTest {

    static ShopSimulator shop;
    static SimulatorHttp http;

    @BeforeAll
    static void start() {
        shop = ShopSimulator.builder().products(30).orders(50).credentials("ShipStation", "Rocks").noRateLimit().start();
        http = new SimulatorHttp(shop);
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDocumentedExampleHeaderIsAccepted() {
        assertThat(shop.authorization()).isEqualTo("Basic U2hpcFN0YXRpb246Um9ja3M=");
        assertThat(http.get("/accounts/listtags", "Basic U2hpcFN0YXRpb246Um9ja3M=").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/accounts/listtags", "/stores", "/products", "/orders", "/orders/187400001",
        "/products/31200001"})
    void wrongOrMissingCredentialsAre401(String path) {
        HttpResponse<String> wrongSecret = http.get(path, basic("ShipStation", "Rocks!"));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.body()).doesNotStartWith("{");
        assertThat(http.get(path, basic("Other", "Rocks")).statusCode()).isEqualTo(401);
        assertThat(http.get(path, null).statusCode()).isEqualTo(401);
        assertThat(http.get(path, "Basic not-base64!").statusCode()).isEqualTo(401);
        assertThat(http.get(path, "Bearer U2hpcFN0YXRpb246Um9ja3M=").statusCode()).isEqualTo(401);
    }

    @Test
    void withoutApiAccessEveryAuthenticatedCallIs402() {
        shop.setApiAccess(false);
        try {
            for (String path : new String[] {"/accounts/listtags", "/stores", "/products?pageSize=1", "/orders"}) {
                HttpResponse<String> response = http.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(402);
            }
            assertThat(http.get("/stores", basic("ShipStation", "wrong")).statusCode())
                    .as("bad credentials still read as bad credentials").isEqualTo(401);
        } finally {
            shop.setApiAccess(true);
        }
        assertThat(http.get("/stores").statusCode()).isEqualTo(200);
    }

    @Test
    void adminEndpointsNeedNoCredentialsAndAreNotCounted() {
        long before = shop.requestCount();
        assertThat(http.get("/_sim/stats", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/_sim/info", null).statusCode()).isEqualTo(200);
        assertThat(shop.requestCount()).isEqualTo(before);
    }

    @Test
    void unknownPathsAreNotFoundButStillAuthenticated() {
        assertThat(http.get("/shipments").statusCode()).isEqualTo(404);
        assertThat(http.get("/shipments", null).statusCode()).isEqualTo(401);
    }
}

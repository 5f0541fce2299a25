package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults: the configured share, each kind as a client experiences it. */
class FaultInjectionTest {

    ShopSimulator shop;
    SimulatorHttp http;

    @BeforeEach
    void start() {
        shop = ShopSimulator.builder().seed(99).products(50).orders(300).noRateLimit().start();
        http = new SimulatorHttp(shop);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void aboutTheConfiguredShareOfRequestsFails() {
        shop.setFaultKinds(java.util.EnumSet.of(FaultKind.SERVER_ERROR));
        shop.setFailRate(0.2);
        int errors = 0;
        int requests = 1_000;
        for (int i = 0; i < requests; i++) {
            int status = http.get("/orders?pageSize=5&page=" + (1 + i % 50)).statusCode();
            assertThat(status).isIn(200, 500);
            errors += status == 500 ? 1 : 0;
        }
        // Binomial(1000, 0.2): mean 200, standard deviation ~12.6.
        assertThat(errors).isBetween(160, 240);
        assertThat(shop.stats().faults()).containsEntry(FaultKind.SERVER_ERROR, (long) errors);
        assertThat(shop.stats().byStatus()).containsEntry(500, (long) errors);
    }

    @Test
    void noFaultsWhenTheRateIsZeroAndTheMixIsSpreadOverTheEnabledKinds() {
        for (int i = 0; i < 50; i++) {
            assertThat(http.get("/stores").statusCode()).isEqualTo(200);
        }
        shop.setFaultKinds(java.util.EnumSet.of(FaultKind.SERVER_ERROR, FaultKind.MALFORMED_JSON));
        shop.setFailRate(1.0);
        for (int i = 0; i < 200; i++) {
            http.get("/accounts/listtags");
        }
        assertThat(shop.stats().faults().get(FaultKind.SERVER_ERROR)).isBetween(70L, 130L);
        assertThat(shop.stats().faults().get(FaultKind.MALFORMED_JSON)).isBetween(70L, 130L);
    }

    @Test
    void aResetConnectionReachesTheClientAsAnIOException() {
        shop.setFaultKinds(java.util.EnumSet.of(FaultKind.CONNECTION_RESET));
        shop.setFailRate(1.0);
        assertThatThrownBy(() -> http.tryGet("/orders?pageSize=10")).isInstanceOf(IOException.class);
        shop.setFailRate(0);
        assertThat(http.get("/orders?pageSize=10").statusCode()).isEqualTo(200);
    }

    @Test
    void aTruncatedBodyReachesTheClientAsAnIOException() {
        shop.setFaultKinds(java.util.EnumSet.of(FaultKind.TRUNCATED_BODY));
        shop.setFailRate(1.0);
        assertThatThrownBy(() -> http.tryGet("/orders?pageSize=100")).isInstanceOf(IOException.class);
    }

    @Test
    void malformedJsonIsA200ThatDoesNotParse() throws Exception {
        shop.setFaultKinds(java.util.EnumSet.of(FaultKind.MALFORMED_JSON));
        shop.setFailRate(1.0);
        HttpResponse<String> response = http.tryGet("/orders?pageSize=20");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThatThrownBy(() -> SimulatorHttp.MAPPER.readTree(response.body()))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aSlowResponseArrivesIntactAfterTheDelay() throws Exception {
        shop.setFaultKinds(java.util.EnumSet.of(FaultKind.SLOW_RESPONSE));
        shop.setSlowResponseDelay(Duration.ofMillis(400));
        shop.setFailRate(1.0);
        long started = System.nanoTime();
        HttpResponse<String> response = http.tryGet("/stores");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimulatorHttp.parse(response.body()).isArray()).isTrue();
    }

    @Test
    void latencyIsAddedToEveryResponse() throws Exception {
        shop.setLatency(Duration.ofMillis(150));
        long started = System.nanoTime();
        http.tryGet("/stores");
        http.tryGet("/stores");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void theAdminSurfaceIsNeverFaulted() {
        shop.setFailRate(1.0);
        for (int i = 0; i < 20; i++) {
            assertThat(http.get("/_sim/stats", null).statusCode()).isEqualTo(200);
        }
    }
}

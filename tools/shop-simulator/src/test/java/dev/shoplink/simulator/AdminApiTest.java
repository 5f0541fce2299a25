package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code /_sim} controls a parent process uses. */
class AdminApiTest {

    ShopSimulator shop;
    SimulatorHttp http;

    @BeforeEach
    void start() {
        shop = ShopSimulator.builder().seed(4).products(40).orders(120)
                .now(Instant.parse("2026-11-20T20:00:00Z")).start();
        http = new SimulatorHttp(shop);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void statsCountRequestsPerPathStatusesAnd429s() {
        http.get("/orders?pageSize=1");
        http.get("/orders/187400001");
        http.get("/orders/187400002");
        http.get("/products/31200001");
        http.get("/stores", null);
        JsonNode stats = SimulatorHttp.parse(http.get("/_sim/stats", null).body());
        assertThat(stats.get("requests").asLong()).isEqualTo(5);
        assertThat(stats.get("tooManyRequests").asLong()).isZero();
        assertThat(stats.get("byPath").get("/orders").asLong()).isEqualTo(1);
        assertThat(stats.get("byPath").get("/orders/{orderId}").asLong()).isEqualTo(2);
        assertThat(stats.get("byPath").get("/products/{productId}").asLong()).isEqualTo(1);
        assertThat(stats.get("byStatus").get("200").asLong()).isEqualTo(4);
        assertThat(stats.get("byStatus").get("401").asLong()).isEqualTo(1);

        assertThat(http.post("/_sim/stats/reset").statusCode()).isEqualTo(204);
        assertThat(shop.requestCount()).isZero();
    }

    @Test
    void mutateReturnsWhatChanged() {
        JsonNode body = SimulatorHttp.parse(http.post("/_sim/mutate?count=4").body());
        assertThat(body.get("count").asInt()).isEqualTo(4);
        assertThat(body.get("orderIds")).hasSize(4);
        assertThat(body.get("modifyDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}");
        long id = body.get("orderIds").get(0).asLong();
        assertThat(http.json("/orders/" + id).get("modifyDate")).isEqualTo(body.get("modifyDate"));
        assertThat(http.post("/_sim/mutate?count=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void settingsCanBeReadAndChanged() {
        JsonNode initial = SimulatorHttp.parse(http.get("/_sim/settings", null).body());
        assertThat(initial.get("rateLimit").asInt()).isEqualTo(40);
        assertThat(initial.get("apiAccess").asBoolean()).isTrue();

        JsonNode changed = SimulatorHttp.parse(http.post(
                "/_sim/settings?rateLimit=off&failRate=0.5&faults=reset,slow&latencyMs=3&apiAccess=false").body());
        assertThat(changed.get("rateLimit").asText()).isEqualTo("off");
        assertThat(changed.get("failRate").asDouble()).isEqualTo(0.5);
        assertThat(changed.get("faults")).extracting(JsonNode::asText)
                .containsExactly("CONNECTION_RESET", "SLOW_RESPONSE");
        assertThat(changed.get("latencyMs").asInt()).isEqualTo(3);
        assertThat(http.get("/stores").statusCode()).isEqualTo(402);

        assertThat(http.post("/_sim/settings?failRate=2").statusCode()).isEqualTo(400);
        assertThat(http.post("/_sim/settings?faults=gremlins").statusCode()).isEqualTo(400);
    }

    @Test
    void infoDescribesTheGeneratedShop() {
        JsonNode info = SimulatorHttp.parse(http.get("/_sim/info", null).body());
        assertThat(info.get("baseUrl").asText()).isEqualTo(shop.baseUrl());
        assertThat(info.get("seed").asLong()).isEqualTo(4);
        assertThat(info.get("products").asInt()).isEqualTo(40);
        assertThat(info.get("orders").asInt()).isEqualTo(120);
        assertThat(info.get("generatedAt").asText()).isEqualTo("2026-11-20T20:00:00Z");
        assertThat(info.get("generatedAtPacific").asText()).isEqualTo("2026-11-20T12:00:00.0000000");
    }
}

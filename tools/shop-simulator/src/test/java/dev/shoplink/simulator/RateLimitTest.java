package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.testkit.MutableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ShipStation's 40 requests per minute per key, on a clock the test moves by hand. */
class RateLimitTest {

    MutableClock clock;
    ShopSimulator shop;
    SimulatorHttp http;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-11-20T20:00:00Z"));
        shop = ShopSimulator.builder().products(20).orders(20).clock(clock).start();
        http = new SimulatorHttp(shop);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private static long header(HttpResponse<?> response, String name) {
        return Long.parseLong(response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name)));
    }

    @Test
    void fortyRequestsPassThenTheFortyFirstIs429UntilTheWindowEnds() {
        for (int i = 1; i <= 40; i++) {
            HttpResponse<String> ok = http.get(i % 2 == 0 ? "/orders?pageSize=1" : "/accounts/listtags");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(header(ok, "X-Rate-Limit-Limit")).isEqualTo(40);
            assertThat(header(ok, "x-rate-limit-remaining")).isEqualTo(40 - i);
            assertThat(header(ok, "X-Rate-Limit-Reset")).isEqualTo(60);
        }
        clock.advance(Duration.ofSeconds(15));
        HttpResponse<String> refused = http.get("/orders?pageSize=1");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(SimulatorHttp.parse(refused.body()).get("message").asText()).isEqualTo("Too Many Requests");
        assertThat(header(refused, "X-Rate-Limit-Remaining")).isZero();
        assertThat(header(refused, "X-Rate-Limit-Reset")).isEqualTo(45);
        assertThat(http.get("/stores").statusCode()).isEqualTo(429);
        assertThat(shop.tooManyRequestsCount()).isEqualTo(2);
        assertThat(shop.requestCount()).isEqualTo(42);

        clock.advance(Duration.ofMillis(44_500));
        assertThat(header(http.get("/stores"), "X-Rate-Limit-Reset")).as("rounded up").isEqualTo(1);
        clock.advance(Duration.ofMillis(500));
        HttpResponse<String> again = http.get("/stores");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(header(again, "X-Rate-Limit-Remaining")).isEqualTo(39);
        assertThat(header(again, "X-Rate-Limit-Reset")).isEqualTo(60);
        assertThat(shop.stats().byStatus()).containsEntry(429, 3L).containsEntry(200, 41L);
    }

    @Test
    void everyKeyHasItsOwnBudgetAndRefusalsComeBeforeAuth() {
        for (int i = 0; i < 40; i++) {
            http.get("/stores");
        }
        assertThat(http.get("/stores").statusCode()).isEqualTo(429);
        String otherKey = "Basic " + Base64.getEncoder().encodeToString("other:pair".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> other = http.get("/stores", otherKey);
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(header(other, "X-Rate-Limit-Remaining")).isEqualTo(39);
    }

    @Test
    void theLimitCanBeChangedOrSwitchedOff() {
        shop.setRateLimit(2);
        assertThat(http.get("/stores").statusCode()).isEqualTo(200);
        assertThat(http.get("/stores").statusCode()).isEqualTo(200);
        assertThat(http.get("/stores").statusCode()).isEqualTo(429);
        shop.setRateLimit(0);
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> response = http.get("/accounts/listtags");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).isEmpty();
        }
    }

    @Test
    void furtherAccountsAuthenticateWithTheirOwnBudgetAndEveryWindowIsRecorded() {
        shop.close();
        shop = ShopSimulator.builder().products(20).orders(20).clock(clock).accounts(2).start();
        http = new SimulatorHttp(shop);
        String second = "Basic " + Base64.getEncoder().encodeToString(
                (shop.apiKey(2) + ":" + shop.apiSecret(2)).getBytes(StandardCharsets.UTF_8));
        String wrongSecret = "Basic " + Base64.getEncoder().encodeToString(
                (shop.apiKey(2) + ":" + shop.apiSecret(1)).getBytes(StandardCharsets.UTF_8));
        assertThat(shop.apiKey(2)).isEqualTo(ShopSimulator.DEFAULT_API_KEY + "-2");
        for (int i = 0; i < 40; i++) {
            assertThat(http.get("/stores", second).statusCode()).isEqualTo(200);
        }
        assertThat(http.get("/stores", second).statusCode()).isEqualTo(429);
        assertThat(http.get("/stores").statusCode()).as("the main key's budget is its own").isEqualTo(200);
        Instant firstWindow = clock.instant();
        clock.advance(Duration.ofSeconds(61));
        assertThat(http.get("/stores", wrongSecret).statusCode()).isEqualTo(401);
        clock.advance(Duration.ofSeconds(61));
        assertThat(http.get("/stores", second).statusCode()).isEqualTo(200);

        assertThat(shop.rateWindows(shop.apiKey(2))).containsExactly(new RateWindow(firstWindow, 40),
                new RateWindow(firstWindow.plusSeconds(61), 1), new RateWindow(firstWindow.plusSeconds(122), 1));
        assertThat(shop.rateWindows(shop.apiKey())).containsExactly(new RateWindow(firstWindow, 1));
        assertThat(shop.rateWindows("nobody")).isEmpty();
    }
}

package dev.shoplink.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.testing.TestHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser session over HTTP: sign-in with the admin token, cookie flags, CSRF on changes, sign-out, bearer unchanged. */
class SessionE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRODUCT = "{\"name\":\"Kenya Nyeri\"}";

    @TempDir
    static Path dir;
    static TestHost host;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        host = TestHost.start(dir, "http://127.0.0.1:9"); // no shop needed
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void signingInGivesAnHttpOnlyStrictCookieAndACsrfToken() throws Exception {
        HttpResponse<String> in = send(request("/api/v1/session").header("Authorization", "Bearer " + TestHost.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(in.statusCode()).isEqualTo(201);
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("shoplink_session=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure");
        assertThat(in.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(in.body());
        assertThat(body.get("csrfToken").asText()).hasSizeGreaterThan(30);
        assertThat(Instant.parse(body.get("expiresAt").asText())).isAfter(Instant.now().plus(Duration.ofHours(11)));

        // another tab learns the CSRF token with the cookie alone
        String cookie = cookieOf(in);
        JsonNode again = JSON.readTree(send(request("/api/v1/session").header("Cookie", cookie).GET()).body());
        assertThat(again.get("csrfToken").asText()).isEqualTo(body.get("csrfToken").asText());
        assertThat(again.get("authenticatedBy").asText()).isEqualTo("session");
        assertThat(send(request("/api/v1/orders").header("Cookie", cookie).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void theCookieIsSecureBehindAnHttpsProxy() throws Exception {
        HttpResponse<String> in = send(request("/api/v1/session").header("Authorization", "Bearer " + TestHost.TOKEN)
                .header("X-Forwarded-Proto", "https").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(in.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void signingInTakesTheAdminToken() throws Exception {
        HttpResponse<String> wrong = send(request("/api/v1/session").header("Authorization", "Bearer nope")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        // a session cannot make another session: signing in is the token's
        String cookie = signIn().cookie;
        HttpResponse<String> withCookie = send(request("/api/v1/session").header("Cookie", cookie)
                .header("X-CSRF-Token", "x").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(withCookie.statusCode()).isIn(401, 403);
        assertThat(withCookie.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void changesWithTheCookieNeedTheCsrfToken() throws Exception {
        Signed s = signIn();
        int before = host.get("/api/v1/products").json().get("total").asInt();
        HttpResponse<String> missing = send(request("/api/v1/products").header("Cookie", s.cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PRODUCT)));
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(missing.body());
        assertThat(problem.get("type").asText()).endsWith("/csrf-token-missing");
        assertThat(problem.get("detail").asText()).contains("X-CSRF-Token");
        assertThat(problem.get("status").asInt()).isEqualTo(403);

        HttpResponse<String> wrong = send(request("/api/v1/products").header("Cookie", s.cookie).header("X-CSRF-Token", "guess")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PRODUCT)));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(wrong.body()).get("type").asText()).endsWith("/csrf-token-wrong");
        assertThat(host.get("/api/v1/products").json().get("total").asInt()).as("nothing was created").isEqualTo(before);

        HttpResponse<String> ok = send(request("/api/v1/products").header("Cookie", s.cookie).header("X-CSRF-Token", s.csrf)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PRODUCT)));
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(host.delete("/api/v1/products/" + JSON.readTree(ok.body()).get("id").asLong()).status()).isEqualTo(200);
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() throws Exception {
        Signed s = signIn();
        HttpResponse<String> noCsrf = send(request("/api/v1/session").header("Cookie", s.cookie).DELETE());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> out = send(request("/api/v1/session").header("Cookie", s.cookie).header("X-CSRF-Token", s.csrf).DELETE());
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("shoplink_session=;").contains("Max-Age=0");
        HttpResponse<String> after = send(request("/api/v1/orders").header("Cookie", s.cookie).GET());
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(after.body()).get("detail").asText()).contains("session has ended");
    }

    @Test
    void theBearerTokenKeepsWorkingAloneAndWins() throws Exception {
        assertThat(host.get("/api/v1/orders").status()).isEqualTo(200);
        assertThat(host.post("/api/v1/products", PRODUCT.replace("Nyeri", "Kirinyaga")).status()).as("no CSRF token with the bearer")
                .isEqualTo(201);
        JsonNode who = host.get("/api/v1/session").json();
        assertThat(who.get("authenticatedBy").asText()).isEqualTo("bearer");
        assertThat(who.has("csrfToken")).isFalse();
        // a wrong bearer token is refused even beside a good cookie
        Signed s = signIn();
        assertThat(send(request("/api/v1/orders").header("Cookie", s.cookie).header("Authorization", "Bearer nope").GET())
                .statusCode()).isEqualTo(401);
        HttpResponse<String> none = send(request("/api/v1/orders").GET());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).get("detail").asText()).contains("Authorization: Bearer").contains("POST /api/v1/session");
    }

    @Test
    void sessionsExpireWhenIdleAndAtTheirLifetime() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Sessions sessions = new Sessions(clock);
        Sessions.Session idle = sessions.open();
        Sessions.Session busy = sessions.open();
        for (int hour = 0; hour < 7 * 24 - 1; hour += 11) {
            now[0] = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(hour));
            assertThat(sessions.touch(busy.id())).as("used every 11 hours, hour " + hour).isPresent();
        }
        assertThat(sessions.touch(idle.id())).as("12 hours without use").isEmpty();
        now[0] = Instant.parse("2026-01-08T00:00:00Z");
        assertThat(sessions.touch(busy.id())).as("7 days after sign-in").isEmpty();
        assertThat(sessions.touch(null)).isEmpty();
        assertThat(sessions.touch("unknown")).isEmpty();
        Sessions.Session first = sessions.open();
        Sessions.Session used = sessions.open();
        for (int i = 2; i < Sessions.MAX_SESSIONS + 5; i++) {
            sessions.open();
            if (i == Sessions.MAX_SESSIONS - 1) {
                assertThat(sessions.touch(used.id())).as("in use when the limit is reached").isPresent();
            }
        }
        assertThat(sessions.size()).isEqualTo(Sessions.MAX_SESSIONS);
        assertThat(sessions.touch(first.id())).as("the least recently used session was pushed out").isEmpty();
        assertThat(sessions.touch(used.id())).as("a session used since stays").isPresent();
        assertThat(List.of(idle.toString(), busy.toString())).noneMatch(t -> t.contains(busy.id()) || t.contains(busy.csrfToken()));
    }

    private record Signed(String cookie, String csrf) {
    }

    private Signed signIn() throws Exception {
        HttpResponse<String> in = send(request("/api/v1/session").header("Authorization", "Bearer " + TestHost.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(in.statusCode()).isEqualTo(201);
        return new Signed(cookieOf(in), JSON.readTree(in.body()).get("csrfToken").asText());
    }

    private static String cookieOf(HttpResponse<String> response) {
        String set = response.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private HttpRequest.Builder request(String path) {
        URI uri = host.uri(path);
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

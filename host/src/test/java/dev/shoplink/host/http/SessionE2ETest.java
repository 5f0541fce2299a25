package dev.shoplink.host.http;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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

    /** A sign-in with the admin token. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SignedIn {
        HttpResponse<String> in;
        String cookie;

        @BeforeAll
        void signInWithTheToken() throws Exception {
            in = send(request("/api/v1/session").header("Authorization", "Bearer " + TestHost.TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            cookie = cookieOf(in);
        }

        @Test
        void givesAnHttpOnlyStrictCookieForTheWholeSite() {
            assertThat(in.statusCode()).isEqualTo(201);
            assertThat(in.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("shoplink_session=").contains("HttpOnly")
                    .contains("SameSite=Strict").contains("Path=/").doesNotContain("Secure");
            assertThat(in.headers().firstValue("Cache-Control")).hasValue("no-store");
        }

        @Test
        void answersACsrfTokenAndAnExpiryMoreThanElevenHoursAhead() {
            assertThatJson(in.body()).node("csrfToken").isString().hasSizeGreaterThan(30);
            assertThatJson(in.body()).node("expiresAt").isString()
                    .satisfies(at -> assertThat(Instant.parse(at)).isAfter(Instant.now().plus(Duration.ofHours(11))));
        }

        @Test
        void tellsAnotherTabTheCsrfTokenForTheCookieAlone() throws Exception {
            // when
            HttpResponse<String> again = send(request("/api/v1/session").header("Cookie", cookie).GET());

            // then
            assertThatJson(again.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"csrfToken": "%s", "authenticatedBy": "session"}""".formatted(csrfOf(in)));
        }

        @Test
        void readsWithTheCookieAlone() throws Exception {
            assertThat(send(request("/api/v1/orders").header("Cookie", cookie).GET()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theCookieIsSecureBehindAnHttpsProxy() throws Exception {
        // when
        HttpResponse<String> in = send(request("/api/v1/session").header("Authorization", "Bearer " + TestHost.TOKEN)
                .header("X-Forwarded-Proto", "https").POST(HttpRequest.BodyPublishers.noBody()));

        // then
        assertThat(in.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void aWrongTokenSignsNobodyIn() throws Exception {
        // when
        HttpResponse<String> wrong = send(request("/api/v1/session").header("Authorization", "Bearer nope")
                .POST(HttpRequest.BodyPublishers.noBody()));

        // then
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aSessionCannotMakeAnotherSessionSigningInIsTheTokens() throws Exception {
        // given
        String cookie = signIn().cookie;

        // when
        HttpResponse<String> withCookie = send(request("/api/v1/session").header("Cookie", cookie)
                .header("X-CSRF-Token", "x").POST(HttpRequest.BodyPublishers.noBody()));

        // then
        assertThat(withCookie.statusCode()).isIn(401, 403);
        assertThat(withCookie.headers().firstValue("Set-Cookie")).isEmpty();
    }

    /** Creating a product with the session cookie. */
    @Nested
    class ChangesWithTheCookie {
        Signed s;
        String productsBefore;

        @BeforeEach
        void signedIn() throws Exception {
            s = signIn();
            productsBefore = host.get("/api/v1/products").body();
        }

        HttpResponse<String> createProduct(String csrfHeader) throws Exception {
            HttpRequest.Builder r = request("/api/v1/products").header("Cookie", s.cookie).header("Content-Type", "application/json");
            if (csrfHeader != null) {
                r.header("X-CSRF-Token", csrfHeader);
            }
            return send(r.POST(HttpRequest.BodyPublishers.ofString(PRODUCT)));
        }

        @Test
        void withoutTheCsrfTokenAreA403ThatNamesItsHeader() throws Exception {
            // when
            HttpResponse<String> missing = createProduct(null);

            // then
            assertThat(missing.statusCode()).isEqualTo(403);
            assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThatJson(missing.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {
                      "type": "https://shoplink.dev/problems/csrf-token-missing",
                      "status": 403,
                      "detail": "${json-unit.regex}.*X-CSRF-Token.*"
                    }""");
            assertThatJson(host.get("/api/v1/products").body()).as("nothing was created").node("total")
                    .isEqualTo(JSON.readTree(productsBefore).get("total"));
        }

        @Test
        void withAWrongCsrfTokenAreA403() throws Exception {
            // when
            HttpResponse<String> wrong = createProduct("guess");

            // then
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThatJson(wrong.body()).node("type").isEqualTo("https://shoplink.dev/problems/csrf-token-wrong");
            assertThatJson(host.get("/api/v1/products").body()).as("nothing was created").node("total")
                    .isEqualTo(JSON.readTree(productsBefore).get("total"));
        }

        @Test
        void withTheCsrfTokenAreMade() throws Exception {
            // when
            HttpResponse<String> ok = createProduct(s.csrf);

            // then
            assertThat(ok.statusCode()).isEqualTo(201);
            assertThat(host.delete("/api/v1/products/" + JSON.readTree(ok.body()).get("id").asLong()).status()).isEqualTo(200);
        }
    }

    @Test
    void signingOutTakesTheCsrfToken() throws Exception {
        // given
        Signed s = signIn();

        // when
        HttpResponse<String> noCsrf = send(request("/api/v1/session").header("Cookie", s.cookie).DELETE());

        // then
        assertThat(noCsrf.statusCode()).isEqualTo(403);
    }

    /** A session signed out. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SignedOut {
        Signed s;
        HttpResponse<String> out;

        @BeforeAll
        void signOut() throws Exception {
            s = signIn();
            out = send(request("/api/v1/session").header("Cookie", s.cookie).header("X-CSRF-Token", s.csrf).DELETE());
        }

        @Test
        void clearsTheCookie() {
            assertThat(out.statusCode()).isEqualTo(204);
            assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("shoplink_session=;").contains("Max-Age=0");
        }

        @Test
        void theOldCookieGetsA401SayingTheSessionHasEnded() throws Exception {
            // when
            HttpResponse<String> after = send(request("/api/v1/orders").header("Cookie", s.cookie).GET());

            // then
            assertThat(after.statusCode()).isEqualTo(401);
            assertThatJson(after.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"detail": "${json-unit.regex}.*session has ended.*"}""");
        }
    }

    /** The admin token as a bearer, as before sessions. */
    @Nested
    class BearerToken {
        @Test
        void keepsWorkingAloneWithoutACsrfToken() {
            assertThat(host.get("/api/v1/orders").status()).isEqualTo(200);
            assertThat(host.post("/api/v1/products", PRODUCT.replace("Nyeri", "Kirinyaga")).status())
                    .as("no CSRF token with the bearer").isEqualTo(201);
        }

        @Test
        void isNamedAsTheWayInWithoutACsrfToken() {
            // when
            String who = host.get("/api/v1/session").body();

            // then
            assertThatJson(who).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"authenticatedBy": "bearer"}""");
            assertThatJson(who).isObject().doesNotContainKey("csrfToken");
        }

        @Test
        void aWrongOneIsRefusedEvenBesideAGoodCookie() throws Exception {
            // given
            Signed s = signIn();

            // when
            HttpResponse<String> r = send(request("/api/v1/orders").header("Cookie", s.cookie)
                    .header("Authorization", "Bearer nope").GET());

            // then
            assertThat(r.statusCode()).isEqualTo(401);
        }

        @Test
        void withNeitherItNorACookieA401NamesBothWaysIn() throws Exception {
            // when
            HttpResponse<String> none = send(request("/api/v1/orders").GET());

            // then
            assertThat(none.statusCode()).isEqualTo(401);
            assertThatJson(none.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"detail": "${json-unit.regex}.*Authorization: Bearer.*POST /api/v1/session.*"}""");
        }
    }

    /** The session store itself, on a clock the test moves. */
    @Nested
    class Expiry {
        static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
        final Instant[] now = {T0};
        final Sessions sessions = new Sessions(new Clock() {
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
        });

        /** Uses {@code busy} every 11 hours for the week after T0, to its last 11-hour step. */
        void useEveryElevenHoursForAWeek(Sessions.Session busy) {
            for (int hour = 0; hour < 7 * 24 - 1; hour += 11) {
                now[0] = T0.plus(Duration.ofHours(hour));
                assertThat(sessions.touch(busy.id())).as("used every 11 hours, hour " + hour).isPresent();
            }
        }

        @Test
        void aSessionUsedEveryElevenHoursLivesAndOneUnusedForTwelveEnds() {
            // given
            Sessions.Session idle = sessions.open();
            Sessions.Session busy = sessions.open();

            // when
            useEveryElevenHoursForAWeek(busy);

            // then
            assertThat(sessions.touch(idle.id())).as("12 hours without use").isEmpty();
        }

        @Test
        void aSessionEndsSevenDaysAfterSignInHoweverUsed() {
            // given
            Sessions.Session busy = sessions.open();
            useEveryElevenHoursForAWeek(busy);

            // when
            now[0] = Instant.parse("2026-01-08T00:00:00Z");

            // then
            assertThat(sessions.touch(busy.id())).as("7 days after sign-in").isEmpty();
        }

        @Test
        void noIdOrAnUnknownOneFindsNoSession() {
            assertThat(sessions.touch(null)).isEmpty();
            assertThat(sessions.touch("unknown")).isEmpty();
        }

        @Test
        void atTheLimitTheLeastRecentlyUsedSessionIsPushedOut() {
            // given
            Sessions.Session first = sessions.open();
            Sessions.Session used = sessions.open();

            // when
            for (int i = 2; i < Sessions.MAX_SESSIONS + 5; i++) {
                sessions.open();
                if (i == Sessions.MAX_SESSIONS - 1) {
                    assertThat(sessions.touch(used.id())).as("in use when the limit is reached").isPresent();
                }
            }

            // then
            assertThat(sessions.size()).isEqualTo(Sessions.MAX_SESSIONS);
            assertThat(sessions.touch(first.id())).as("the least recently used session was pushed out").isEmpty();
            assertThat(sessions.touch(used.id())).as("a session used since stays").isPresent();
        }

        @Test
        void aSessionsTextShowsNeitherItsIdNorItsCsrfToken() {
            // given
            Sessions.Session idle = sessions.open();
            Sessions.Session busy = sessions.open();

            // then
            assertThat(List.of(idle.toString(), busy.toString()))
                    .noneMatch(t -> t.contains(busy.id()) || t.contains(busy.csrfToken()));
        }
    }

    private record Signed(String cookie, String csrf) {
    }

    private Signed signIn() throws Exception {
        HttpResponse<String> in = send(request("/api/v1/session").header("Authorization", "Bearer " + TestHost.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(in.statusCode()).isEqualTo(201);
        return new Signed(cookieOf(in), csrfOf(in));
    }

    private static String csrfOf(HttpResponse<String> signIn) throws IOException {
        return JSON.readTree(signIn.body()).get("csrfToken").asText();
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

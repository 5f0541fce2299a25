package dev.shoplink.host.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_ARRAY_ORDER;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.TestHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The setup form end to end: real host, real ShipStation plugin, the ShipStation stub answering its credential check
 * (ShipStation's own rejections, plan refusal and outages, as the shipped connector reads them).
 */
class IntegrationApiE2ETest {
    static final String KEY = "key-0123456789abcdef";
    static final String SECRET = "secret-KNOWN-9f8e7d6c5b4a";
    static final String NEW_SECRET = "secret-ROTATED-11223344";
    static final String INTEGRATIONS = "/api/v1/integrations";

    @TempDir
    static Path dir;
    static ShipStationStub shop;
    static TestHost host;
    /** The account behind the known key and secret, and the same key with the rotated secret. */
    static ShipStationStub.Account known;
    static ShipStationStub.Account rotatedKeys;

    @BeforeAll
    static void start() {
        shop = new ShipStationStub();
        host = TestHost.start(dir, shop.baseUrl());
    }

    @AfterAll
    static void stop() {
        host.close();
        shop.close();
    }

    /** Also called by the nested classes' setup, which runs before the first of their tests' {@code @BeforeEach}. */
    @BeforeEach
    void shopAcceptsTheKnownKeys() {
        acceptOnlyTheKnownKeys();
    }

    static void acceptOnlyTheKnownKeys() {
        shop.reset();
        known = shop.account(KEY, SECRET);
        rotatedKeys = shop.account(KEY, NEW_SECRET);
    }

    static Map<String, Object> form(String name, String shopUrl, String secret, LocalDate start) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", "shipstation");
        body.put("name", name);
        body.put("customerType", "RETAIL");
        body.put("shopUrl", shopUrl);
        body.put("credentials", Map.of("apiKey", KEY, "apiSecret", secret));
        body.put("syncStartDate", start.toString());
        return body;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Creates an integration with the known keys; returns its id. */
    static long created(String name, String shopUrl) {
        TestHost.Response r = host.post(INTEGRATIONS, form(name, shopUrl, SECRET, today()));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static String path(long id) {
        return INTEGRATIONS + "/" + id;
    }

    /**
     * Sends a POST to the integrations whose head announces {@code contentLength} bytes, then only {@code firstBytes}
     * of them; returns the status line of the answer, which must come before the client sends the rest.
     */
    static String statusLineOfAnUnfinishedUpload(String authorization, long contentLength, String firstBytes)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", host.app().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + INTEGRATIONS + " HTTP/1.1\r\nHost: localhost\r\n" + authorization
                    + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n" + firstBytes)
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** One integration created with good keys. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CreatedWithGoodKeys {
        TestHost.Response created;
        long id;
        List<LoggedRequest> credentialChecks;

        @BeforeAll
        void create() {
            // given
            acceptOnlyTheKnownKeys();

            // when
            created = host.post(INTEGRATIONS, form("Main store", "https://main.example.com", SECRET, today().minusDays(3)));

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = created.json().get("id").asLong();
            credentialChecks = known.requests("/accounts/listtags");
        }

        @Test
        void answersTheConnectedIntegrationWithItsSecretMasked() {
            assertThatJson(created.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {
                      "id": "${json-unit.any-number}",
                      "connector": "shipstation",
                      "name": "Main store",
                      "status": "CONNECTED",
                      "syncStartDateLocked": false,
                      "syncStartDate": "%s",
                      "createdAt": "${json-unit.regex}[0-9]{4}-[0-9]{2}-[0-9]{2}T.*Z",
                      "credentials": {"apiSecret": "••••5b4a"}
                    }""".formatted(today().minusDays(3)));
            assertThatJson(created.body()).node("id").asNumber().isPositive();
            assertThat(created.body()).doesNotContain(SECRET).doesNotContain(KEY);
        }

        @Test
        void checkedTheKnownKeysWithTheShop() {
            assertThat(credentialChecks).as("the credential check with the known keys").isNotEmpty();
        }

        @Test
        void neverShowsTheSecretWhenReadAgain() {
            assertThat(host.get(path(id)).body()).doesNotContain(SECRET);
        }

        @Test
        void appearsInTheOverviewWithItsCounts() {
            JsonNode overview = host.get(INTEGRATIONS).json();

            assertThatJson(overview).node("total").asNumber().isGreaterThanOrEqualTo(java.math.BigDecimal.ONE);
            assertThatJson(overview).node("items[0].counts").isObject().containsKey("listingsNew");
        }

        @Test
        void leavesTheSecretInNoDatabaseFileAndNoLogLine() throws IOException {
            try (Stream<Path> files = Files.walk(host.app().config().dataDir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertThat(content).as(f.toString()).doesNotContain(SECRET);
                }
            }
            try (Stream<Path> reports = Files.list(Path.of("target/surefire-reports"))) {
                for (Path f : reports.filter(p -> p.toString().endsWith("-output.txt")).toList()) {
                    assertThat(Files.readString(f)).doesNotContain(SECRET);
                }
            } catch (NoSuchFileException firstRun) {
                // no captured output yet
            }
        }
    }

    @Test
    void rejectedKeysAreA422AndNothingIsStored() {
        // given
        long before = host.get(INTEGRATIONS).json().get("total").asLong();

        // when
        TestHost.Response r = host.post(INTEGRATIONS, form("Bad keys", "https://bad.example.com", "wrong", today()));

        // then
        assertThat(r.status()).isEqualTo(422);
        assertThatJson(r.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {
                  "type": "https://shoplink.dev/problems/invalid-credentials",
                  "status": 422,
                  "detail": "${json-unit.regex}.*ShipStation rejected the credentials.*"
                }""");
        assertThatJson(host.get(INTEGRATIONS).body()).node("total").isEqualTo(before);
    }

    @Test
    void aPlanWithoutApiAccessIsA422ThatNamesTheScalePlan() {
        // given
        known.answersAlways("/accounts/listtags", aResponse().withStatus(402).withBody("Payment Required"));

        // when
        TestHost.Response r = host.post(INTEGRATIONS, form("Starter", "https://starter.example.com", SECRET, today()));

        // then
        assertThat(r.status()).isEqualTo(422);
        assertThatJson(r.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"type": "https://shoplink.dev/problems/api-access-denied", "status": 422, "detail": "${json-unit.regex}.*Scale.*"}""");
    }

    @Test
    void aShopAnswering503IsA502ShopUnavailable() {
        // given
        known.answersAlways("/accounts/listtags", aResponse().withStatus(503).withBody("maintenance"));

        // when
        TestHost.Response down = host.post(INTEGRATIONS, form("Down", "https://down.example.com", SECRET, today()));

        // then
        assertThat(down.status()).isEqualTo(502);
        assertThatJson(down.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"type": "https://shoplink.dev/problems/shop-unavailable", "status": 502}""");
    }

    @Test
    void aShopResettingTheConnectionIsA502() {
        // given
        known.answersAlways("/accounts/listtags", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        // when
        TestHost.Response reset = host.post(INTEGRATIONS, form("Reset", "https://reset.example.com", SECRET, today()));

        // then
        assertThat(reset.status()).isEqualTo(502);
    }

    @Test
    void reportsEveryInvalidFieldAtOnceWithoutAskingTheShop() {
        // given
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", "shipstation");
        body.put("name", "  ");
        body.put("customerType", "FRIENDS");
        body.put("shopUrl", "shop.example.com");
        body.put("credentials", Map.of("apiKey", KEY, "accessToken", "shopify-style"));
        body.put("syncStartDate", today().plusDays(1).toString());

        // when
        TestHost.Response r = host.post(INTEGRATIONS, body);

        // then
        assertThat(r.status()).isEqualTo(422);
        assertThatJson(r.body()).when(IGNORING_EXTRA_FIELDS, IGNORING_ARRAY_ORDER).isEqualTo("""
                {
                  "type": "https://shoplink.dev/problems/validation",
                  "errors": [
                    {"field": "name"},
                    {"field": "customerType"},
                    {"field": "shopUrl"},
                    {"field": "credentials.accessToken"},
                    {"field": "credentials.apiSecret"},
                    {"field": "syncStartDate"}
                  ]
                }""");
        assertThat(shop.requests("/accounts/listtags")).as("no credential check").isEmpty();
    }

    @Test
    void theStartDateMayLieThirtyDaysBack() {
        // when
        TestHost.Response r = host.post(INTEGRATIONS, form("Thirty", "https://thirty.example.com", SECRET, today().minusDays(30)));

        // then
        assertThat(r.status()).as("%s", r).isEqualTo(201);
    }

    @Test
    void theStartDateMayNotLieThirtyOneDaysBack() {
        // when
        TestHost.Response tooOld = host.post(INTEGRATIONS, form("Thirty-one", "https://thirty-one.example.com",
                SECRET, today().minusDays(31)));

        // then
        assertThat(tooOld.status()).isEqualTo(422);
        assertThatJson(tooOld.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"errors": [{"field": "syncStartDate", "message": "${json-unit.regex}.*30 days.*"}]}""");
    }

    /** Input the form cannot take, and the answers that say what to change. */
    @Nested
    class BadInput {
        @ParameterizedTest
        @ValueSource(strings = {"{\"name\": ", "[1,2]", ""})
        void aBodyThatIsNoJsonObjectIsA400(String body) {
            // when
            TestHost.Response r = host.post(INTEGRATIONS, body);

            // then
            assertThat(r.status()).isEqualTo(400);
        }

        @Test
        void fieldsOfTheWrongTypeNameTheTypeExpected() {
            // given
            Map<String, Object> wrongTypes = form("Types", "https://types.example.com", SECRET, today());
            wrongTypes.put("name", 42);
            wrongTypes.put("credentials", "key:secret");

            // when
            TestHost.Response types = host.post(INTEGRATIONS, wrongTypes);

            // then
            assertThat(types.status()).isEqualTo(422);
            assertThatJson(types.body()).when(IGNORING_EXTRA_FIELDS, IGNORING_ARRAY_ORDER).isEqualTo("""
                    {"errors": [{"field": "name", "message": "must be a string"}, {"field": "credentials", "message": "must be an object"}]}""");
        }

        /** The good form with one field set to {@code value} (left out if null), and the error the answer must carry. */
        record OneFieldWrong(String what, String field, Object value, String error) {
            @Override
            public String toString() {
                return what;
            }
        }

        static Stream<OneFieldWrong> oneFieldWrong() {
            return Stream.of(
                    new OneFieldWrong("an impossible date", "syncStartDate", "2026-02-30", """
                            {"field": "syncStartDate", "message": "${json-unit.regex}.*2026-02-30.*"}"""),
                    new OneFieldWrong("no credentials", "credentials", null, """
                            {"field": "credentials"}"""),
                    new OneFieldWrong("an unknown connector", "connector", "etsy", """
                            {"field": "connector", "message": "${json-unit.regex}unknown connector 'etsy'; available: .*shipstation.*"}"""));
        }

        @ParameterizedTest
        @MethodSource("oneFieldWrong")
        void oneWrongFieldIsNamedWithWhatIsWrong(OneFieldWrong wrong) {
            // given
            Map<String, Object> body = form("One wrong", "https://one-wrong.example.com", SECRET, today());
            if (wrong.value() == null) {
                body.remove(wrong.field());
            } else {
                body.put(wrong.field(), wrong.value());
            }

            // when
            TestHost.Response r = host.post(INTEGRATIONS, body);

            // then
            assertThatJson(r.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": 422, "errors": [%s]}""".formatted(wrong.error()));
        }

        @Test
        void unknownTopLevelFieldsAreIgnoredSoNewerClientsWork() {
            // given
            Map<String, Object> extra = form("Extra fields", "https://extra.example.com", SECRET, today());
            extra.put("color", "blue");

            // when
            TestHost.Response r = host.post(INTEGRATIONS, extra);

            // then
            assertThat(r.status()).isEqualTo(201);
        }

        @Test
        void tenMegabytesAnnouncedAreRefusedBeforeTheBodyIsRead() throws IOException {
            // when the client has sent only its first bytes (an upload racing the server's close made the answer a coin toss)
            String status = statusLineOfAnUnfinishedUpload("Authorization: Bearer " + TestHost.TOKEN + "\r\n",
                    10 * 1024 * 1024, "{\"name\":\"xxxx");

            // then
            assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        }
    }

    /** A name in several scripts that looks like SQL. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UnicodeAndSqlLookingName {
        static final String NAME = "Röstерei 北京 '); drop table integration; --";
        long id;

        @BeforeAll
        void create() {
            acceptOnlyTheKnownKeys();
            id = created(NAME, "https://unicode.example.com");
        }

        @Test
        void isStoredVerbatim() {
            // when
            JsonNode read = host.get(path(id)).json();

            // then
            assertThatJson(read).node("name").isEqualTo(NAME);
        }

        @Test
        void isTakenWhateverTheCase() {
            // when
            TestHost.Response duplicate = host.post(INTEGRATIONS, form(NAME.toUpperCase(), "https://unicode2.example.com",
                    SECRET, today()));

            // then
            assertThat(duplicate.status()).isEqualTo(422);
            assertThatJson(duplicate.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"errors": [{"field": "name"}]}""");
        }
    }

    @Test
    void aClientWithoutTheTokenGetsItsUnauthorizedBeforeItsUploadIsRead() throws IOException {
        // when a client without the token announces 2 MB (over the 1 MiB limit) and sends a few bytes
        String status = statusLineOfAnUnfinishedUpload("", 2_000_000, "{\"name\":");

        // then the token is checked first: a 401, not a 413, and not a wait for the rest of the body
        assertThat(status).isEqualTo("HTTP/1.1 401 Unauthorized");
    }

    @Test
    void noLogLineAtAnyLevelCarriesAKeyOrSecret() {
        // given every logger that is not pinned logs everything (Jdbi, H2, Hikari, the host's own; the test configuration
        // logs at WARN), so a secret in a DEBUG line would show
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(ch.qos.logback.classic.Level.ALL);
        String rejected = "rejected-secret-9d1e";

        // when an integration is created, its keys rotated (rejected, then accepted), and it is disconnected
        try {
            long id = created("Logged store", "https://logged.example.com");
            assertThat(host.patch(path(id), Map.of("credentials", Map.of("apiSecret", rejected))).status()).isEqualTo(422);
            assertThat(host.patch(path(id), Map.of("credentials", Map.of("apiSecret", NEW_SECRET))).status()).isEqualTo(200);
            assertThat(host.delete(path(id)).status()).isEqualTo(200);
        } finally {
            root.detachAppender(captured);
            root.setLevel(level);
        }

        // then
        assertThat(captured.list).as("something was logged").isNotEmpty();
        for (var event : captured.list) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getMessage());
            }
            assertThat(text.toString()).as(event.getLoggerName()).doesNotContain(SECRET).doesNotContain(NEW_SECRET)
                    .doesNotContain(rejected).doesNotContain(KEY);
        }
    }

    /** Changing an integration's keys and fields. */
    @Nested
    class Editing {
        @Test
        void keysTheShopRejectsAreA422AndTheOldOnesStay() {
            // given
            long id = created("Rotating", "https://rotate.example.com");

            // when
            TestHost.Response rejected = host.patch(path(id), Map.of("credentials", Map.of("apiSecret", "nope-nope-nope")));

            // then
            assertThat(rejected.status()).isEqualTo(422);
            assertThatJson(host.get(path(id)).body()).node("credentials.apiSecret").isEqualTo("••••5b4a");
        }

        @Test
        void keysTheShopAcceptsReplaceTheOldOnesWithTheOtherFields() {
            // given
            long id = created("Rotating twice", "https://rotate-twice.example.com");

            // when
            TestHost.Response rotated = host.patch(path(id),
                    Map.of("credentials", Map.of("apiSecret", NEW_SECRET), "name", "Rotated", "customerType", "WHOLESALE"));

            // then
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            assertThatJson(rotated.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"id": %d, "credentials": {"apiSecret": "••••3344"}, "name": "Rotated", "customerType": "WHOLESALE"}"""
                    .formatted(id));
            assertThat(rotatedKeys.requests("/accounts/listtags")).as("the credential check with the rotated secret").isNotEmpty();
        }

        @Test
        void aStartDateFortyDaysBackIsA422() {
            // given
            long id = created("Moving back", "https://moving-back.example.com");

            // when
            TestHost.Response r = host.patch(path(id), Map.of("syncStartDate", today().minusDays(40).toString()));

            // then
            assertThat(r.status()).isEqualTo(422);
        }

        @Test
        void anUnknownIntegrationIsA404() {
            // when
            TestHost.Response r = host.patch(path(999999), Map.of("name", "x"));

            // then
            assertThat(r.status()).isEqualTo(404);
        }

        @Test
        void aFieldSentEmptyIsRejectedAndChangesNothing() {
            // given
            long id = created("Blank patch", "https://blank.example.com");
            JsonNode before = host.get(path(id)).json();

            // when
            TestHost.Response r = host.patch(path(id), Map.of("name", "", "shopUrl", " ", "customerType", "",
                    "syncStartDate", "", "credentials", Map.of("apiSecret", "")));

            // then
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThatJson(r.body()).when(IGNORING_EXTRA_FIELDS, IGNORING_ARRAY_ORDER).isEqualTo("""
                    {
                      "errors": [
                        {"field": "name", "message": "must not be empty"},
                        {"field": "shopUrl", "message": "must not be empty"},
                        {"field": "customerType", "message": "must not be empty"},
                        {"field": "syncStartDate", "message": "must not be empty"},
                        {"field": "credentials.apiSecret", "message": "must not be empty"}
                      ]
                    }""");
            assertThatJson(host.get(path(id)).body()).isEqualTo(before);
        }
    }

    /** An integration disconnected. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Disconnected {
        long id;
        TestHost.Response gone;

        @BeforeAll
        void disconnect() {
            // given
            acceptOnlyTheKnownKeys();
            id = created("Leaving", "https://leaving.example.com");

            // when
            gone = host.delete(path(id));
        }

        @Test
        void answersWhatItArchived() {
            assertThat(gone.status()).isEqualTo(200);
            assertThatJson(gone.body()).isObject().containsKey("ordersArchived");
        }

        @Test
        void isShownDisconnectedWithoutCredentials() {
            JsonNode read = host.get(path(id)).json();

            assertThatJson(read).node("status").isEqualTo("DISCONNECTED");
            assertThatJson(read).node("credentials").isObject().isEmpty();
        }

        @Test
        void canBeNeitherChangedNorDisconnectedAgain() {
            assertThat(host.patch(path(id), Map.of("name", "again")).status()).isEqualTo(404);
            assertThat(host.delete(path(id)).status()).isEqualTo(404);
        }

        @Test
        void isListedOnlyWhenDisconnectedOnesAreAskedFor() {
            assertThat(host.get(INTEGRATIONS).json().get("items").findValuesAsText("name")).doesNotContain("Leaving");
            assertThat(host.get(INTEGRATIONS + "?includeDisconnected=true").json().get("items").findValuesAsText("name"))
                    .contains("Leaving");
        }
    }

    /** A shop disconnected, then connected again with new keys under the same name. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Reconnected {
        long old;
        TestHost.Response back;

        @BeforeAll
        void reconnect() {
            // given
            acceptOnlyTheKnownKeys();
            old = created("Returning", "https://returning.example.com");
            assertThat(host.delete(path(old)).status()).isEqualTo(200);

            // when the same shop, spelled differently, and the same name
            back = host.post(INTEGRATIONS, form("Returning", "https://www.Returning.example.com/", NEW_SECRET, today()));
        }

        @Test
        void isANewIntegration() {
            assertThat(back.status()).as(back.body()).isEqualTo(201);
            assertThatJson(back.body()).node("id").isNotEqualTo(old);
        }

        @Test
        void cannotBeConnectedTwiceAtOnce() {
            // when
            TestHost.Response twice = host.post(INTEGRATIONS, form("Twice", "https://returning.example.com", SECRET, today()));

            // then
            assertThat(twice.status()).isEqualTo(422);
            assertThatJson(twice.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"errors": [{"field": "shopUrl"}]}""");
        }
    }
}

package dev.shoplink.host.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.TestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup form end to end: real host, real ShipStation plugin, the ShipStation stub answering its credential check
 * (ShipStation's own rejections, plan refusal and outages, as the shipped connector reads them).
 */
class IntegrationApiE2ETest {
    static final String KEY = "key-0123456789abcdef";
    static final String SECRET = "secret-KNOWN-9f8e7d6c5b4a";
    static final String NEW_SECRET = "secret-ROTATED-11223344";

    @TempDir
    static Path dir;
    static ShipStationStub shop;
    static TestHost host;
    /** The account behind the known key and secret, and the same key with the rotated secret. */
    ShipStationStub.Account known;
    ShipStationStub.Account rotatedKeys;

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

    @BeforeEach
    void shopAcceptsTheKnownKeys() {
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

    @Test
    void createsWithGoodKeysAndNeverShowsTheSecret() throws IOException {
        TestHost.Response created = host.post("/api/v1/integrations",
                form("Main store", "https://main.example.com", SECRET, today().minusDays(3)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode i = created.json();
        assertThat(i.get("id").asLong()).isPositive();
        assertThat(i.get("connector").asText()).isEqualTo("shipstation");
        assertThat(i.get("status").asText()).isEqualTo("CONNECTED");
        assertThat(i.get("syncStartDateLocked").asBoolean()).isFalse();
        assertThat(i.get("syncStartDate").asText()).isEqualTo(today().minusDays(3).toString());
        assertThat(i.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(i.get("credentials").get("apiSecret").asText()).isEqualTo("••••5b4a");
        assertThat(created.body()).doesNotContain(SECRET).doesNotContain(KEY);
        assertThat(known.requests("/accounts/listtags")).as("the credential check with the known keys").isNotEmpty();

        assertThat(host.get("/api/v1/integrations/" + i.get("id").asLong()).body()).doesNotContain(SECRET);
        JsonNode overview = host.get("/api/v1/integrations").json();
        assertThat(overview.get("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("items").get(0).get("counts").has("listingsNew")).isTrue();

        // the secret is in no database file and no log line
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
        } catch (java.nio.file.NoSuchFileException firstRun) {
            // no captured output yet
        }
    }

    @Test
    void rejectedKeysAreA422AndNothingIsStored() {
        long before = host.get("/api/v1/integrations").json().get("total").asLong();
        TestHost.Response r = host.post("/api/v1/integrations", form("Bad keys", "https://bad.example.com", "wrong", today()));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asText()).endsWith("/invalid-credentials");
        assertThat(r.json().get("detail").asText()).contains("ShipStation rejected the credentials");
        assertThat(host.get("/api/v1/integrations").json().get("total").asLong()).isEqualTo(before);
    }

    @Test
    void aPlanWithoutApiAccessIsA422ThatNamesTheScalePlan() {
        known.answersAlways("/accounts/listtags", aResponse().withStatus(402).withBody("Payment Required"));
        TestHost.Response r = host.post("/api/v1/integrations", form("Starter", "https://starter.example.com", SECRET, today()));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asText()).endsWith("/api-access-denied");
        assertThat(r.json().get("detail").asText()).contains("Scale");
    }

    @Test
    void aShopThatIsDownIsA502WithTheCause() {
        known.answersAlways("/accounts/listtags", aResponse().withStatus(503).withBody("maintenance"));
        TestHost.Response down = host.post("/api/v1/integrations", form("Down", "https://down.example.com", SECRET, today()));
        assertThat(down.status()).isEqualTo(502);
        assertThat(down.json().get("type").asText()).endsWith("/shop-unavailable");

        known.answersAlways("/accounts/listtags", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(host.post("/api/v1/integrations", form("Reset", "https://reset.example.com", SECRET, today())).status())
                .isEqualTo(502);
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", "shipstation");
        body.put("name", "  ");
        body.put("customerType", "FRIENDS");
        body.put("shopUrl", "shop.example.com");
        body.put("credentials", Map.of("apiKey", KEY, "accessToken", "shopify-style"));
        body.put("syncStartDate", today().plusDays(1).toString());
        TestHost.Response r = host.post("/api/v1/integrations", body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asText()).endsWith("/validation");
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "name", "customerType", "shopUrl", "credentials.accessToken", "credentials.apiSecret", "syncStartDate");
        assertThat(shop.requests("/accounts/listtags")).as("no credential check").isEmpty();
    }

    @Test
    void theStartDateMayLieThirtyDaysBackButNotThirtyOne() {
        assertThat(host.post("/api/v1/integrations", form("Thirty", "https://thirty.example.com", SECRET,
                today().minusDays(30))).status()).isEqualTo(201);
        TestHost.Response tooOld = host.post("/api/v1/integrations", form("Thirty-one", "https://thirty-one.example.com",
                SECRET, today().minusDays(31)));
        assertThat(tooOld.status()).isEqualTo(422);
        assertThat(tooOld.json().get("errors").get(0).get("field").asText()).isEqualTo("syncStartDate");
        assertThat(tooOld.json().get("errors").get(0).get("message").asText()).contains("30 days");
    }

    @Test
    void badInputGetsAnActionableAnswer() {
        assertThat(host.post("/api/v1/integrations", "{\"name\": ").status()).isEqualTo(400);
        assertThat(host.post("/api/v1/integrations", "[1,2]").status()).isEqualTo(400);
        assertThat(host.post("/api/v1/integrations", "").status()).isEqualTo(400);

        Map<String, Object> wrongTypes = form("Types", "https://types.example.com", SECRET, today());
        wrongTypes.put("name", 42);
        wrongTypes.put("credentials", "key:secret");
        TestHost.Response types = host.post("/api/v1/integrations", wrongTypes);
        assertThat(types.status()).isEqualTo(422);
        assertThat(types.json().get("errors").findValuesAsText("message")).contains("must be a string", "must be an object");

        Map<String, Object> impossibleDate = form("Date", "https://date.example.com", SECRET, today());
        impossibleDate.put("syncStartDate", "2026-02-30");
        TestHost.Response date = host.post("/api/v1/integrations", impossibleDate);
        assertThat(date.status()).isEqualTo(422);
        assertThat(date.json().get("errors").get(0).get("message").asText()).contains("2026-02-30");

        Map<String, Object> noCredentials = form("NoCreds", "https://nocreds.example.com", SECRET, today());
        noCredentials.remove("credentials");
        assertThat(host.post("/api/v1/integrations", noCredentials).json().get("errors").get(0).get("field").asText())
                .isEqualTo("credentials");

        Map<String, Object> unknownConnector = form("Other", "https://other.example.com", SECRET, today());
        unknownConnector.put("connector", "etsy");
        assertThat(host.post("/api/v1/integrations", unknownConnector).json().get("errors").get(0).get("message").asText())
                .contains("unknown connector 'etsy'").contains("shipstation");

        // unknown top-level fields are ignored (documented), so newer clients work with this host
        Map<String, Object> extra = form("Extra fields", "https://extra.example.com", SECRET, today());
        extra.put("color", "blue");
        assertThat(host.post("/api/v1/integrations", extra).status()).isEqualTo(201);

        // 10 MB announced by Content-Length: refused before the body is read, so the answer comes while the client has
        // sent only its first bytes (an upload racing the server's close made the answer a coin toss)
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", host.app().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/integrations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestHost.TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + (10 * 1024 * 1024)
                    + "\r\n\r\n{\"name\":\"xxxx").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void storesUnicodeAndSqlLookingNamesVerbatim() {
        String name = "Röstерei 北京 '); drop table integration; --";
        TestHost.Response r = host.post("/api/v1/integrations", form(name, "https://unicode.example.com", SECRET, today()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(host.get("/api/v1/integrations/" + r.json().get("id").asLong()).json().get("name").asText()).isEqualTo(name);
        TestHost.Response duplicate = host.post("/api/v1/integrations", form(name.toUpperCase(), "https://unicode2.example.com", SECRET, today()));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
    }

    @Test
    void aClientWithoutTheTokenGetsItsUnauthorizedBeforeItsUploadIsRead() throws IOException {
        // announced as 2 MB (over the 1 MiB limit), sent as a few bytes: the token is checked first, so the answer is a
        // 401 (not a 413, and not a wait for the rest of the body)
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", host.app().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/integrations HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{\"name\":").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }

    @Test
    void noLogLineAtAnyLevelCarriesAKeyOrSecret() {
        // the test configuration logs at WARN; here every logger that is not pinned logs everything (Jdbi, H2,
        // Hikari, the host's own), so a secret in a DEBUG line would show
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(ch.qos.logback.classic.Level.ALL);
        String rejected = "rejected-secret-9d1e";
        try {
            long id = host.post("/api/v1/integrations", form("Logged store", "https://logged.example.com", SECRET, today()))
                    .json().get("id").asLong();
            assertThat(host.patch("/api/v1/integrations/" + id, Map.of("credentials", Map.of("apiSecret", rejected))).status())
                    .isEqualTo(422);
            assertThat(host.patch("/api/v1/integrations/" + id, Map.of("credentials", Map.of("apiSecret", NEW_SECRET))).status())
                    .isEqualTo(200);
            assertThat(host.delete("/api/v1/integrations/" + id).status()).isEqualTo(200);
        } finally {
            root.detachAppender(captured);
            root.setLevel(level);
        }
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

    @Test
    void rotatesKeysOnlyWhenTheShopAcceptsTheNewOnes() {
        long id = host.post("/api/v1/integrations", form("Rotating", "https://rotate.example.com", SECRET, today()))
                .json().get("id").asLong();

        TestHost.Response rejected = host.patch("/api/v1/integrations/" + id, Map.of("credentials", Map.of("apiSecret", "nope-nope-nope")));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(host.get("/api/v1/integrations/" + id).json().get("credentials").get("apiSecret").asText()).isEqualTo("••••5b4a");

        TestHost.Response rotated = host.patch("/api/v1/integrations/" + id,
                Map.of("credentials", Map.of("apiSecret", NEW_SECRET), "name", "Rotated", "customerType", "WHOLESALE"));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("credentials").get("apiSecret").asText()).isEqualTo("••••3344");
        assertThat(rotated.json().get("name").asText()).isEqualTo("Rotated");
        assertThat(rotated.json().get("customerType").asText()).isEqualTo("WHOLESALE");
        assertThat(rotatedKeys.requests("/accounts/listtags")).as("the credential check with the rotated secret").isNotEmpty();

        assertThat(host.patch("/api/v1/integrations/" + id, Map.of("syncStartDate", today().minusDays(40).toString())).status())
                .isEqualTo(422);
        assertThat(host.patch("/api/v1/integrations/999999", Map.of("name", "x")).status()).isEqualTo(404);
    }

    @Test
    void aPatchFieldSentEmptyIsRejectedAndChangesNothing() {
        long id = host.post("/api/v1/integrations", form("Blank patch", "https://blank.example.com", SECRET, today()))
                .json().get("id").asLong();
        JsonNode before = host.get("/api/v1/integrations/" + id).json();
        TestHost.Response r = host.patch("/api/v1/integrations/" + id, Map.of("name", "", "shopUrl", " ", "customerType", "",
                "syncStartDate", "", "credentials", Map.of("apiSecret", "")));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("name", "shopUrl", "customerType", "syncStartDate", "credentials.apiSecret");
        assertThat(r.json().get("errors").findValuesAsText("message")).containsOnly("must not be empty");
        assertThat(host.get("/api/v1/integrations/" + id).json()).isEqualTo(before);
    }

    @Test
    void disconnectForgetsCredentialsAndReconnectIsANewIntegrationForTheSameShop() {
        long id = host.post("/api/v1/integrations", form("Leaving", "https://leaving.example.com", SECRET, today()))
                .json().get("id").asLong();
        TestHost.Response gone = host.delete("/api/v1/integrations/" + id);
        assertThat(gone.status()).isEqualTo(200);
        assertThat(gone.json().has("ordersArchived")).isTrue();

        assertThat(host.get("/api/v1/integrations/" + id).json().get("status").asText()).isEqualTo("DISCONNECTED");
        assertThat(host.get("/api/v1/integrations/" + id).json().get("credentials").size()).isZero();
        assertThat(host.patch("/api/v1/integrations/" + id, Map.of("name", "again")).status()).isEqualTo(404);
        assertThat(host.delete("/api/v1/integrations/" + id).status()).isEqualTo(404);
        assertThat(host.get("/api/v1/integrations").json().get("items").findValuesAsText("name")).doesNotContain("Leaving");
        assertThat(host.get("/api/v1/integrations?includeDisconnected=true").json().get("items").findValuesAsText("name"))
                .contains("Leaving");

        // reconnect with new keys: same shop, same name allowed again, a new integration
        TestHost.Response back = host.post("/api/v1/integrations", form("Leaving", "https://www.Leaving.example.com/", NEW_SECRET, today()));
        assertThat(back.status()).as(back.body()).isEqualTo(201);
        assertThat(back.json().get("id").asLong()).isNotEqualTo(id);

        // but one shop cannot be connected twice at once
        TestHost.Response twice = host.post("/api/v1/integrations", form("Twice", "https://leaving.example.com", SECRET, today()));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.json().get("errors").get(0).get("field").asText()).isEqualTo("shopUrl");
    }
}

package dev.shoplink.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.TestHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile requests over every route the running host registered ({@link
 * dev.shoplink.host.Shoplink#routes()}, so a new route is covered without touching this test), sent on a
 * raw socket so that nothing a client library would refuse or repair is out of reach.
 *
 * <p>Whatever arrives: no answer is a 5xx, and every error answer is {@code application/problem+json}
 * whose {@code status} is the HTTP status.
 */
class HostileRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("\\{[^}/]+}");
    /** A path id no test creates. */
    private static final String UNKNOWN_ID = "987654321";

    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<MemoryShop> running;
    static MemoryShop shop;
    static TestHost host;
    static AdminCalls api;

    @BeforeAll
    static void start() {
        running = HostWithShop.memory(dir);
        shop = running.shop();
        host = running.host();
        api = running.api();
    }

    @Test
    void noHostileRequestIsAnsweredWithA5xxOrWithoutProblemDetails() throws IOException {
        List<String> routes = host.app().routes();
        assertThat(routes).as("the host's registered routes").hasSizeGreaterThan(20);
        List<Case> cases = new ArrayList<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String pattern = route.substring(route.indexOf(' ') + 1);
            cases.addAll(perRoute(method, pattern));
        }
        cases.addAll(protocol());
        // again with ids that exist, so that what a handler does after finding its resource is reached too
        // (no DELETE: a well-formed one would delete; PATCH and POST bodies here are hostile or harmless)
        Map<String, String> ids = existingIds();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String pattern = route.substring(route.indexOf(' ') + 1);
            if (!pattern.contains("{") || method.equals("DELETE")) {
                continue;
            }
            Matcher m = PARAM.matcher(pattern);
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(path, ids.getOrDefault(pattern.substring(0, m.start()) + m.group(), UNKNOWN_ID));
            }
            m.appendTail(path);
            String r = method + " " + pattern + " (existing)";
            if (method.equals("GET")) {
                for (String query : List.of("page=-1&size=-5", "size=abc", "q=%00%ff", "state=BOGUS", "_method=DELETE")) {
                    cases.add(new Case(r + " ?" + query, request(method, path + "?" + query, List.of(), null)));
                }
            } else {
                cases.addAll(bodies(method, path.toString(), r));
                cases.add(new Case(r + " X-HTTP-Method-Override", request(method, path.toString(),
                        List.of("X-HTTP-Method-Override: DELETE", "Content-Length: 0"), null)));
            }
        }

        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Answer a = send(c.request());
            byStatus.merge(a.status(), 1, Integer::sum);
            String problem = a.problemWith();
            if (problem != null) {
                failures.add(c.name() + " → " + problem);
            }
        }
        long fivexx = byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        System.out.println("HostileRequestsTest: " + cases.size() + " hostile requests over " + routes.size()
                + " routes; answers by status " + byStatus + "; " + fivexx + " x 5xx; " + failures.size() + " failed checks");

        failures.forEach(f -> System.out.println("  HOSTILE FAILED " + f));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(250);
        assertThat(failures).as("answers that broke the rules").isEmpty();
        assertThat(fivexx).isZero();
    }

    @Test
    void aMethodOverrideHeaderNeverDisconnectsAnIntegration() throws IOException {
        long id = api.createIntegration(shop.account(), LocalDate.now(ZoneOffset.UTC).minusDays(3));
        String path = "/api/v1/integrations/" + id;
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "x-http-method-override")) {
            Answer a = send(request("POST", path, List.of(header + ": DELETE", "Content-Length: 0"), null));
            assertThat(a.status()).as("POST with %s: DELETE", header).isEqualTo(400);
            assertThat(a.json().get("detail").asText()).contains("is not honoured");
            assertThat(a.problemWith()).isNull();
        }
        Answer viaQuery = send(request("POST", path + "?_method=DELETE", List.of("Content-Length: 0"), null));
        assertThat(viaQuery.status()).as("_method in the query changes nothing").isEqualTo(405);
        Answer viaForm = send(request("POST", path, List.of("Content-Type: application/x-www-form-urlencoded"),
                "_method=DELETE".getBytes(StandardCharsets.UTF_8)));
        assertThat(viaForm.status()).as("_method in a form is not even read").isIn(405, 415);

        JsonNode still = api.integration(id);
        assertThat(still.get("status").asText()).as("still connected").isEqualTo("CONNECTED");
        assertThat(still.get("credentials").size()).as("credentials kept").isPositive();
    }

    @Test
    void errorAndNormalAnswersCarryTheSecurityHeaders() throws IOException {
        for (String target : List.of("/api/v1/system", "/api/v1/nope", "/health/live", "/", "/index.html", "/api/docs", "/nope.js",
                "/api/v1/products/%2e%2e/x")) {
            Answer a = send(request("GET", target, List.of(), null));
            assertThat(a.headers()).as(target + " " + a.status()).containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("x-frame-options", "DENY").containsEntry("referrer-policy", "no-referrer")
                    .containsEntry("content-security-policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
            if (target.startsWith("/api") || target.startsWith("/health") || a.status() >= 400) {
                assertThat(a.headers()).as(target).containsEntry("cache-control", "no-store");
            }
        }
        Answer bad = send("GET /api/v1/system HTTP/9.9\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.headers()).containsEntry("x-content-type-options", "nosniff").containsEntry("cache-control", "no-store");
    }

    @Test
    void bodiesAreJsonInUtf8OrRefusedWithAReason() throws IOException {
        byte[] json = "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        Answer plain = send(request("POST", "/api/v1/products", List.of("Content-Type: text/plain"), json));
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.json().get("detail").asText()).isEqualTo("only application/json request bodies are accepted, got 'text/plain'");
        Answer none = send(request("POST", "/api/v1/products", List.of(), json));
        assertThat(none.status()).isEqualTo(415);
        assertThat(none.json().get("detail").asText()).contains("no Content-Type");
        Answer unknown = send(request("POST", "/api/v1/products", List.of("Content-Type: application/json; charset=klingon"), json));
        assertThat(unknown.status()).isEqualTo(415);
        assertThat(unknown.json().get("detail").asText()).contains("unknown charset 'klingon'");
        Answer utf16 = send(request("POST", "/api/v1/products", List.of("Content-Type: application/json"),
                "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_16LE)));
        assertThat(utf16.status()).isEqualTo(400);
        assertThat(utf16.json().get("detail").asText()).contains("not UTF-8");
        Answer deep = send(request("POST", "/api/v1/products", List.of("Content-Type: application/json"),
                ("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}").getBytes(StandardCharsets.UTF_8)));
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().get("detail").asText()).isEqualTo("the JSON is nested deeper than " + RequestBinder.MAX_DEPTH + " levels");
        Answer suffix = send(request("POST", "/api/v1/products", List.of("Content-Type: application/merge-patch+json; charset=UTF-8"),
                "{\"name\": 5}".getBytes(StandardCharsets.UTF_8)));
        assertThat(suffix.status()).as("a +json type is JSON").isEqualTo(422);

        long id = api.createIntegration(shop.account(), LocalDate.now(ZoneOffset.UTC).minusDays(3));
        Answer emptySync = send(request("POST", "/api/v1/integrations/" + id + "/sync", List.of("Content-Length: 0"), null));
        assertThat(emptySync.status()).as("an empty body needs no Content-Type").isEqualTo(202);
        Answer emptyReload = send(request("POST", "/api/v1/plugins/reload",
                List.of("Content-Type: application/x-www-form-urlencoded", "Content-Length: 0"), null));
        assertThat(emptyReload.status()).as("an empty body's Content-Type is not looked at").isEqualTo(200);
        Answer unknownEmpty = send(request("POST", "/api/v1/integrations/" + id + "/sync",
                List.of("Content-Type: application/json; charset=klingon", "Content-Length: 0"), null));
        assertThat(unknownEmpty.status()).as("but a charset nobody knows is refused even then").isEqualTo(415);
    }

    @Test
    void jettysOwnRefusalsAreProblemDetailsAndNever5xx() throws IOException {
        Answer version = send("GET /api/v1/system HTTP/9.9\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(version.status()).isEqualTo(400);
        assertThat(version.json().get("detail").asText()).contains("HTTP version");
        Answer chunked = send(("POST /api/v1/products HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestHost.TOKEN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(chunked.status()).isEqualTo(400);
        assertThat(chunked.problemWith()).isNull();
        Answer headers = send(request("GET", "/api/v1/system", List.of("X-Big: " + "b".repeat(HttpServer.MAX_HEADER_BYTES)), null));
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.json().get("detail").asText()).contains(HttpServer.MAX_HEADER_BYTES + " bytes");
    }

    // ---- the cases

    /** A route's pattern up to and including a parameter ("/api/v1/integrations/{id}") → an id that exists. */
    private static Map<String, String> existingIds() {
        long integration = api.createIntegration(shop.account(), LocalDate.now(ZoneOffset.UTC).minusDays(3));
        long sync = api.startSync(integration, "products");
        api.awaitFinished(sync);
        TestHost.Response product = host.post("/api/v1/products", Map.of("name", "Hostile " + System.nanoTime(),
                "variants", List.of(Map.of("sku", "HOSTILE-" + System.nanoTime(), "unit", "250 g", "grindStyle", "WHOLE_BEAN"))));
        assertThat(product.status()).as(product.toString()).isEqualTo(201);
        Map<String, String> ids = new java.util.HashMap<>();
        ids.put("/api/v1/integrations/{id}", Long.toString(integration));
        ids.put("/api/v1/syncs/{syncId}", Long.toString(sync));
        ids.put("/api/v1/products/{id}", product.json().get("id").asText());
        ids.put("/api/v1/products/{id}/variants/{variantId}",
                product.json().get("variants").get(0).get("id").asText());
        List<JsonNode> listings = api.listings(integration, "");
        if (!listings.isEmpty()) {
            ids.put("/api/v1/integrations/{id}/listings/{listingId}", listings.get(0).get("id").asText());
        }
        return ids;
    }

    private static List<Case> perRoute(String method, String pattern) {
        List<Case> out = new ArrayList<>();
        String path = PARAM.matcher(pattern).replaceAll(UNKNOWN_ID);
        String r = method + " " + pattern;
        boolean body = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");

        // path parameters that are no ids, or try to leave the route
        List<String> badIds = List.of("abc", "-1", "0", "99999999999999999999", "1.5", "1e3", "%20", "%00", "%2e%2e",
                "..%2F..%2Fsystem", "%2F", "1;x=y", "%F0%9F%92%A5", "%C0%AF", "%ff", "%zz", "%", "1%0d%0aX-Injected:%20yes");
        Matcher m = PARAM.matcher(pattern);
        while (m.find()) {
            for (String bad : badIds) {
                String target = pattern.substring(0, m.start()) + bad + PARAM.matcher(pattern.substring(m.end())).replaceAll(UNKNOWN_ID);
                String p = PARAM.matcher(pattern.substring(0, m.start())).replaceAll(UNKNOWN_ID) + target.substring(m.start());
                out.add(new Case(r + " with path parameter " + bad, request(method, p, List.of("Content-Length: 0"), null)));
            }
        }
        // queries: hostile paging and filters, encodings, an oversized query, a _method override
        for (String query : List.of("page=-1&size=-5", "size=abc", "size=100000", "page=99999999999999999999", "page=0&size=0",
                "size=%zz", "q=%", "q=" + "%41".repeat(1000), "q=%00%ff", "_method=DELETE", "integrationId=abc&status=NOPE&from=no&to=2026-13-45",
                "state=BOGUS&includeDisconnected=maybe", "archiveOpenOrders=perhaps&purge=1", "from=2026-01-01T25:00:00Z",
                "q=" + "x".repeat(7000), "q=" + "x".repeat(20_000), "page=1&page=2&size=1&size=2")) {
            out.add(new Case(r + " ?" + abbreviate(query), request(method, path + "?" + query, List.of("Content-Length: 0"), null)));
        }
        // headers
        for (String header : EdgeHandler.METHOD_OVERRIDE_HEADERS) {
            out.add(new Case(r + " with " + header, request(method, path, List.of(header + ": DELETE", "Content-Length: 0"), null)));
        }
        out.add(new Case(r + " oversized header", request(method, path, List.of("X-Big: " + "b".repeat(20_000)), null)));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add("X-Many-" + i + ": " + "v".repeat(20));
        }
        out.add(new Case(r + " 400 headers", request(method, path, many, null)));
        out.add(new Case(r + " no token", raw(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")));
        out.add(new Case(r + " wrong token", raw(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + "x".repeat(5000) + "\r\nConnection: close\r\n\r\n")));
        // the protocol, per route
        out.add(new Case(r + " HTTP/9.9", raw(method + " " + path + " HTTP/9.9\r\nHost: localhost\r\n\r\n")));
        out.add(new Case(r + " HTTP/2.0 on 1.1", raw(method + " " + path + " HTTP/2.0\r\nHost: localhost\r\n\r\n")));
        out.add(new Case(r + " bad percent-encoding", raw(method + " " + path + "/%zz HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n")));
        out.add(new Case(r + " ambiguous path", raw(method + " " + path.replaceFirst("/v1/", "/v1/%2e%2e/v1/") + " HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\n\r\n")));
        out.add(new Case(r + " traversal", raw(method + " /api/../../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")));

        if (body) {
            out.addAll(bodies(method, path, r));
        }
        return out;
    }

    private static List<Case> bodies(String method, String path, String r) {
        List<Case> out = new ArrayList<>();
        String json = "application/json";
        Map<String, byte[]> sameType = new LinkedHashMap<>();
        sameType.put("nested 1001 deep", utf8("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}"));
        sameType.put("nested 100000 deep", utf8("[".repeat(100_000)));
        sameType.put("nested 65 objects deep", utf8("{\"a\":".repeat(65) + "1" + "}".repeat(65)));
        sameType.put("number of 1001 digits", utf8("{\"id\": " + "7".repeat(1001) + "}"));
        sameType.put("decimal of 5000 digits", utf8("{\"id\": 0." + "3".repeat(5000) + "}"));
        sameType.put("exponent 1e999999999", utf8("{\"id\": 1e999999999, \"integrationId\": -1e-999999999}"));
        sameType.put("key of 50000 characters", utf8("{\"" + "k".repeat(50_000) + "\": 1}"));
        sameType.put("string of 900000 characters", utf8("{\"name\": \"" + "s".repeat(900_000) + "\"}"));
        sameType.put("body of 1.2 MB", utf8("{\"name\": \"" + "s".repeat(1_200_000) + "\"}"));
        sameType.put("truncated", utf8("{\"name\": \"x"));
        sameType.put("truncated after key", utf8("{\"name\""));
        sameType.put("trailing garbage", utf8("{\"name\": \"x\"} xyz"));
        sameType.put("two objects", utf8("{}{}"));
        sameType.put("array", utf8("[1, 2]"));
        sameType.put("string", utf8("\"text\""));
        sameType.put("null", utf8("null"));
        sameType.put("number", utf8("42"));
        sameType.put("comments", utf8("{/* c */ \"name\": \"x\"}"));
        sameType.put("single quotes", utf8("{'name': 'x'}"));
        sameType.put("NaN", utf8("{\"id\": NaN}"));
        sameType.put("duplicate keys", utf8("{\"name\": \"a\", \"name\": 5}"));
        sameType.put("control character", utf8("{\"name\": \"a\u0001b\"}"));
        sameType.put("lone surrogate", utf8("{\"name\": \"\\ud800\"}"));
        sameType.put("NUL escape", utf8("{\"name\": \"a\\u0000b\", \"connector\": \"\\u0000\"}"));
        sameType.put("invalid UTF-8", new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        sameType.put("overlong UTF-8", new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
        sameType.put("UTF-16LE", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_16LE));
        sameType.put("UTF-16BE", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_16BE));
        sameType.put("UTF-16 with BOM", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_16));
        sameType.put("UTF-32", "{\"name\": \"x\"}".getBytes(java.nio.charset.Charset.forName("UTF-32")));
        sameType.put("only white space", utf8("   \r\n\t "));
        sameType.put("empty object", utf8("{}"));
        for (Map.Entry<String, byte[]> e : sameType.entrySet()) {
            out.add(new Case(r + " " + e.getKey(), request(method, path, List.of("Content-Type: " + json), e.getValue())));
        }
        // wrong JSON types for every field any route reads
        List<String> fields = List.of("name", "connector", "customerType", "shopUrl", "credentials", "syncStartDate", "scope",
                "mappings", "listingId", "product", "unit", "grindStyle", "ids", "integrationId", "orderedBefore", "status",
                "type", "profileGroup", "notes", "variants", "sku", "id");
        List<String> wrong = List.of("12345", "[1, \"a\"]", "{\"x\": {}}", "true", "\"\"", "-1", "1.5e308", "\"2026-02-30\"",
                "[{\"listingId\": \"x\", \"product\": 5}]");
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            String value = wrong.get(i % wrong.size());
            out.add(new Case(r + " " + f + "=" + value, request(method, path, List.of("Content-Type: " + json),
                    utf8("{\"" + f + "\": " + value + "}"))));
        }
        out.add(new Case(r + " every field wrong", request(method, path, List.of("Content-Type: " + json),
                utf8("{" + String.join(", ", fields.stream().map(f -> "\"" + f + "\": [[]]").toList()) + "}"))));
        // media types and charsets
        byte[] object = utf8("{\"name\": \"x\"}");
        for (String type : List.of("text/plain", "text/json", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=klingon", "application/json; charset=utf-16",
                "application/json; charset=iso-8859-1", "application/json; charset=", "application/json; charset=\"\"",
                "application/json; charset=\"utf-8", "application/json; charset=../../x", "garbage;;;", "/", "*/*",
                "application/json, text/plain", "APPLICATION/JSON; CHARSET=UTF-8; foo")) {
            out.add(new Case(r + " Content-Type " + type, request(method, path, List.of("Content-Type: " + type), object)));
        }
        out.add(new Case(r + " UTF-16 declared", request(method, path, List.of("Content-Type: application/json; charset=utf-16"),
                "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_16))));
        out.add(new Case(r + " no Content-Type", request(method, path, List.of(), object)));
        out.add(new Case(r + " empty body, unknown charset", request(method, path,
                List.of("Content-Type: application/json; charset=klingon"), new byte[0])));
        out.add(new Case(r + " empty body, text/plain", request(method, path, List.of("Content-Type: text/plain"), new byte[0])));
        out.add(new Case(r + " form _method", request(method, path, List.of("Content-Type: application/x-www-form-urlencoded"),
                utf8("_method=DELETE"))));
        out.add(new Case(r + " gzip claimed", request(method, path, List.of("Content-Type: " + json, "Content-Encoding: gzip"), object)));
        // transfer encodings
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestHost.TOKEN
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        out.add(new Case(r + " chunk size not hex", raw(head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")));
        out.add(new Case(r + " chunk size overflow", raw(head + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n{}\r\n0\r\n\r\n")));
        out.add(new Case(r + " chunk longer than said", raw(head + "Transfer-Encoding: chunked\r\n\r\n2\r\n{\"a\":1}\r\n0\r\n\r\n")));
        out.add(new Case(r + " chunks cut off", raw(head + "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"na")));
        out.add(new Case(r + " body shorter than Content-Length", raw(head + "Content-Length: 100\r\n\r\n{}")));
        out.add(new Case(r + " Content-Length and chunked", raw(head + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")));
        out.add(new Case(r + " two Content-Lengths", raw(head + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{} ")));
        out.add(new Case(r + " negative Content-Length", raw(head + "Content-Length: -2\r\n\r\n{}")));
        out.add(new Case(r + " Content-Length not a number", raw(head + "Content-Length: two\r\n\r\n{}")));
        out.add(new Case(r + " Content-Length 1 GB", raw(head + "Content-Length: 1073741824\r\n\r\n{}")));
        out.add(new Case(r + " unknown transfer coding", raw(head + "Transfer-Encoding: gzip\r\n\r\n{}")));
        out.add(new Case(r + " chunked not last", raw(head + "Transfer-Encoding: chunked, gzip\r\n\r\n2\r\n{}\r\n0\r\n\r\n")));
        out.add(new Case(r + " chunked 1.2 MB", chunked(head, 1_200_000)));
        return out;
    }

    /** Requests that break HTTP itself; the route does not matter to them. */
    private static List<Case> protocol() {
        List<Case> out = new ArrayList<>();
        String auth = "Authorization: Bearer " + TestHost.TOKEN + "\r\n";
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("HTTP/1.2", "GET /api/v1/system HTTP/1.2\r\nHost: localhost\r\n" + auth + "\r\n");
        lines.put("HTTP/0.9 style", "GET /api/v1/system\r\n\r\n");
        lines.put("HTTX", "GET /api/v1/system HTTX/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("version garbage", "GET /api/v1/system HTTP/1.1.1\r\nHost: localhost\r\n\r\n");
        lines.put("lower-case method", "get /api/v1/system HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n");
        lines.put("unknown method", "FROB /api/v1/system HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n");
        lines.put("TRACE", "TRACE /api/v1/system HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n");
        lines.put("CONNECT", "CONNECT localhost:22 HTTP/1.1\r\nHost: localhost:22\r\n" + auth + "Connection: close\r\n\r\n");
        lines.put("method with NUL", "G\0ET /api/v1/system HTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("two spaces", "GET  /api/v1/system HTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("tabs", "GET\t/api/v1/system\tHTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("no target", "GET HTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("asterisk target", "GET * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("absolute target", "GET http://evil.example/api/v1/system HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Connection: close\r\n\r\n");
        lines.put("relative target", "GET api/v1/system HTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("space in target", "GET /api/v1/sys tem HTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("raw UTF-8 in target", "GET /api/v1/prod\u00c3\u00bccts HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("fragment", "GET /api/v1/system#x HTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("user info", "GET http://user:pw@localhost/api/v1/system HTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("encoded slash", "GET /api/v1%2Fsystem HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("encoded dot dot", "GET /api/v1/%2e%2e/v1/system HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("dot dot out of root", "GET /../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("dot dot static", "GET /js/../../../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("backslash", "GET /js\\..\\..\\etc\\passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("empty segment", "GET /api//v1//system HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n");
        lines.put("path parameter", "GET /api/v1;jsessionid=x/system HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("encoded NUL", "GET /api/v1/system%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("bad UTF-8 in path", "GET /api/v1/%c3%28 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("truncated percent", "GET /api/v1/system% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("URI of 10000 bytes", "GET /api/v1/" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("URI of 100000 bytes", "GET /" + "x".repeat(100_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        lines.put("no Host", "GET /api/v1/system HTTP/1.1\r\n" + auth + "\r\n");
        lines.put("two Hosts", "GET /api/v1/system HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n" + auth + "\r\n");
        lines.put("bad Host", "GET /api/v1/system HTTP/1.1\r\nHost: a b/c\r\n" + auth + "\r\n");
        lines.put("Host with bad port", "GET /api/v1/system HTTP/1.1\r\nHost: localhost:99999999\r\n" + auth + "\r\n");
        lines.put("Host with user info", "GET /api/v1/system HTTP/1.1\r\nHost: user@localhost\r\n" + auth + "\r\n");
        lines.put("empty Host", "GET /api/v1/system HTTP/1.1\r\nHost:\r\n" + auth + "Connection: close\r\n\r\n");
        lines.put("header folding", "GET /api/v1/system HTTP/1.1\r\nHost: localhost\r\nX-A: a\r\n b\r\n" + auth + "\r\n");
        lines.put("header without colon", "GET /api/v1/system HTTP/1.1\r\nHost: localhost\r\nNoColon\r\n" + auth + "\r\n");
        lines.put("space before colon", "GET /api/v1/system HTTP/1.1\r\nHost: localhost\r\nX-A : b\r\n" + auth + "\r\n");
        lines.put("empty header name", "GET /api/v1/system HTTP/1.1\r\nHost: localhost\r\n: b\r\n" + auth + "\r\n");
        lines.put("NUL in header", "GET /api/v1/system HTTP/1.1\r\nHost: localhost\r\nX-A: a\0b\r\n" + auth + "\r\n");
        lines.put("bare LF", "GET /api/v1/system HTTP/1.1\nHost: localhost\n" + auth.replace("\r\n", "\n") + "Connection: close\n\n");
        lines.put("bare CR", "GET /api/v1/system HTTP/1.1\rHost: localhost\r\r");
        lines.put("binary garbage", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003 not TLS\r\n\r\n");
        lines.put("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        lines.put("Expect 200", "POST /api/v1/products HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: application/json\r\nContent-Length: 2\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n{}");
        lines.put("Expect 100 then nothing", "POST /api/v1/products HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: application/json\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
        lines.put("Upgrade h2c", "GET /api/v1/system HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Connection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\nHTTP2-Settings: !!!\r\n\r\n");
        lines.put("bad cookie", "GET /api/v1/system HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Cookie: ;;;=;\u007f\r\nConnection: close\r\n\r\n");
        lines.put("bad Range", "GET /index.html HTTP/1.1\r\nHost: localhost\r\nRange: bytes=999-1,zz\r\nConnection: close\r\n\r\n");
        lines.put("bad If-Modified-Since", "GET /app.css HTTP/1.1\r\nHost: localhost\r\nIf-Modified-Since: yesterday\r\n"
                + "Connection: close\r\n\r\n");
        lines.put("Accept nothing", "GET /api/v1/nope HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Accept: image/png\r\nAccept-Charset: klingon\r\nConnection: close\r\n\r\n");
        lines.put("OPTIONS", "OPTIONS /api/v1/products HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n");
        lines.put("PUT on a PATCH route", "PUT /api/v1/products/1 HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        lines.put("static not found", "GET /nope.js HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("webjar traversal", "GET /webjars/../../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("webjar encoded traversal", "GET /webjars/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("WEB-INF", "GET /WEB-INF/web.xml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        lines.put("META-INF", "GET /META-INF/MANIFEST.MF HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        for (Map.Entry<String, String> e : lines.entrySet()) {
            out.add(new Case(e.getKey(), raw(e.getValue())));
        }
        return out;
    }

    // ---- requests and answers on a raw socket

    record Case(String name, byte[] request) {
    }

    /** A request with the token, {@code Connection: close} and, for a body, its Content-Length. */
    static byte[] request(String method, String target, List<String> headers, byte[] body) {
        StringBuilder s = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nAuthorization: Bearer ").append(TestHost.TOKEN).append("\r\nConnection: close\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        if (body != null) {
            s.append("Content-Length: ").append(body.length).append("\r\n");
        }
        s.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(s.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    static byte[] raw(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] chunked(String head, int size) {
        StringBuilder s = new StringBuilder(head).append("Transfer-Encoding: chunked\r\n\r\n");
        String piece = "x".repeat(8192);
        s.append("1\r\n\"\r\n");
        for (int sent = 0; sent < size; sent += piece.length()) {
            s.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
        }
        return raw(s.append("0\r\n\r\n").toString());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…(" + s.length() + ")";
    }

    /** Sends one request on a fresh connection and reads the first answer (up to the server's close). */
    static Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", host.app().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedMidway) {
                // the server may answer and close before it has read a large request: read what it said
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    got.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException stopped) {
                // keep what arrived
            }
            return Answer.parse(got.toByteArray());
        }
    }

    record Answer(int status, Map<String, String> headers, byte[] body, String head) {
        static Answer parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.") || end < 0) {
                return new Answer(0, Map.of(), bytes, text.substring(0, Math.min(text.length(), 200)));
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                rest = dechunk(rest);
            } else if (headers.containsKey("content-length")) {
                rest = java.util.Arrays.copyOf(rest, Math.min(rest.length, Integer.parseInt(headers.get("content-length"))));
            }
            return new Answer(status, headers, rest, lines[0]);
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int i = 0;
            while (i < chunked.length) {
                int eol = indexOf(chunked, i);
                if (eol < 0) {
                    break;
                }
                String size = new String(chunked, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].strip();
                int n = Integer.parseInt(size, 16);
                if (n == 0) {
                    break;
                }
                out.write(chunked, eol + 2, Math.min(n, chunked.length - eol - 2));
                i = eol + 2 + n + 2;
            }
            return out.toByteArray();
        }

        private static int indexOf(byte[] b, int from) {
            for (int i = from; i + 1 < b.length; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }

        /** What is wrong with this answer, or null. */
        String problemWith() {
            if (status == 0) {
                return "no HTTP answer: " + head;
            }
            if (status >= 500) {
                return status + " " + abbreviate(new String(body, StandardCharsets.UTF_8));
            }
            if (status < 400) {
                return null;
            }
            String type = headers.getOrDefault("content-type", "");
            if (!type.startsWith("application/problem+json")) {
                return status + " as '" + type + "': " + abbreviate(new String(body, StandardCharsets.UTF_8));
            }
            JsonNode problem;
            try {
                problem = JSON.readTree(body);
            } catch (IOException e) {
                return status + " with a body that is no JSON: " + abbreviate(new String(body, StandardCharsets.UTF_8));
            }
            if (problem == null || problem.path("status").asInt() != status || !problem.path("title").isTextual()
                    || !problem.path("detail").isTextual() || !problem.path("type").isTextual()) {
                return status + " with a problem that does not match: " + abbreviate(String.valueOf(problem));
            }
            return null;
        }
    }
}

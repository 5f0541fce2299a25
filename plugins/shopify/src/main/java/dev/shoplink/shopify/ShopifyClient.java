package dev.shoplink.shopify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends GraphQL queries to a shop's Admin API ({@code POST {base}/admin/api/{version}/graphql.json}
 * with the {@code X-Shopify-Access-Token} header) and turns every answer that is not usable data
 * into the plugin API's exceptions:
 * <ul>
 *   <li>HTTP 401 → {@link InvalidCredentialsException} naming the token field; 402/403/423 and GraphQL
 *   {@code ACCESS_DENIED} errors → {@link ApiAccessDeniedException} naming the scopes needed;</li>
 *   <li>a {@code THROTTLED} error (HTTP 200) or HTTP 429 → {@link RateLimitedException} with the wait
 *   {@code (requestedQueryCost - currentlyAvailable) / restoreRate} (see {@link CostPacing});</li>
 *   <li>5xx, timeouts and connection failures → {@link ShopUnavailableException};</li>
 *   <li>anything else — other GraphQL errors, a body that is not JSON, no {@code data} →
 *   {@link MalformedResponseException} with Shopify's message.</li>
 * </ul>
 * Messages name the operation and the cause, never the token.
 */
final class ShopifyClient {
    static final String ACCESS_TOKEN = "accessToken";
    /** The pinned Admin API version (stable since 2026-10-01, supported until 2027-10). */
    static final String API_VERSION = "2026-10";
    static final String GRAPHQL_PATH = "/admin/api/" + API_VERSION + "/graphql.json";

    static final String SCOPES_NEEDED = "The app needs the Admin API scopes read_products and read_orders, and"
            + " read_all_orders to see orders older than 60 days. Grant them in the app's configuration"
            + " (Shopify admin: Apps > Develop apps > [your app] > Configuration), then reinstall the app and use the new"
            + " access token.";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * One client for the plugin: an {@link HttpClient} owns a selector thread and a connection
     * pool, and PF4J may create a new connector instance for every extension lookup.
     */
    private static final HttpClient SHARED_HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            // h2c upgrade attempts on plain-HTTP test servers only add surprises; Shopify speaks both
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private static final ShopifyClient SHARED = new ShopifyClient(SHARED_HTTP, new CostPacing());

    private static final int BODY_EXCERPT_LENGTH = 200;

    private final HttpClient http;
    private final CostPacing pacing;

    ShopifyClient(HttpClient http, CostPacing pacing) {
        this.http = http;
        this.pacing = pacing;
    }

    /** The client every connector instance of this plugin shares, pacing state included. */
    static ShopifyClient shared() {
        return SHARED;
    }

    /** A client with its own pacing state (tests). */
    static ShopifyClient withOwnPacing() {
        return new ShopifyClient(SHARED_HTTP, new CostPacing());
    }

    /**
     * Refuses with {@link RateLimitedException}, sending nothing, when the shop's bucket cannot pay
     * {@code operation} now: a call that asks something cheap first (a count) and then that operation
     * checks here, so that a paced call sends no request at all.
     */
    void checkBudget(Connection connection, String operation, double estimatedCost) {
        String token = connection.credential(ACCESS_TOKEN).strip();
        if (!token.isEmpty()) {
            pacing.checkBeforeSending(shopKey(connection, token), operation, estimatedCost, connection.clock().instant());
        }
    }

    /** A usable answer: its {@code data} object and the cost report, when Shopify sent one. */
    record Answer(JsonNode data, Optional<QueryCost> cost) {
    }

    /**
     * Runs one query.
     *
     * @param operation the query's operation name, used in messages and to learn its cost
     * @param estimatedCost what the query is expected to reserve before Shopify has said so
     */
    Answer query(Connection connection, String operation, String query, Map<String, ?> variables, double estimatedCost) {
        String token = connection.credential(ACCESS_TOKEN).strip();
        if (token.isEmpty()) {
            throw new InvalidCredentialsException("Shopify needs the Admin API access token of the shop's custom app.", ACCESS_TOKEN);
        }
        String shop = shopKey(connection, token);
        pacing.checkBeforeSending(shop, operation, estimatedCost, connection.clock().instant());

        ObjectNode body = MAPPER.createObjectNode();
        body.put("query", query);
        body.put("operationName", operation);
        body.set("variables", MAPPER.valueToTree(variables));
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the variables of " + operation, e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri(connection.baseUrl()))
                .timeout(connection.timeout())
                .header("X-Shopify-Access-Token", token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "Shoplink-Shopify")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        String what = "the " + operation + " query";
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray(), connection.timeout(), what);
        int status = response.statusCode();
        if (status == 200) {
            return answer(response.body(), what, shop, operation, connection);
        }
        throw failure(status, response, what, shop, operation, connection);
    }

    private Answer answer(byte[] body, String what, String shop, String operation, Connection connection) {
        JsonNode answer = parse(body, what);
        Optional<QueryCost> cost = QueryCost.from(answer);
        List<JsonNode> errors = errors(answer);
        if (errors.stream().anyMatch(e -> "THROTTLED".equals(code(e)))) {
            throw throttled(cost, what, shop, operation, connection, Optional.empty());
        }
        cost.ifPresent(c -> pacing.afterAnswer(shop, operation, c, connection.clock().instant()));
        List<JsonNode> denied = errors.stream().filter(e -> "ACCESS_DENIED".equals(code(e))).toList();
        if (!denied.isEmpty()) {
            throw new ApiAccessDeniedException("Shopify denied " + what + ": " + messages(denied, connection) + ". " + SCOPES_NEEDED);
        }
        if (!errors.isEmpty()) {
            throw new MalformedResponseException("Shopify answered " + what + " with errors: " + messages(errors, connection));
        }
        if (answer.has("errors") && !answer.path("errors").isArray()) {
            throw new MalformedResponseException("Shopify answered " + what + " with an error"
                    + excerpt(answer.path("errors").toString().getBytes(StandardCharsets.UTF_8), connection));
        }
        JsonNode data = answer.path("data");
        if (!data.isObject()) {
            throw new MalformedResponseException("Shopify's answer to " + what + " has no 'data' object (is the shop URL right?)");
        }
        return new Answer(data, cost);
    }

    private RuntimeException failure(int status, HttpResponse<byte[]> response, String what, String shop, String operation,
                                     Connection connection) {
        if (status == 401) {
            return new InvalidCredentialsException("Shopify rejected the Admin API access token (HTTP 401): it is wrong, or the"
                    + " app was uninstalled or its token rotated. Copy the token from the shop's custom app"
                    + " (Shopify admin: Apps > Develop apps > [your app] > API credentials).", ACCESS_TOKEN);
        }
        if (status == 402) {
            return new ApiAccessDeniedException("Shopify refused " + what + " with HTTP 402: the shop is frozen or has an unpaid"
                    + " bill; the shop owner has to settle it in Shopify admin.");
        }
        if (status == 403) {
            return new ApiAccessDeniedException("Shopify refused " + what + " with HTTP 403" + excerpt(response.body(), connection)
                    + ". " + SCOPES_NEEDED);
        }
        if (status == 423) {
            return new ApiAccessDeniedException("Shopify refused " + what + " with HTTP 423: the shop is locked.");
        }
        if (status == 404) {
            return new InvalidCredentialsException("Shopify has no Admin API at " + origin(uri(connection.baseUrl()))
                    + " (HTTP 404 to " + what + "). " + ShopUrl.WHERE_TO_FIND, InvalidCredentialsException.SHOP_URL);
        }
        if (status == 429) {
            Optional<QueryCost> cost = Optional.empty();
            try {
                cost = QueryCost.from(MAPPER.readTree(response.body()));
            } catch (IOException | RuntimeException e) {
                // a 429 without a readable cost report: Retry-After or a default below
            }
            return throttled(cost, what, shop, operation, connection, response.headers().firstValue("Retry-After"));
        }
        if (status >= 500) {
            return new ShopUnavailableException("Shopify answered HTTP " + status + " to " + what
                    + "; it may be down or overloaded, try again later");
        }
        return new MalformedResponseException("Shopify answered HTTP " + status + " to " + what + excerpt(response.body(), connection));
    }

    private RateLimitedException throttled(Optional<QueryCost> cost, String what, String shop, String operation,
                                           Connection connection, Optional<String> retryAfter) {
        if (cost.isPresent()) {
            Duration wait = pacing.afterThrottled(shop, operation, cost.get(), connection.clock().instant());
            QueryCost c = cost.get();
            return new RateLimitedException("Shopify throttled " + what + ": it needs " + Math.round(c.requested())
                    + " points and the bucket holds " + Math.round(c.currentlyAvailable()) + " of " + Math.round(c.maximumAvailable())
                    + ", refilling " + Math.round(c.restoreRate()) + " a second; retry in " + wait.toMillis() + " ms", wait);
        }
        Duration wait = retryAfter.flatMap(ShopifyClient::seconds).orElse(Duration.ofSeconds(2));
        pacing.block(shop, wait, connection.clock().instant());
        return new RateLimitedException("Shopify throttled " + what + " (HTTP 429); retry in " + wait.toMillis() + " ms", wait);
    }

    private static JsonNode parse(byte[] body, String what) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new MalformedResponseException("Shopify's answer to " + what + " is empty (is the shop URL right?)");
        }
        JsonNode answer;
        try {
            answer = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedResponseException("Shopify's answer to " + what + " is not valid JSON"
                    + (e instanceof JacksonException j ? ": " + j.getOriginalMessage() : "") + " (is the shop URL right?)", e);
        }
        if (answer == null || !answer.isObject()) {
            throw new MalformedResponseException("Shopify's answer to " + what + " is not a JSON object (is the shop URL right?)");
        }
        return answer;
    }

    private static List<JsonNode> errors(JsonNode answer) {
        List<JsonNode> errors = new ArrayList<>();
        answer.path("errors").forEach(errors::add);
        return answer.path("errors").isArray() ? errors : List.of();
    }

    private static String code(JsonNode error) {
        return error.path("extensions").path("code").asText("");
    }

    private static String messages(List<JsonNode> errors, Connection connection) {
        List<String> texts = new ArrayList<>();
        for (JsonNode error : errors) {
            String message = error.path("message").asText("").strip();
            String code = code(error);
            String required = error.path("extensions").path("requiredAccess").asText("");
            StringBuilder text = new StringBuilder(message.isEmpty() ? "(no message)" : message);
            if (!code.isEmpty()) {
                text.append(" [").append(code).append(']');
            }
            if (!required.isEmpty() && !message.contains(required)) {
                text.append(" (required: ").append(required).append(')');
            }
            texts.add(scrub(text.toString(), connection));
            if (texts.size() == 3) {
                break;
            }
        }
        String joined = String.join("; ", texts);
        return errors.size() > texts.size() ? joined + "; and " + (errors.size() - texts.size()) + " more" : joined;
    }

    /**
     * Sends {@code request} on this client's HTTP client and waits at most {@code timeout} for the answer
     * (as {@code body} reads it); a timeout, an interrupt or a connection failure is a
     * {@link ShopUnavailableException} naming {@code what}. Bulk result downloads use it too.
     */
    <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body, Duration timeout, String what) {
        CompletableFuture<HttpResponse<T>> pending = http.sendAsync(request, body);
        try {
            // the request timeout only covers the wait for the headers; this also bounds the body
            return pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(what, timeout, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ShopUnavailableException("interrupted while waiting for Shopify to answer " + what, e);
        } catch (ExecutionException e) {
            throw unreachable(e.getCause(), request.uri(), what, timeout);
        }
    }

    private static ShopUnavailableException unreachable(Throwable cause, URI uri, String what, Duration timeout) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new ShopUnavailableException("could not connect to Shopify at " + origin(uri) + " within " + describe(timeout), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(what, timeout, cause);
        }
        if (cause instanceof ConnectException) {
            return new ShopUnavailableException("could not connect to Shopify at " + origin(uri)
                    + " (connection refused or unreachable)", cause);
        }
        if (cause instanceof IOException) {
            return new ShopUnavailableException("the connection to Shopify failed during " + what + ": "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
        }
        return new ShopUnavailableException("the request to Shopify failed during " + what + ": " + cause, cause);
    }

    private static ShopUnavailableException timedOut(String what, Duration timeout, Throwable cause) {
        return new ShopUnavailableException("Shopify did not answer " + what + " within " + describe(timeout), cause);
    }

    /** Keeps a path prefix of the base URL (a proxy, the host's override): {@code https://proxy/shopify} + the API path. */
    static URI uri(URI baseUrl) {
        String base = baseUrl.toString();
        int queryStart = base.indexOf('?');
        if (queryStart >= 0) {
            base = base.substring(0, queryStart);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/admin")) {
            base = base.substring(0, base.length() - "/admin".length());
        }
        return URI.create(base + GRAPHQL_PATH);
    }

    /** The shop a connection names, keyed by API address and a hash of the token (no token in the key). */
    static String shopKey(Connection connection) {
        return shopKey(connection, connection.credential(ACCESS_TOKEN).strip());
    }

    private static String shopKey(Connection connection, String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + " " + uri(connection.baseUrl());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A non-negative number of seconds, fractions rounded up to the millisecond. */
    private static Optional<Duration> seconds(String text) {
        try {
            BigDecimal seconds = new BigDecimal(text.strip());
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String scrub(String text, Connection connection) {
        String token = connection.credential(ACCESS_TOKEN).strip();
        return token.length() >= 4 ? text.replace(token, "***") : text;
    }

    /** A short excerpt of an error body (Shopify usually says what was wrong), scrubbed of the token. */
    private static String excerpt(byte[] body, Connection connection) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = scrub(new String(body, 0, Math.min(body.length, BODY_EXCERPT_LENGTH * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip(), connection);
        if (text.length() > BODY_EXCERPT_LENGTH) {
            text = text.substring(0, BODY_EXCERPT_LENGTH) + "…";
        }
        return text.isEmpty() ? "" : ": " + text;
    }
}

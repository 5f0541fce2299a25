package dev.shoplink.shopify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplink.api.Connection;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import java.io.IOException;
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
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends GraphQL queries to a shop's Admin API ({@code POST {base}/admin/api/{version}/graphql.json}
 * with the {@code X-Shopify-Access-Token} header), checking the shop's cost budget ({@link CostPacing})
 * before it sends; {@link QueryAnswers} turns the answer into data or the plugin API's exceptions.
 * Timeouts and connection failures → {@link ShopUnavailableException}. Messages name the operation and
 * the cause, never the token.
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

    private final HttpClient http;
    private final CostPacing pacing;
    private final QueryAnswers answers;

    ShopifyClient(HttpClient http, CostPacing pacing) {
        this.http = http;
        this.pacing = pacing;
        this.answers = new QueryAnswers(pacing);
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
        QueryAnswers.Sent sent = new QueryAnswers.Sent(connection, operation, shop);
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray(), connection.timeout(),
                sent.what());
        if (response.statusCode() == 200) {
            return answers.read(response.body(), sent);
        }
        throw answers.failure(response, sent);
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

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}

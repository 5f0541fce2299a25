package dev.shoplink.shipstation;

import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends GET requests to the ShipStation V1 API and turns every answer that is not a 2xx into the
 * plugin API's exceptions: 401 → {@link InvalidCredentialsException}, 402/403 →
 * {@link ApiAccessDeniedException}, 429 → {@link RateLimitedException}, 5xx, timeouts and
 * connection failures → {@link ShopUnavailableException}, anything else →
 * {@link MalformedResponseException}. Messages name the endpoint and the cause, never the
 * credentials.
 */
final class ShipStationClient {
    static final String API_KEY = "apiKey";
    static final String API_SECRET = "apiSecret";

    /**
     * One client for the plugin: an {@link HttpClient} owns a selector thread and a connection
     * pool, and PF4J may create a new connector instance for every extension lookup.
     */
    private static final HttpClient SHARED_HTTP = HttpClient.newBuilder()
            // ShipStation pages are single large responses; HTTP/2 buys nothing and h2c
            // upgrade attempts on plain-HTTP test servers only add surprises
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static final ShipStationClient SHARED = new ShipStationClient(SHARED_HTTP, new RequestPacing());

    private static final int BODY_EXCERPT_LENGTH = 200;

    private final HttpClient http;
    private final RequestPacing pacing;

    ShipStationClient(HttpClient http, RequestPacing pacing) {
        this.http = http;
        this.pacing = pacing;
    }

    /** The client every connector instance of this plugin shares, pacing state included. */
    static ShipStationClient shared() {
        return SHARED;
    }

    /** A client with its own pacing state (tests). */
    static ShipStationClient withOwnPacing() {
        return new ShipStationClient(SHARED_HTTP, new RequestPacing());
    }

    /** The body of a 2xx answer. */
    byte[] get(Connection connection, String path, Map<String, String> query) {
        return send(connection, path, query, false).orElseThrow();
    }

    /** The body of a 2xx answer; empty when ShipStation answers 404. */
    Optional<byte[]> getUnlessNotFound(Connection connection, String path, Map<String, String> query) {
        return send(connection, path, query, true);
    }

    private Optional<byte[]> send(Connection connection, String path, Map<String, String> query, boolean notFoundIsEmpty) {
        String apiKey = connection.credential(API_KEY);
        String apiSecret = connection.credential(API_SECRET);
        if (apiKey.isBlank() || apiSecret.isBlank()) {
            throw new InvalidCredentialsException("ShipStation needs both the API key and the API secret.");
        }
        String encodedQuery = encode(query);
        String endpoint = "GET " + path + (encodedQuery.isEmpty() ? "" : "?" + encodedQuery);
        String account = accountKey(connection, apiKey);
        pacing.checkBeforeSending(account, connection.clock().instant());

        HttpRequest request = HttpRequest.newBuilder(uri(connection.baseUrl(), path, encodedQuery))
                .timeout(connection.timeout())
                .header("Authorization", basicAuthorization(apiKey, apiSecret))
                .header("Accept", "application/json")
                .header("User-Agent", "Shoplink-ShipStation")
                .GET()
                .build();
        HttpResponse<byte[]> response = exchange(request, connection.timeout(), endpoint);

        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            pacing.afterResponse(account, response.headers(), connection.clock().instant());
            return Optional.of(response.body());
        }
        if (status == 404 && notFoundIsEmpty) {
            pacing.afterResponse(account, response.headers(), connection.clock().instant());
            return Optional.empty();
        }
        throw failure(status, response, endpoint, connection, account);
    }

    private RuntimeException failure(int status, HttpResponse<byte[]> response, String endpoint, Connection connection, String account) {
        if (status == 401) {
            return new InvalidCredentialsException("ShipStation rejected the API key and secret (HTTP 401). "
                    + "Copy both from ShipStation, Settings > Account > API Settings; "
                    + "regenerating the keys there replaces the old pair.");
        }
        if (status == 402 || status == 403) {
            return new ApiAccessDeniedException("ShipStation recognised the API key but refused API access (HTTP "
                    + status + "). ShipStation offers API access on the \"Scale\" plan and higher: "
                    + "upgrade the plan, then regenerate the API keys (Settings > Account > API Settings) "
                    + "and enter the new pair.");
        }
        if (status == 429) {
            Duration wait = pacing.afterTooManyRequests(account, response.headers(), connection.clock().instant());
            return new RateLimitedException("ShipStation's rate limit is used up (HTTP 429 to " + endpoint
                    + "); retry in " + wait.toSeconds() + " s", wait);
        }
        pacing.afterResponse(account, response.headers(), connection.clock().instant());
        if (status >= 500) {
            return new ShopUnavailableException("ShipStation answered HTTP " + status + " to " + endpoint
                    + "; it may be down or overloaded, try again later");
        }
        return new MalformedResponseException("ShipStation answered HTTP " + status + " to " + endpoint
                + excerpt(response.body(), connection) + (status == 404 ? " (is the base URL right?)" : ""));
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, Duration timeout, String endpoint) {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // the request timeout only covers the wait for the headers; this also bounds the body
            return pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(endpoint, timeout, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ShopUnavailableException("interrupted while waiting for ShipStation to answer " + endpoint, e);
        } catch (ExecutionException e) {
            throw unreachable(e.getCause(), request.uri(), endpoint, timeout);
        }
    }

    private static ShopUnavailableException unreachable(Throwable cause, URI uri, String endpoint, Duration timeout) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new ShopUnavailableException("could not connect to ShipStation at " + origin(uri)
                    + " within " + describe(timeout), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(endpoint, timeout, cause);
        }
        if (cause instanceof ConnectException) {
            return new ShopUnavailableException("could not connect to ShipStation at " + origin(uri)
                    + " (connection refused or unreachable)", cause);
        }
        if (cause instanceof IOException) {
            return new ShopUnavailableException("the connection to ShipStation failed during " + endpoint + ": "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
        }
        return new ShopUnavailableException("the request to ShipStation failed during " + endpoint + ": " + cause, cause);
    }

    private static ShopUnavailableException timedOut(String endpoint, Duration timeout, Throwable cause) {
        return new ShopUnavailableException("ShipStation did not answer " + endpoint + " within " + describe(timeout), cause);
    }

    static String basicAuthorization(String apiKey, String apiSecret) {
        return "Basic " + Base64.getEncoder().encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
    }

    /** Keeps a path prefix in the base URL: {@code https://proxy/shipstation} + {@code /orders}. */
    static URI uri(URI baseUrl, String path, String encodedQuery) {
        String base = baseUrl.toString();
        int queryStart = base.indexOf('?');
        if (queryStart >= 0) {
            base = base.substring(0, queryStart);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path + (encodedQuery.isEmpty() ? "" : "?" + encodedQuery));
    }

    /** Form-encodes the query; ShipStation's documentation writes the space in dates as %20. */
    static String encode(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&");
        query.forEach((name, value) -> joined.add(component(name) + "=" + component(value)));
        return joined.toString();
    }

    private static String component(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String accountKey(Connection connection, String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + " " + uri(connection.baseUrl(), "", "");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** A short excerpt of an error body (ShipStation often says what was wrong), scrubbed of credentials. */
    private static String excerpt(byte[] body, Connection connection) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, BODY_EXCERPT_LENGTH * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ")
                .strip();
        String apiKey = connection.credential(API_KEY);
        String apiSecret = connection.credential(API_SECRET);
        for (String secret : new String[] {basicAuthorization(apiKey, apiSecret).substring(6), apiSecret, apiKey}) {
            if (secret.length() >= 4) {
                text = text.replace(secret, "***");
            }
        }
        if (text.length() > BODY_EXCERPT_LENGTH) {
            text = text.substring(0, BODY_EXCERPT_LENGTH) + "…";
        }
        return text.isEmpty() ? "" : ": " + text;
    }
}

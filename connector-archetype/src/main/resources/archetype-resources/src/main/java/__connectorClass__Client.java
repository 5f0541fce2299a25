package ${package};

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The HTTP side of the connector: one authenticated GET, its status turned into the plugin API's
 * exceptions and its body into a Jackson tree. Messages never contain the API key.
 */
final class ${connectorClass}Client {
    static final String API_KEY_HEADER = "X-Api-Key";
    /** Used when a 429 comes without a readable Retry-After. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    /** GETs {@code path} with the query; empty on 404, the parsed body on 2xx, a plugin API exception otherwise. */
    Optional<JsonNode> get(Connection connection, String path, Map<String, String> query) {
        HttpRequest request = HttpRequest.newBuilder(uri(connection.baseUrl(), path, query))
                .timeout(connection.timeout())
                .header(API_KEY_HEADER, connection.credential(${connectorClass}Connector.API_KEY))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ShopUnavailableException("${connectorName} could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopUnavailableException("interrupted while waiting for ${connectorName}", e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status == 401) {
            throw new InvalidCredentialsException("${connectorName} rejected the API key", ${connectorClass}Connector.API_KEY);
        }
        if (status == 403) {
            throw new ApiAccessDeniedException("${connectorName} refused API access: the shop's plan has no API");
        }
        if (status == 429) {
            throw new RateLimitedException("${connectorName}'s rate limit is used up", retryAfter(response));
        }
        if (status >= 500) {
            throw new ShopUnavailableException("${connectorName} answered HTTP " + status);
        }
        if (status < 200 || status > 299) {
            throw new MalformedResponseException("${connectorName} answered " + path + " with unexpected HTTP " + status);
        }
        try {
            return Optional.of(JSON.readTree(response.body()));
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("${connectorName}'s answer to " + path + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Retry-After in seconds (the only form ${connectorName} sends). */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(value -> value.strip().matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
                .orElse(DEFAULT_RETRY_AFTER);
    }

    private static URI uri(URI baseUrl, String path, Map<String, String> query) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        String params = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(base + path + (params.isEmpty() ? "" : "?" + params));
    }
}

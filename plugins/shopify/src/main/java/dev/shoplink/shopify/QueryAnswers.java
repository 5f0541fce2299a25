package dev.shoplink.shopify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shoplink.api.ApiAccessDeniedException;
import dev.shoplink.api.Connection;
import dev.shoplink.api.InvalidCredentialsException;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.api.RateLimitedException;
import dev.shoplink.api.ShopUnavailableException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Shopify's answer to a GraphQL query: the usable data, or the plugin API's exception for
 * everything else.
 * <ul>
 *   <li>HTTP 401 → {@link InvalidCredentialsException} naming the token field; 402/403/423 and GraphQL
 *   {@code ACCESS_DENIED} errors → {@link ApiAccessDeniedException} naming the scopes needed;</li>
 *   <li>a {@code THROTTLED} error (HTTP 200) or HTTP 429 → {@link RateLimitedException} with the wait
 *   {@code (requestedQueryCost - currentlyAvailable) / restoreRate} (see {@link CostPacing});</li>
 *   <li>5xx → {@link ShopUnavailableException};</li>
 *   <li>anything else — other GraphQL errors, a body that is not JSON, no {@code data} →
 *   {@link MalformedResponseException} with Shopify's message.</li>
 * </ul>
 * Every cost report is handed to the pacing. Messages name the operation and the cause, never the token.
 */
final class QueryAnswers {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int BODY_EXCERPT_LENGTH = 200;

    /** One query sent: the connection, the query's operation name and the shop's pacing key. */
    record Sent(Connection connection, String operation, String shop) {
        String what() {
            return "the " + operation + " query";
        }
    }

    private final CostPacing pacing;

    QueryAnswers(CostPacing pacing) {
        this.pacing = pacing;
    }

    /** The data of an HTTP 200 answer, unless its errors call for an exception. */
    ShopifyClient.Answer read(byte[] body, Sent sent) {
        String what = sent.what();
        Connection connection = sent.connection();
        JsonNode answer = parse(body, what);
        Optional<QueryCost> cost = QueryCost.from(answer);
        List<JsonNode> errors = errors(answer);
        if (errors.stream().anyMatch(e -> "THROTTLED".equals(code(e)))) {
            throw throttled(cost, sent, Optional.empty());
        }
        cost.ifPresent(c -> pacing.afterAnswer(sent.shop(), sent.operation(), c, connection.clock().instant()));
        List<JsonNode> denied = errors.stream().filter(e -> "ACCESS_DENIED".equals(code(e))).toList();
        if (!denied.isEmpty()) {
            throw new ApiAccessDeniedException("Shopify denied " + what + ": " + messages(denied, connection) + ". "
                    + ShopifyClient.SCOPES_NEEDED);
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
        return new ShopifyClient.Answer(data, cost);
    }

    /** The exception for an answer with a status other than 200. */
    RuntimeException failure(HttpResponse<byte[]> response, Sent sent) {
        int status = response.statusCode();
        String what = sent.what();
        Connection connection = sent.connection();
        if (status == 401) {
            return new InvalidCredentialsException("Shopify rejected the Admin API access token (HTTP 401): it is wrong, or the"
                    + " app was uninstalled or its token rotated. Copy the token from the shop's custom app"
                    + " (Shopify admin: Apps > Develop apps > [your app] > API credentials).", ShopifyClient.ACCESS_TOKEN);
        }
        if (status == 402) {
            return new ApiAccessDeniedException("Shopify refused " + what + " with HTTP 402: the shop is frozen or has an unpaid"
                    + " bill; the shop owner has to settle it in Shopify admin.");
        }
        if (status == 403) {
            return new ApiAccessDeniedException("Shopify refused " + what + " with HTTP 403" + excerpt(response.body(), connection)
                    + ". " + ShopifyClient.SCOPES_NEEDED);
        }
        if (status == 423) {
            return new ApiAccessDeniedException("Shopify refused " + what + " with HTTP 423: the shop is locked.");
        }
        if (status == 404) {
            return new InvalidCredentialsException("Shopify has no Admin API at "
                    + ShopifyClient.origin(ShopifyClient.uri(connection.baseUrl())) + " (HTTP 404 to " + what + "). "
                    + ShopUrl.WHERE_TO_FIND, InvalidCredentialsException.SHOP_URL);
        }
        if (status == 429) {
            return throttled(costReport(response.body()), sent, response.headers().firstValue("Retry-After"));
        }
        if (status >= 500) {
            return new ShopUnavailableException("Shopify answered HTTP " + status + " to " + what
                    + "; it may be down or overloaded, try again later");
        }
        return new MalformedResponseException("Shopify answered HTTP " + status + " to " + what + excerpt(response.body(), connection));
    }

    private static Optional<QueryCost> costReport(byte[] body) {
        try {
            return QueryCost.from(MAPPER.readTree(body));
        } catch (IOException | RuntimeException e) {
            // a 429 without a readable cost report: Retry-After or a default
            return Optional.empty();
        }
    }

    private RateLimitedException throttled(Optional<QueryCost> cost, Sent sent, Optional<String> retryAfter) {
        return pacing.throttled(sent.shop(), sent.operation(), cost, retryAfter, sent.connection().clock().instant(), sent.what());
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

    private static String scrub(String text, Connection connection) {
        String token = connection.credential(ShopifyClient.ACCESS_TOKEN).strip();
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

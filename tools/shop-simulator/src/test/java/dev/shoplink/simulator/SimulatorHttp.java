package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A JDK HttpClient pointed at one simulator, with the ShipStation calls the tests need. */
final class SimulatorHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final ShopSimulator simulator;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    SimulatorHttp(ShopSimulator simulator) {
        this.simulator = simulator;
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, simulator.authorization());
    }

    HttpResponse<String> get(String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** Sends any request to the simulator (a Shopify POST, a bulk download) and answers the body as text. */
    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request and lets an IOException (dropped connection) through. */
    HttpResponse<String> tryGet(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
                .header("Authorization", simulator.authorization()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    JsonNode json(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as("GET %s → %s", pathAndQuery, response.body()).isEqualTo(200);
        return parse(response.body());
    }

    static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record of a paged list, following {@code pages}; {@code query} may be empty. */
    List<JsonNode> all(String path, String itemsName, String query) {
        List<JsonNode> records = new ArrayList<>();
        int page = 1;
        int pages;
        do {
            JsonNode envelope = json(path + "?pageSize=500&page=" + page + (query.isEmpty() ? "" : "&" + query));
            envelope.get(itemsName).forEach(records::add);
            pages = envelope.get("pages").asInt();
            page++;
        } while (page <= pages);
        return records;
    }
}

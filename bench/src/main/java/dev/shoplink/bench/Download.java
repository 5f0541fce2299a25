package dev.shoplink.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: every page of a ShipStation list fetched with a bare JDK HttpClient loop (bodies read
 * into byte arrays, nothing parsed except the page count of page 1, nothing stored), with the same
 * query the connector sends.
 */
final class Download {
    private static final Pattern PAGES = Pattern.compile("\"pages\"\\s*:\\s*(\\d+)");

    record Result(double millis, int pages, long bytes) {
    }

    private Download() {
    }

    /** @param query without {@code page}, e.g. {@code pageSize=500&sortBy=CreateDate&sortDir=ASC} */
    static Result all(String baseUrl, String authorization, String path, String query, int maxPages) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long t0 = System.nanoTime();
        long bytes = 0;
        int pages = 1;
        for (int page = 1; page <= pages && page <= maxPages; page++) {
            byte[] body = fetch(client, baseUrl + path + "?page=" + page + "&" + query, authorization);
            bytes += body.length;
            if (page == 1) {
                // the envelope ends with "total", "page", "pages": read only the tail, parse nothing else
                String tail = new String(body, Math.max(0, body.length - 200), Math.min(200, body.length), StandardCharsets.UTF_8);
                Matcher m = PAGES.matcher(tail);
                if (!m.find()) {
                    throw new IllegalStateException("no page count in the last 200 bytes of " + path + " page 1");
                }
                pages = Integer.parseInt(m.group(1));
            }
        }
        return new Result((System.nanoTime() - t0) / 1e6, pages, bytes);
    }

    private static byte[] fetch(HttpClient client, String url, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package dev.shoplink.host.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers as problem details: requests Jetty refuses before the application sees
 * them (a bad request line or HTTP version, a bad or ambiguous URI, headers too large, a bad Host,
 * broken chunked encoding) and errors the servlet layer raises. Instead of Jetty's HTML page, each is a
 * {@code application/problem+json} body saying what was wrong. Bad input is never answered with a
 * 5xx: Jetty's 505 (unknown HTTP version) and 501 (unknown transfer coding) become 400.
 */
final class ProblemErrorHandler extends ErrorHandler {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    ProblemErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int code = response.getStatus();
        String message = request.getAttribute(ERROR_MESSAGE) instanceof String m ? m : null;
        Throwable cause = request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        if (cause instanceof HttpException http) {
            code = http.getCode();
            if (message == null) {
                message = http.getReason();
            }
        }
        write(request, response, callback, describe(code, message));
        return true;
    }

    /** What Jetty refused, in words a person can act on. */
    static ApiException describe(int code, String reason) {
        String said = reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(code)) ? null : reason;
        return switch (code) {
            case 400 -> ApiException.badRequest("the request is malformed" + (said == null ? "" : ": " + said)
                    + explain(said));
            case 426 -> new ApiException(426, "upgrade-required", "Upgrade required",
                    "this port speaks HTTP/1.1 only; send the request as HTTP/1.1");
            case 417 -> new ApiException(417, "expectation-failed", "Expectation failed",
                    "the only Expect header understood is 'Expect: 100-continue'");
            case 505 -> ApiException.badRequest("unsupported HTTP version" + (said == null ? "" : " (" + said + ")")
                    + "; this host speaks HTTP/1.1 and HTTP/1.0");
            case 501 -> ApiException.badRequest("the request uses something this host does not implement"
                    + (said == null ? "" : ": " + said));
            case 414 -> new ApiException(414, "uri-too-long", "URI too long",
                    "the request line is longer than this host accepts; send long filters as shorter queries");
            case 431 -> new ApiException(431, "headers-too-large", "Request headers too large",
                    "the request's headers are larger than " + HttpServer.MAX_HEADER_BYTES
                            + " bytes altogether; send fewer or shorter headers");
            case 413 -> new ApiException(413, "payload-too-large", "Payload too large",
                    "the body is larger than " + HttpServer.MAX_BODY_BYTES + " bytes");
            case 404 -> new ApiException(404, "not-found", "Not found", "no such resource");
            case 405 -> new ApiException(405, "method-not-allowed", "Method not allowed",
                    "the method is not supported here" + (said == null ? "" : ": " + said));
            default -> {
                if (code >= 400 && code < 500) {
                    String title = HttpStatus.getMessage(code);
                    yield new ApiException(code, "http-" + code, title, said == null ? title : said);
                }
                if (code == 503) {
                    yield new ApiException(503, "unavailable", "Service unavailable",
                            "the host is busy or stopping; try again shortly");
                }
                yield new ApiException(code < 500 || code > 599 ? 500 : code, "internal", "Internal error",
                        "the HTTP server failed to answer" + (said == null ? "" : ": " + said));
            }
        };
    }

    private static String explain(String reason) {
        if (reason == null) {
            return ": its request line, URI or headers are not valid HTTP/1.1 (a bad percent-encoding such as %zz,"
                    + " a control character, a malformed header)";
        }
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("transfer-encoding") || r.contains("content-length") || r.contains("chunk") || r.contains("eof")) {
            return "; send the body with one correct Content-Length or with valid chunked encoding, not both";
        }
        if (r.contains("ambiguous")) {
            return "; send the path without encoded separators, dot segments, empty segments or path parameters";
        }
        if (r.contains("host") || r.contains("authority")) {
            return "; send exactly one valid Host header";
        }
        if (r.contains("uri") || r.contains("utf") || r.contains("path") || r.contains("fragment") || r.contains("user info")) {
            return "; percent-encode the URI as UTF-8 (e.g. a space as %20), without fragment or user info";
        }
        if (r.contains("fold")) {
            return "; send each header on one line";
        }
        return "";
    }

    /** Writes {@code problem} as the whole answer, with the security headers. */
    static void write(Request request, Response response, Callback callback, ApiException problem) {
        String path = null;
        try {
            path = Request.getPathInContext(request);
        } catch (RuntimeException unreadable) {
            // a request Jetty could not parse may have no usable URI
        }
        response.setStatus(problem.status());
        SecurityHeaders.apply(response.getHeaders(), null); // an error is never kept by a cache, whatever the path
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        if ("HEAD".equals(request.getMethod())) {
            response.write(true, null, callback);
            return;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Problem.of(problem, path != null && path.length() <= 200 ? path : null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            body = ("{\"status\":" + problem.status() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}

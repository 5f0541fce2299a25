package dev.shoplink.host.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpException;

/**
 * The rules for request bodies of the API, applied before any handler runs:
 * <ul>
 *   <li>announced larger than {@link HttpServer#MAX_BODY_BYTES}: 413 before a byte is read;</li>
 *   <li>a body that cannot be read (broken chunked encoding, cut off): 400;</li>
 *   <li>an empty body is accepted whatever its media type (routes that take none, {@code POST …/sync}),
 *       unless its charset is one nobody knows (415);</li>
 *   <li>a non-empty body must be {@code application/json} (or a {@code +json} type) in UTF-8, charset
 *       absent or UTF-8, not compressed: else 415 naming what was sent.</li>
 * </ul>
 */
public final class RequestBodies {
    private static final Set<HandlerType> WITH_BODY = Set.of(HandlerType.POST, HandlerType.PATCH, HandlerType.PUT,
            HandlerType.DELETE);

    private RequestBodies() {
    }

    /** Reads and checks the body of a body-carrying request; throws the 4xx that answers a body it refuses. */
    static void admit(Context ctx) {
        if (!WITH_BODY.contains(ctx.method())) {
            return;
        }
        if (ctx.contentLength() > HttpServer.MAX_BODY_BYTES) {
            // announced too large: answered before a byte of it is read (a client sending
            // "Expect: 100-continue" then never sends it at all)
            throw tooLarge();
        }
        byte[] body = read(ctx);
        if (body.length == 0) {
            // nothing to interpret, but a charset nobody knows would still break ctx.body() in a handler
            charset(ctx.header("Content-Type"));
            return;
        }
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            throw unsupported("unsupported-encoding", "the body is sent with Content-Encoding '" + clip(encoding)
                    + "'; send it uncompressed");
        }
        checkMediaType(ctx.header("Content-Type"));
    }

    /** Throws the 415 for a {@code Content-Type} that a non-empty JSON body may not have. */
    static void checkMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("unsupported-media-type", "the request has a body but no Content-Type; send it as"
                    + " 'Content-Type: application/json'");
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean json = type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
        if (!json) {
            throw unsupported("unsupported-media-type", "only application/json request bodies are accepted, got '"
                    + clip(contentType.strip()) + "'");
        }
        Charset charset = charset(contentType);
        if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
            throw unsupported("unsupported-charset", "only UTF-8 request bodies are accepted, got charset '"
                    + clip(charset.name()) + "'");
        }
    }

    /** The charset a {@code Content-Type} names, null when it names none; an unknown one is a 415. */
    private static Charset charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        Charset found = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int eq = parameter.indexOf('=');
            if (eq < 0 || !parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                continue;
            }
            String name = parameter.substring(eq + 1).strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).strip();
            }
            try {
                found = Charset.isSupported(name) ? Charset.forName(name) : null;
            } catch (IllegalCharsetNameException e) {
                found = null;
            }
            if (found == null) {
                throw unsupported("unsupported-charset", "unknown charset '" + clip(name) + "' in Content-Type;"
                        + " send the body as UTF-8 (charset=utf-8, or no charset at all)");
            }
        }
        return found;
    }

    /** The body as text: UTF-8, strictly (a UTF-8 byte order mark is skipped); anything else is a 400. */
    public static String utf8(byte[] body) {
        int start = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF
                ? 3 : 0;
        boolean utf16Mark = body.length >= 2 && (((body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF)
                || ((body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE));
        boolean nul = false;
        for (int i = start; i < Math.min(body.length, start + 4); i++) {
            nul |= body[i] == 0;
        }
        if (utf16Mark || nul) {
            throw ApiException.badRequest("the body is not UTF-8 (it looks like UTF-16 or UTF-32); send JSON encoded as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
        try {
            CharBuffer text = decoder.decode(in);
            return text.toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the body is not valid UTF-8 (bad byte sequence near byte " + in.position()
                    + "); send JSON encoded as UTF-8");
        }
    }

    private static byte[] read(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() == 413) {
                throw tooLarge();
            }
            throw e;
        } catch (Exception e) {
            // Kotlin code may throw a checked IOException without declaring it
            throw unreadable(e);
        }
    }

    private static ApiException unreadable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http && http.getCode() == 413) {
                return tooLarge();
            }
            if (t instanceof HttpException http && http.getReason() != null) {
                return ApiException.badRequest("the request body could not be read: " + http.getReason()
                        + "; send it with a correct Content-Length or valid chunked encoding");
            }
        }
        return ApiException.badRequest("the request body could not be read (broken or cut-off transfer encoding);"
                + " send it with a correct Content-Length or valid chunked encoding");
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "payload-too-large", "Payload too large",
                "the body is larger than " + HttpServer.MAX_BODY_BYTES + " bytes");
    }

    private static ApiException unsupported(String type, String detail) {
        return new ApiException(415, type, "Unsupported media type", detail);
    }

    private static String clip(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }
}

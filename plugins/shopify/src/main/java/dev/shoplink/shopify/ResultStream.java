package dev.shoplink.shopify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shoplink.api.MalformedResponseException;
import java.io.IOException;
import java.io.InputStream;

/**
 * An open download of a bulk operation's JSONL result: where it stands (objects read, byte offset of
 * the next one in the whole file) and the object read ahead, which starts the next page.
 */
final class ResultStream implements AutoCloseable {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final InputStream body;
    private final JsonParser parser;
    /** The byte offset in the file where this stream starts. */
    private final long base;
    long objects;
    JsonNode pending;
    long pendingOffset;
    long lastUsed = System.nanoTime();

    ResultStream(InputStream body, long base, long objects) throws IOException {
        this.body = body;
        this.parser = MAPPER.createParser(body);
        this.base = base;
        this.objects = objects;
    }

    /** The next object and its byte offset, or null at the end. */
    JsonNode next(String what) throws IOException {
        if (pending != null) {
            JsonNode node = pending;
            pending = null;
            return node;
        }
        JsonToken token;
        try {
            token = parser.nextToken();
            if (token == null) {
                return null;
            }
            pendingOffset = base + parser.currentTokenLocation().getByteOffset();
            if (token != JsonToken.START_OBJECT) {
                throw new MalformedResponseException("line " + (objects + 1) + " of " + what + " is not a JSON object");
            }
            return MAPPER.readTree(parser);
        } catch (JacksonException e) {
            throw new MalformedResponseException("line " + (objects + 1) + " of " + what + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Whether the next object this stream yields is the one a cursor at {@code objectsRead} and {@code offset} reads next. */
    boolean isAt(long objectsRead, long offset) {
        return objects == objectsRead && pendingOffset == offset;
    }

    /** Keeps {@code object} to be read first by the next page. */
    void putBack(JsonNode object) {
        pending = object;
        lastUsed = System.nanoTime();
    }

    @Override
    public void close() {
        try {
            parser.close();
            body.close();
        } catch (IOException e) {
            // the stream is given up either way
        }
    }

    static void close(ResultStream stream) {
        if (stream != null) {
            stream.close();
        }
    }
}

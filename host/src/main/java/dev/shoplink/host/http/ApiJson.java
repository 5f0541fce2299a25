package dev.shoplink.host.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * Javalin's JSON mapper over the API's {@link ObjectMapper}, writing UTF-8 bytes directly.
 *
 * <p>Javalin's own Jackson mapper streams every {@code ctx.json(...)} through a piped stream fed by a
 * thread of its own; for responses of tens of kilobytes (a page of orders) that hand-over, and the
 * char-to-byte step of a {@code Writer}-based generator, cost more than the serialization itself.
 */
final class ApiJson implements JsonMapper {
    private final ObjectMapper mapper;

    ApiJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        try {
            return obj instanceof String s ? s : mapper.writeValueAsString(obj);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        try {
            return new ByteArrayInputStream(obj instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : mapper.writeValueAsBytes(obj));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void writeToOutputStream(Stream<?> stream, OutputStream out) {
        try {
            mapper.writeValue(out, stream.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> T fromJsonString(String json, Type type) {
        try {
            return mapper.readValue(json, mapper.constructType(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> T fromJsonStream(InputStream json, Type type) {
        try {
            return mapper.readValue(json, mapper.constructType(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

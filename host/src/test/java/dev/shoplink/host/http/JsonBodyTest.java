package dev.shoplink.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.host.domain.FieldError;
import io.javalin.http.Context;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    /** A request context that only has a body: all {@link JsonBody#parse} reads. */
    private static Context request(String body) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("bodyAsBytes") && method.getParameterCount() == 0) {
                        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static JsonBody parse(String json) {
        return JsonBody.parse(request(json));
    }

    private static ApiException failure(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        ApiException e = failure(() -> parse("  "));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("bad-request");
        assertThat(e.getMessage()).contains("needs a JSON object body");
    }

    @Test
    void malformedJsonIsABadRequestThatSaysWhere() {
        ApiException e = failure(() -> parse("{\n  \"name\": \"x\",,\n}"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("the body is not valid JSON").contains("line 2");
    }

    @Test
    void jsonNestedTooDeepIsABadRequestNamingTheLimit() {
        String deep = "{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
        ApiException e = failure(() -> parse(deep));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("the JSON is nested deeper than " + JsonBody.MAX_DEPTH + " levels");
        assertThat(parse("{\"a\":" + "[".repeat(JsonBody.MAX_DEPTH - 1) + "]".repeat(JsonBody.MAX_DEPTH - 1) + "}").valid())
                .as("the limit itself is fine").isTrue();
    }

    @Test
    void aNumberOrAFieldNameTooLongIsABadRequestNamingTheLimit() {
        ApiException number = failure(() -> parse("{\"id\": " + "9".repeat(1001) + "}"));
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.getMessage()).isEqualTo("a number in the body is longer than " + JsonBody.MAX_NUMBER_LENGTH + " characters");
        ApiException decimal = failure(() -> parse("{\"price\": 1." + "5".repeat(500) + "}"));
        assertThat(decimal.getMessage()).contains("number in the body is longer");
        ApiException name = failure(() -> parse("{\"" + "k".repeat(50_000) + "\": 1}"));
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.getMessage()).isEqualTo("a field name in the body is longer than " + JsonBody.MAX_NAME_LENGTH + " characters");
    }

    @Test
    void aBodyThatIsNoUtf8IsABadRequest() {
        ApiException utf16 = failure(() -> JsonBody.parse(bytes("{\"name\": \"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE))));
        assertThat(utf16.status()).isEqualTo(400);
        assertThat(utf16.getMessage()).contains("not UTF-8");
        ApiException bom16 = failure(() -> JsonBody.parse(bytes("{}".getBytes(java.nio.charset.StandardCharsets.UTF_16))));
        assertThat(bom16.getMessage()).contains("UTF-16");
        ApiException latin1 = failure(() -> JsonBody.parse(bytes("{\"name\": \"Caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
        assertThat(latin1.getMessage()).contains("not valid UTF-8");
        byte[] withBom = "\uFEFF{\"name\": \"Caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(JsonBody.parse(bytes(withBom)).string("name", true, 10)).as("a UTF-8 byte order mark is skipped").contains("Caf\u00e9");
    }

    private static Context bytes(byte[] body) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("bodyAsBytes")) {
                        return body;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void trailingGarbageAfterTheObjectIsMalformed() {
        assertThat(failure(() -> parse("{\"name\": \"x\"} }")).status()).isEqualTo(400);
        assertThat(failure(() -> parse("{\"name\": \"x\"}xyz")).getMessage()).startsWith("the body is not valid JSON");
    }

    @Test
    void aPatchFieldSentEmptyIsAnErrorNotALeftOutField() {
        JsonBody body = parse("{\"name\": \"  \", \"type\": \"\", \"day\": \"\"}");
        assertThat(body.nonBlank("name", 100)).isEmpty();
        assertThat(body.nonBlank("absent", 100)).isEmpty();
        assertThat(body.string("type", false, 100)).as("a clearable field may be empty").isEmpty();
        assertThat(body.date("day", false)).isEmpty();
        assertThat(body.errors()).extracting(FieldError::field).containsExactly("name", "day");
        assertThat(body.errors()).extracting(FieldError::message).containsOnly("must not be empty");
    }

    @Test
    void aBodyThatIsNoObjectIsABadRequest() {
        assertThat(failure(() -> parse("[1, 2]")).getMessage()).isEqualTo("the body must be a JSON object");
        assertThat(failure(() -> parse("\"text\"")).status()).isEqualTo(400);
    }

    @Test
    void everyInvalidFieldIsCollectedIntoOne422() {
        JsonBody body = parse("""
                {"name": "  ", "count": 7, "start": "2026-02-30", "type": "wholesale", "kind": "other",
                 "long": "abcdef", "id": 0, "flag": "yes"}
                """);

        assertThat(body.string("name", true, 10)).isEmpty();
        assertThat(body.string("missing", true, 10)).isEmpty();
        assertThat(body.string("optional", false, 10)).isEmpty();
        assertThat(body.string("count", true, 10)).as("a number is no string").isEmpty();
        assertThat(body.date("start", true)).isEmpty();
        assertThat(body.enumValue("type", true, Kind.class)).as("case-insensitive").contains(Kind.WHOLESALE);
        assertThat(body.enumValue("kind", true, Kind.class)).isEmpty();
        assertThat(body.string("long", true, 5)).isEmpty();
        assertThat(body.id("id", true)).isEmpty();
        assertThat(body.bool("flag")).isEmpty();

        assertThat(body.valid()).isFalse();
        ApiException e = failure(body::throwIfInvalid);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.type()).isEqualTo("validation");
        assertThat(e.getMessage()).isEqualTo("8 fields are invalid");
        assertThat(e.errors()).containsExactly(
                new FieldError("name", "must not be empty"),
                new FieldError("missing", "is required"),
                new FieldError("count", "must be a string"),
                new FieldError("start", "must be a real calendar date as YYYY-MM-DD, got '2026-02-30'"),
                new FieldError("kind", "must be one of WHOLESALE, RETAIL, got 'other'"),
                new FieldError("long", "must be at most 5 characters"),
                new FieldError("id", "must be a positive whole number"),
                new FieldError("flag", "must be true or false"));
    }

    @Test
    void validValuesAreReadAndTrimmed() {
        JsonBody body = parse("{\"name\": \"  Main store \", \"start\": \"2026-11-01\", \"id\": 17, \"flag\": true, \"extra\": 1}");

        assertThat(body.string("name", true, 200)).contains("Main store");
        assertThat(body.date("start", true)).contains(LocalDate.of(2026, 11, 1));
        assertThat(body.id("id", true)).contains(17L);
        assertThat(body.bool("flag")).contains(true);
        assertThat(body.valid()).as("unknown fields are ignored").isTrue();
    }

    @Test
    void oneErrorIsNamedInTheDetail() {
        JsonBody body = parse("{}");
        body.string("name", true, 10);

        assertThat(failure(body::throwIfInvalid).getMessage()).isEqualTo("name: is required");
    }

    @Test
    void nestedObjectsAndArraysNameTheirFieldsByPath() {
        JsonBody body = parse("""
                {"credentials": {"apiKey": ""},
                 "mappings": [{"unit": "250 g"}, {"unit": 5}, 3],
                 "notAnObject": [], "notAnArray": {}}
                """);

        body.object("credentials", true).ifPresent(c -> c.string("apiKey", true, 100));
        List<String> units = body.array("mappings", true, m -> m.string("unit", true, 10));
        assertThat(body.object("notAnObject", true)).isEmpty();
        assertThat(body.array("notAnArray", true, m -> Optional.of(1))).isEmpty();

        assertThat(units).containsExactly("250 g");
        assertThat(body.errors()).containsExactly(
                new FieldError("credentials.apiKey", "must not be empty"),
                new FieldError("mappings[1].unit", "must be a string"),
                new FieldError("mappings[2]", "must be an object"),
                new FieldError("notAnObject", "must be an object"),
                new FieldError("notAnArray", "must be an array"));
    }

    enum Kind { WHOLESALE, RETAIL }
}

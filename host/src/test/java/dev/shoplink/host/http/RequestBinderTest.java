package dev.shoplink.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplink.host.domain.FieldError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestBinderTest {
    enum Colour { RED, GREEN }

    record Item(@NotNull(message = "is required") @Positive(message = "must be a positive whole number") Long id,
                @Size(max = 3, message = "must be at most {max} characters") String label) {
    }

    record Form(@NotNull(message = "is required") @Size(min = 1, message = "must not be empty")
                @Size(max = 5, message = "must be at most {max} characters") String name,
                Boolean flag,
                LocalDate day,
                Colour colour,
                ObjectNode settings,
                List<@NotNull(message = "must be an object") @Valid Item> items,
                @Valid Item main) {
    }

    record Patch(Optional<@Size(max = 5, message = "must be at most {max} characters") String> note,
                 Optional<LocalDate> day) {
    }

    private static <T extends Record> RequestBinder.Binding<T> read(String json, Class<T> type) {
        return RequestBinder.read(RequestBinder.parse(json), type);
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
    void everyFieldErrorAtOnceInTheOrderTheRecordDeclares() {
        var b = read("""
                {"main": {"id": 0, "label": "long label"}, "items": [{"id": 1}, 7, null, {"label": "x"}],
                 "settings": "on", "colour": "blue", "day": "2026-02-30", "flag": "yes", "name": "  too long name "}
                """, Form.class);
        assertThat(b.errors()).containsExactly(
                new FieldError("name", "must be at most 5 characters"),
                new FieldError("flag", "must be true or false"),
                new FieldError("day", "must be a real calendar date as YYYY-MM-DD, got '2026-02-30'"),
                new FieldError("colour", "must be one of RED, GREEN, got 'blue'"),
                new FieldError("settings", "must be an object"),
                new FieldError("items[1]", "must be an object"),
                new FieldError("items[2]", "must be an object"),
                new FieldError("items[3].id", "is required"),
                new FieldError("main.id", "must be a positive whole number"),
                new FieldError("main.label", "must be at most 3 characters"));
        ApiException e = failure(b::orThrow);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.type()).isEqualTo("validation");
        assertThat(e.errors()).hasSize(10);
    }

    @Test
    void wrongTypesAreFieldErrorsNotAFailedRequest() {
        var b = read("""
                {"name": 5, "items": {"id": 1}, "main": [1], "day": 20260101, "colour": "", "flag": null}
                """, Form.class);
        assertThat(b.errors()).containsExactly(
                new FieldError("name", "must be a string"),
                new FieldError("day", "must be a string"),
                new FieldError("colour", "must not be empty"),
                new FieldError("items", "must be an array"),
                new FieldError("main", "must be an object"));
        assertThat(read("{\"name\": \"a\", \"main\": {\"id\": \"7\"}}", Form.class).errors())
                .as("an id sent as text is refused by its @Positive, in the field's words")
                .containsExactly(new FieldError("main.id", "must be a positive whole number"));
        assertThat(read("{\"name\": \"a\", \"main\": {\"id\": 1.5}}", Form.class).errors())
                .containsExactly(new FieldError("main.id", "must be a positive whole number"));
    }

    @Test
    void validValuesAreReadStrippedAndUnknownFieldsIgnored() {
        var b = read("""
                {"name": "  Abc ", "flag": true, "day": "2026-11-01", "colour": "green", "settings": {"k": 1},
                 "items": [{"id": 3, "label": "ab"}], "whatever": {"x": [1, 2]}, "main": null}
                """, Form.class);
        assertThat(b.errors()).isEmpty();
        Form f = b.orThrow();
        assertThat(f.name()).isEqualTo("Abc");
        assertThat(f.flag()).isTrue();
        assertThat(f.day()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(f.colour()).isEqualTo(Colour.GREEN);
        assertThat(f.settings().get("k").asInt()).isEqualTo(1);
        assertThat(f.items()).containsExactly(new Item(3L, "ab"));
        assertThat(f.main()).isNull();
    }

    @Test
    void requiredAndEmptyAreTwoErrors() {
        assertThat(read("{}", Form.class).errors()).containsExactly(new FieldError("name", "is required"));
        assertThat(read("{\"name\": null}", Form.class).errors()).containsExactly(new FieldError("name", "is required"));
        assertThat(read("{\"name\": \"   \"}", Form.class).errors()).containsExactly(new FieldError("name", "must not be empty"));
        Form nulls = read("{\"name\": \"a\", \"settings\": null, \"items\": null, \"colour\": null}", Form.class).orThrow();
        assertThat(nulls.settings()).as("an object sent as null").isNull();
        assertThat(nulls.items()).isNull();
        assertThat(nulls.colour()).isNull();
    }

    @Test
    void aPatchTellsLeftOutFromSentAsNullFromAValue() {
        Patch absent = read("{}", Patch.class).orThrow();
        assertThat(absent.note()).as("left out").isNull();
        assertThat(absent.day()).isNull();
        Patch cleared = read("{\"note\": null, \"day\": null}", Patch.class).orThrow();
        assertThat(cleared.note()).as("sent as null").isEmpty();
        assertThat(cleared.day()).isEmpty();
        Patch set = read("{\"note\": \" hi \", \"day\": \"2026-01-02\"}", Patch.class).orThrow();
        assertThat(set.note()).contains("hi");
        assertThat(set.day()).contains(LocalDate.of(2026, 1, 2));
        assertThat(read("{\"note\": \"far too long\", \"day\": \"x\"}", Patch.class).errors()).containsExactly(
                new FieldError("note", "must be at most 5 characters"),
                new FieldError("day", "must be a real calendar date as YYYY-MM-DD, got 'x'"));
    }

    @Test
    void aRouteAddsItsOwnFindingsToTheSame422() {
        var b = read("{\"name\": \"\"}", Form.class);
        assertThat(b.hasError("name")).isTrue();
        assertThat(b.hasError("main")).isFalse();
        b.reject("main", "is required: choose one");
        b.reject("flag", "must be true here");
        ApiException e = failure(b::orThrow);
        assertThat(e.getMessage()).isEqualTo("3 fields are invalid");
        assertThat(e.errors()).as("in the record's order, wherever they came from")
                .extracting(FieldError::field).containsExactly("name", "flag", "main");
    }

    @Test
    void malformedOrNonObjectBodiesAreBadRequests() {
        assertThat(failure(() -> RequestBinder.parse("  ")).getMessage()).contains("needs a JSON object body");
        ApiException malformed = failure(() -> RequestBinder.parse("{\n  \"name\": \"x\",,\n}"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.getMessage()).startsWith("the body is not valid JSON").contains("line 2");
        assertThat(failure(() -> RequestBinder.parse("{} {}")).status()).isEqualTo(400);
        assertThat(failure(() -> RequestBinder.parse("[1]")).getMessage()).isEqualTo("the body must be a JSON object");
        String deep = "{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
        assertThat(failure(() -> RequestBinder.parse(deep)).getMessage())
                .isEqualTo("the JSON is nested deeper than " + RequestBinder.MAX_DEPTH + " levels");
        assertThat(failure(() -> RequestBinder.parse("{\"n\": " + "1".repeat(200) + "}")).getMessage())
                .isEqualTo("a number in the body is longer than " + RequestBinder.MAX_NUMBER_LENGTH + " characters");
        assertThat(failure(() -> RequestBinder.parse("{\"" + "n".repeat(1001) + "\": 1}")).getMessage())
                .isEqualTo("a field name in the body is longer than " + RequestBinder.MAX_NAME_LENGTH + " characters");
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertThat(RequestBinder.parse(RequestBodies.utf8(withBom)).isObject()).as("a UTF-8 byte order mark is skipped").isTrue();
        assertThatThrownBy(() -> RequestBodies.utf8("{\"a\": \"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(ApiException.class).hasMessageContaining("not valid UTF-8");
    }
}

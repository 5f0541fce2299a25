package dev.shoplink.host.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code after} cursor: what {@link OrderCursor#encode} writes reads back; anything else reads as nothing. */
class OrderCursorTest {
    static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void whatEncodeWritesDecodesToTheSameCursorAtMicroseconds() {
        OrderCursor cursor = new OrderCursor(Instant.parse("2026-11-20T17:02:11.123456789Z"), 4711, 20_000);
        assertThat(cursor.orderDate()).isEqualTo(Instant.parse("2026-11-20T17:02:11.123456Z"));
        assertThat(OrderCursor.decode(cursor.encode())).contains(cursor);
        OrderCursor beforeEpoch = new OrderCursor(Instant.parse("1969-12-31T23:59:59.5Z"), 1, 2);
        assertThat(OrderCursor.decode(beforeEpoch.encode())).contains(beforeEpoch);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void anythingElseDecodesToNothing() {
        List<String> bad = List.of("", "xyz", "!!!!", "a".repeat(101), encoded("o1.1.2"), encoded("o2.1.2.3"),
                encoded("o1.1.0.2"), encoded("o1.1.5.1"), encoded("o1.x.5.2"), encoded("o1.1.5.2 "),
                encoded("o1.99999999999999999999.5.2"), encoded("o1.1.99999999999999999999.2"),
                encoded("o1.1.5.9999999999"));
        for (String raw : bad) {
            assertThat(OrderCursor.decode(raw)).as("%s", raw).isEmpty();
        }
        assertThat(OrderCursor.decode(null)).isEmpty();
    }
}

package dev.shoplink.host.orders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of the orders overview starts: the sort key (order date, id) of the last order of the page
 * before, and the number of the page it starts, so that a page reached through {@code next} still says which page it
 * is. Sent as the opaque {@code after} parameter of a {@code next} link (base64url of {@code o1.<micros>.<id>.<page>});
 * a client never builds one. Reading from a sort key instead of skipping {@code (page - 1) * size} rows costs the
 * same on page 20,000 as on page 2, and rows inserted or changed meanwhile neither repeat nor skip an order that was
 * there before (an order inserted before the cursor's position is simply not on the pages still to come).
 */
public record OrderCursor(Instant orderDate, long id, int page) {
    private static final Pattern FORM = Pattern.compile("o1\\.(-?\\d{1,19})\\.(\\d{1,19})\\.(\\d{1,9})");

    public OrderCursor {
        orderDate = orderDate.truncatedTo(ChronoUnit.MICROS);
    }

    /** The cursor after {@code last}, starting page {@code page}. */
    public static OrderCursor after(OrderView last, int page) {
        return new OrderCursor(last.orderDate(), last.id(), page);
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, orderDate);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("o1." + micros + "." + id + "." + page).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor {@link #encode} wrote; empty for anything else (the caller names the parameter in its 4xx). */
    public static Optional<OrderCursor> decode(String raw) {
        if (raw == null || raw.length() > 100) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(m.group(1));
            long id = Long.parseLong(m.group(2));
            int page = Integer.parseInt(m.group(3));
            if (id < 1 || page < 2) {
                return Optional.empty();
            }
            return Optional.of(new OrderCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id, page));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}

package dev.shoplink.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Query parameters looked up case-insensitively, as ShipStation's ASP.NET binding does
 * ({@code pagesize} and {@code pageSize} both work there). Blank values count as absent.
 */
final class QueryParams {

    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    QueryParams(Map<String, List<String>> raw) {
        raw.forEach((name, list) -> {
            if (!list.isEmpty() && !list.get(0).isBlank()) {
                values.put(name, list.get(0).trim());
            }
        });
    }

    String text(String name) {
        return values.get(name);
    }

    /** Pacific wall-clock local millis, or {@code absent} when the parameter was not sent. */
    long date(String name, long absent) {
        String value = values.get(name);
        return value == null ? absent : PacificTime.parseQuery(name, value);
    }

    int integer(String name, int absent) {
        String value = values.get(name);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number: " + value);
        }
    }

    boolean bool(String name, boolean absent) {
        String value = values.get(name);
        if (value == null) {
            return absent;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException(name + " must be true or false: " + value);
        };
    }

    /** {@code sortDir}: ASC unless DESC is asked for. */
    boolean descending() {
        String value = values.get("sortDir");
        if (value == null || value.equalsIgnoreCase("ASC")) {
            return false;
        }
        if (value.equalsIgnoreCase("DESC")) {
            return true;
        }
        throw new BadRequestException("sortDir must be ASC or DESC: " + value);
    }

    /** The requested page window, with pageSize capped the way ShipStation caps it. */
    Paging paging(int pageSizeCap) {
        int page = Math.max(1, integer("page", 1));
        int pageSize = integer("pageSize", Paging.DEFAULT_PAGE_SIZE);
        if (pageSize < 1) {
            throw new BadRequestException("pageSize must be at least 1: " + pageSize);
        }
        return new Paging(page, Math.min(pageSize, pageSizeCap));
    }

    record Paging(int page, int pageSize) {
        /** ShipStation does not document its default; 100 is what clients observe. */
        static final int DEFAULT_PAGE_SIZE = 100;

        long firstMatch() {
            return (long) (page - 1) * pageSize;
        }

        int pages(int total) {
            return (int) ((total + (long) pageSize - 1) / pageSize);
        }
    }
}

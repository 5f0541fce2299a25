package dev.shoplink.shipstation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shoplink.api.MalformedResponseException;
import dev.shoplink.shipstation.Payloads.OrderList;
import dev.shoplink.shipstation.Payloads.Product;
import dev.shoplink.shipstation.Payloads.ProductList;
import java.io.IOException;

/**
 * Binds ShipStation's answer bodies to the {@link Payloads} records, and says what is wrong with a body
 * that does not bind (empty, cut short, not JSON, a value of the wrong type at a path) as a
 * {@link MalformedResponseException}. Data binding streams through the document and skips unknown
 * fields without building a tree, which keeps a 500-order page cheap; numbers bind straight from the
 * JSON text to {@link java.math.BigDecimal}, never through {@code double}.
 */
final class PayloadReader {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final ObjectReader PRODUCT_LIST = MAPPER.readerFor(ProductList.class);
    private static final ObjectReader PRODUCT = MAPPER.readerFor(Product.class);
    private static final ObjectReader ORDER_LIST = MAPPER.readerFor(OrderList.class);

    private PayloadReader() {
    }

    static ProductList productList(byte[] body, String endpoint) {
        ProductList list = read(PRODUCT_LIST, body, endpoint);
        if (list == null || list.products() == null) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " has no 'products' array");
        }
        return list;
    }

    static Product product(byte[] body, String endpoint) {
        Product product = read(PRODUCT, body, endpoint);
        if (product == null) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " is not a product");
        }
        return product;
    }

    static OrderList orderList(byte[] body, String endpoint) {
        OrderList list = read(ORDER_LIST, body, endpoint);
        if (list == null || list.orders() == null) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " has no 'orders' array");
        }
        return list;
    }

    /** Checks that a body is JSON at all: a wrong base URL tends to answer 200 with a web page. */
    static void requireJson(byte[] body, String endpoint) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint
                    + " is not JSON (is the base URL right?)", e);
        }
        if (json == null || json.isMissingNode()) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " is empty (is the base URL right?)");
        }
    }

    private static <T> T read(ObjectReader reader, byte[] body, String endpoint) {
        if (blank(body)) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " is empty");
        }
        try {
            return reader.readValue(body);
        } catch (JacksonException e) {
            throw malformed(e, body, endpoint);
        } catch (IOException e) {
            throw new MalformedResponseException("ShipStation's answer to " + endpoint + " could not be read", e);
        }
    }

    private static MalformedResponseException malformed(JacksonException e, byte[] body, String endpoint) {
        if (endsEarly(body)) {
            // Jackson's own text for this quotes parser states ("within/between Object entries", "Source: REDACTED …")
            return new MalformedResponseException("ShipStation's answer to " + endpoint + " is cut short: its JSON ends"
                    + " after " + body.length + " bytes, before the document is complete", e);
        }
        if (e instanceof JsonMappingException mapping) {
            return new MalformedResponseException("ShipStation's answer to " + endpoint + " has an unexpected value at '"
                    + path(mapping) + "': " + mapping.getOriginalMessage(), e);
        }
        return new MalformedResponseException("ShipStation's answer to " + endpoint + " is not valid JSON: "
                + e.getOriginalMessage(), e);
    }

    /** Whether the body is JSON that stops before its document is complete (rather than JSON that is wrong). */
    private static boolean endsEarly(byte[] body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            while (parser.nextToken() != null) {
                // read to the end
            }
            return false;
        } catch (JsonEOFException e) {
            return true;
        } catch (JsonProcessingException e) {
            // e.g. "end-of-input within/between Object entries": a plain parse error, but at the very end
            return e.getLocation() != null && e.getLocation().getByteOffset() >= body.length;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** A JSON path like {@code orders[3].items[0].unitPrice}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(document)" : path.toString();
    }
}

package dev.shoplink.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes products, orders (with {@link ShipStationOrderJson}), the store and tags in ShipStation V1's shape: every
 * documented field present, in the documented order, null where the shop would not know a value. Records are written
 * once with the streaming generator and kept as bytes, so serving a page is only copying bytes.
 */
final class ShipStationJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ShipStationJson() {
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] product(Product p) {
        return bytes(json -> writeProduct(json, p));
    }

    static byte[] order(Order o) {
        return bytes(json -> ShipStationOrderJson.write(json, o));
    }

    /** {@code {"<items>":[...],"total":N,"page":P,"pages":K}} assembled from pre-serialized records. */
    static byte[] envelope(String itemsName, List<byte[]> items, int total, int page, int pages) {
        byte[] head = ("{\"" + itemsName + "\":[").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("],\"total\":" + total + ",\"page\":" + page + ",\"pages\":" + pages + "}")
                .getBytes(StandardCharsets.UTF_8);
        int length = head.length + tail.length + Math.max(0, items.size() - 1);
        for (byte[] item : items) {
            length += item.length;
        }
        byte[] out = new byte[length];
        System.arraycopy(head, 0, out, 0, head.length);
        int at = head.length;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            byte[] item = items.get(i);
            System.arraycopy(item, 0, out, at, item.length);
            at += item.length;
        }
        System.arraycopy(tail, 0, out, at, tail.length);
        return out;
    }

    static BigDecimal money(long cents) {
        return decimal(BigDecimal.valueOf(cents, 2));
    }

    /** ShipStation's look for decimals: {@code 21.95}, {@code 81.5}, {@code 0.0} — no padding zeros. */
    static BigDecimal decimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }

    static void writeProduct(JsonGenerator json, Product p) throws IOException {
        json.writeStartObject();
        json.writeNumberField("productId", p.productId());
        json.writeStringField("sku", p.sku());
        json.writeStringField("name", p.name());
        json.writeNumberField("price", money(p.priceCents()));
        nullableMoney(json, "defaultCost", p.defaultCostCents());
        Product.Dimensions d = p.dimensions();
        nullableNumber(json, "length", d == null ? null : (long) d.length());
        nullableNumber(json, "width", d == null ? null : (long) d.width());
        nullableNumber(json, "height", d == null ? null : (long) d.height());
        json.writeNumberField("weightOz", money(p.weightHundredthsOz()));
        json.writeStringField("internalNotes", p.internalNotes());
        json.writeNullField("fulfillmentSku");
        json.writeStringField("createDate", PacificTime.shortStamp(p.createLocal()));
        json.writeStringField("modifyDate", PacificTime.shortStamp(p.modifyLocal()));
        json.writeBooleanField("active", p.active());
        if (p.category() == null) {
            json.writeNullField("productCategory");
        } else {
            json.writeObjectFieldStart("productCategory");
            json.writeNumberField("categoryId", p.category().categoryId());
            json.writeStringField("name", p.category().name());
            json.writeEndObject();
        }
        json.writeNullField("productType");
        json.writeStringField("warehouseLocation", p.warehouseLocation());
        json.writeNullField("defaultCarrierCode");
        json.writeNullField("defaultServiceCode");
        json.writeNullField("defaultPackageCode");
        json.writeNullField("defaultIntlCarrierCode");
        json.writeNullField("defaultIntlServiceCode");
        json.writeNullField("defaultIntlPackageCode");
        json.writeNullField("defaultConfirmation");
        json.writeNullField("defaultIntlConfirmation");
        writeCustomsAndTags(json, p);
        json.writeNullField("aliases");
        json.writeEndObject();
    }

    /** The product's customs defaults (all null unless it has them) and its tags. */
    private static void writeCustomsAndTags(JsonGenerator json, Product p) throws IOException {
        if (p.customsDefaults()) {
            json.writeStringField("customsDescription", "Roasted coffee");
            json.writeNumberField("customsValue", money(p.priceCents()));
            json.writeStringField("customsTariffNo", "0901.21");
            json.writeStringField("customsCountryCode", "US");
            json.writeBooleanField("noCustoms", false);
        } else {
            json.writeNullField("customsDescription");
            json.writeNullField("customsValue");
            json.writeNullField("customsTariffNo");
            json.writeNullField("customsCountryCode");
            json.writeNullField("noCustoms");
        }
        if (p.tags() == null) {
            json.writeNullField("tags");
        } else {
            json.writeArrayFieldStart("tags");
            for (Vocabulary.Tag tag : p.tags()) {
                json.writeStartObject();
                json.writeNumberField("tagId", tag.tagId());
                json.writeStringField("name", tag.name());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    static byte[] stores(Store store) {
        return bytes(json -> {
            json.writeStartArray();
            json.writeStartObject();
            json.writeNumberField("storeId", store.storeId());
            json.writeStringField("storeName", store.storeName());
            json.writeNumberField("marketplaceId", 0);
            json.writeStringField("marketplaceName", "ShipStation");
            json.writeNullField("accountName");
            json.writeStringField("email", store.email());
            json.writeNullField("integrationUrl");
            json.writeBooleanField("active", true);
            json.writeStringField("companyName", store.companyName());
            json.writeStringField("phone", "555-0142");
            json.writeStringField("publicEmail", store.email());
            json.writeStringField("website", store.website());
            json.writeStringField("refreshDate", PacificTime.shortStamp(store.refreshLocal()));
            json.writeStringField("lastRefreshAttempt", PacificTime.shortStamp(store.refreshLocal()));
            json.writeStringField("createDate", PacificTime.shortStamp(store.createLocal()));
            json.writeStringField("modifyDate", PacificTime.shortStamp(store.createLocal()));
            json.writeBooleanField("autoRefresh", true);
            json.writeEndObject();
            json.writeEndArray();
        });
    }

    static byte[] tags() {
        return bytes(json -> {
            json.writeStartArray();
            for (Vocabulary.Tag tag : Vocabulary.TAGS) {
                json.writeStartObject();
                json.writeNumberField("tagId", tag.tagId());
                json.writeStringField("name", tag.name());
                json.writeStringField("color", tag.color());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    static byte[] message(String message) {
        return bytes(json -> {
            json.writeStartObject();
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    static void nullableMoney(JsonGenerator json, String field, Long cents) throws IOException {
        if (cents == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, money(cents));
        }
    }

    static void nullableNumber(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    static void nullableOrderStamp(JsonGenerator json, String field, Long local) throws IOException {
        if (local == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, PacificTime.orderStamp(local));
        }
    }
}

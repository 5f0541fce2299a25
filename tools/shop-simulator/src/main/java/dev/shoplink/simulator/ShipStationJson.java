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
 * Writes products, orders, the store and tags in ShipStation V1's shape: every documented field
 * present, in the documented order, null where the shop would not know a value. Records are written
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
        return bytes(json -> writeOrder(json, o));
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
        json.writeNullField("aliases");
        json.writeEndObject();
    }

    static void writeOrder(JsonGenerator json, Order o) throws IOException {
        json.writeStartObject();
        json.writeNumberField("orderId", o.orderId());
        json.writeStringField("orderNumber", o.orderNumber());
        json.writeStringField("orderKey", o.orderKey());
        json.writeStringField("orderDate", PacificTime.orderStamp(o.orderDate()));
        json.writeStringField("createDate", PacificTime.orderStamp(o.createDate()));
        json.writeStringField("modifyDate", PacificTime.orderStamp(o.modifyDate()));
        nullableOrderStamp(json, "paymentDate", o.paymentDate());
        nullableOrderStamp(json, "shipByDate", o.shipByDate());
        json.writeStringField("orderStatus", o.status().wireName());
        json.writeNumberField("customerId", o.customerId());
        json.writeStringField("customerUsername", o.customerEmail());
        json.writeStringField("customerEmail", o.customerEmail());
        json.writeFieldName("billTo");
        writeAddress(json, o.billTo());
        json.writeFieldName("shipTo");
        writeAddress(json, o.shipTo());
        json.writeArrayFieldStart("items");
        for (Order.Item item : o.items()) {
            writeItem(json, item);
        }
        json.writeEndArray();
        json.writeNumberField("orderTotal", money(o.orderTotalCents()));
        json.writeNumberField("amountPaid", money(o.amountPaidCents()));
        json.writeNumberField("taxAmount", money(o.taxCents()));
        json.writeNumberField("shippingAmount", money(o.shippingCents()));
        json.writeStringField("customerNotes", o.customerNotes());
        json.writeStringField("internalNotes", o.internalNotes());
        json.writeBooleanField("gift", o.gift());
        json.writeStringField("giftMessage", o.giftMessage());
        json.writeStringField("paymentMethod", o.paymentMethod());
        json.writeStringField("requestedShippingService", o.requestedShippingService());
        json.writeStringField("carrierCode", o.carrierCode());
        json.writeStringField("serviceCode", o.serviceCode());
        json.writeStringField("packageCode", o.packageCode());
        json.writeStringField("confirmation", o.confirmation());
        if (o.shipDate() == null) {
            json.writeNullField("shipDate");
        } else {
            json.writeStringField("shipDate", PacificTime.dateStamp(o.shipDate()));
        }
        if (o.holdUntilDate() == null) {
            json.writeNullField("holdUntilDate");
        } else {
            json.writeStringField("holdUntilDate", PacificTime.dateStamp(o.holdUntilDate()));
        }
        json.writeObjectFieldStart("weight");
        json.writeNumberField("value", money(o.weightHundredthsOz()));
        json.writeStringField("units", "ounces");
        json.writeEndObject();
        if (o.hasDimensions()) {
            json.writeObjectFieldStart("dimensions");
            json.writeStringField("units", "inches");
            json.writeNumberField("length", 12.0);
            json.writeNumberField("width", 9.0);
            json.writeNumberField("height", 4.0);
            json.writeEndObject();
        } else {
            json.writeNullField("dimensions");
        }
        json.writeObjectFieldStart("insuranceOptions");
        json.writeNullField("provider");
        json.writeBooleanField("insureShipment", false);
        json.writeNumberField("insuredValue", 0.0);
        json.writeEndObject();
        json.writeObjectFieldStart("internationalOptions");
        json.writeStringField("contents", o.international() ? "merchandise" : null);
        json.writeNullField("customsItems");
        json.writeStringField("nonDelivery", o.international() ? "return_to_sender" : null);
        json.writeEndObject();
        json.writeObjectFieldStart("advancedOptions");
        json.writeNumberField("warehouseId", 412233);
        json.writeBooleanField("nonMachinable", false);
        json.writeBooleanField("saturdayDelivery", false);
        json.writeBooleanField("containsAlcohol", false);
        json.writeBooleanField("mergedOrSplit", false);
        json.writeArrayFieldStart("mergedIds");
        json.writeEndArray();
        json.writeNullField("parentId");
        json.writeNumberField("storeId", o.storeId());
        json.writeStringField("customField1", o.customField1());
        json.writeNullField("customField2");
        json.writeNullField("customField3");
        json.writeStringField("source", o.source());
        json.writeNullField("billToParty");
        json.writeNullField("billToAccount");
        json.writeNullField("billToPostalCode");
        json.writeNullField("billToCountryCode");
        json.writeNullField("billToMyOtherAccount");
        json.writeEndObject();
        if (o.tagIds() == null) {
            json.writeNullField("tagIds");
        } else {
            json.writeArrayFieldStart("tagIds");
            for (long tagId : o.tagIds()) {
                json.writeNumber(tagId);
            }
            json.writeEndArray();
        }
        json.writeNullField("userId");
        json.writeBooleanField("externallyFulfilled", false);
        json.writeNullField("externallyFulfilledBy");
        json.writeNullField("externallyFulfilledById");
        json.writeNullField("externallyFulfilledByName");
        json.writeEndObject();
    }

    static void writeItem(JsonGenerator json, Order.Item item) throws IOException {
        json.writeStartObject();
        json.writeNumberField("orderItemId", item.orderItemId());
        json.writeStringField("lineItemKey", item.lineItemKey());
        json.writeStringField("sku", item.sku());
        json.writeStringField("name", item.name());
        json.writeStringField("imageUrl", item.imageUrl());
        json.writeObjectFieldStart("weight");
        json.writeNumberField("value", money(item.weightHundredthsOz()));
        json.writeStringField("units", "ounces");
        json.writeEndObject();
        json.writeNumberField("quantity", item.quantity());
        json.writeNumberField("unitPrice", money(item.unitPriceCents()));
        json.writeNullField("taxAmount");
        json.writeNullField("shippingAmount");
        json.writeStringField("warehouseLocation", item.warehouseLocation());
        json.writeArrayFieldStart("options");
        if (item.sizeLabel() != null) {
            option(json, "Size", item.sizeLabel());
        }
        if (item.grindLabel() != null) {
            option(json, "Grind", item.grindLabel());
        }
        json.writeEndArray();
        nullableNumber(json, "productId", item.productId());
        json.writeNullField("fulfillmentSku");
        json.writeBooleanField("adjustment", item.adjustment());
        json.writeStringField("upc", item.upc());
        json.writeStringField("createDate", PacificTime.shortStamp(item.createDate()));
        json.writeStringField("modifyDate", PacificTime.shortStamp(item.modifyDate()));
        json.writeEndObject();
    }

    private static void option(JsonGenerator json, String name, String value) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("value", value);
        json.writeEndObject();
    }

    private static void writeAddress(JsonGenerator json, Order.Address a) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", a.name());
        json.writeStringField("company", a.company());
        json.writeStringField("street1", a.street1());
        json.writeStringField("street2", a.street2());
        json.writeNullField("street3");
        json.writeStringField("city", a.city());
        json.writeStringField("state", a.state());
        json.writeStringField("postalCode", a.postalCode());
        json.writeStringField("country", a.country());
        json.writeStringField("phone", a.phone());
        if (a.residential() == null) {
            json.writeNullField("residential");
        } else {
            json.writeBooleanField("residential", a.residential());
        }
        json.writeStringField("addressVerified", a.addressVerified());
        json.writeEndObject();
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

    private static void nullableMoney(JsonGenerator json, String field, Long cents) throws IOException {
        if (cents == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, money(cents));
        }
    }

    private static void nullableNumber(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    private static void nullableOrderStamp(JsonGenerator json, String field, Long local) throws IOException {
        if (local == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, PacificTime.orderStamp(local));
        }
    }
}

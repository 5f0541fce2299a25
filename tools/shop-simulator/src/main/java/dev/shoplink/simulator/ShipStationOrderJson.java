package dev.shoplink.simulator;

import static dev.shoplink.simulator.ShipStationJson.money;
import static dev.shoplink.simulator.ShipStationJson.nullableNumber;
import static dev.shoplink.simulator.ShipStationJson.nullableOrderStamp;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes an order, its items and its addresses in ShipStation V1's shape, every documented field in the documented order. */
final class ShipStationOrderJson {
    private ShipStationOrderJson() {
    }

    static void write(JsonGenerator json, Order o) throws IOException {
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
        address(json, o.billTo());
        json.writeFieldName("shipTo");
        address(json, o.shipTo());
        json.writeArrayFieldStart("items");
        for (Order.Item item : o.items()) {
            item(json, item);
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
        shipping(json, o);
        advancedOptions(json, o);
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

    /** Ship date, hold, weight, dimensions, insurance and customs: what the shipment needs to know. */
    private static void shipping(JsonGenerator json, Order o) throws IOException {
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
    }

    private static void advancedOptions(JsonGenerator json, Order o) throws IOException {
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
    }

    static void item(JsonGenerator json, Order.Item item) throws IOException {
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

    private static void address(JsonGenerator json, Order.Address a) throws IOException {
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
}

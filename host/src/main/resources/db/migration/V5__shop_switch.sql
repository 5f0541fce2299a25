-- Switching shops (POST /api/v1/integrations/{id}/switch).
-- switched_from: the integration a switch replaced. Listings of the new integration inherit the state and mapping
-- of the predecessor's listings with the same SKU; its orders are linked to the predecessor's orders with the same
-- order number instead of being imported a second time.
alter table integration add column switched_from bigint;

-- order_number: the shop's order reference normalized (surrounding blanks and one leading '#' removed, then blanks
-- again), so that Shopify's "#1001" and ShipStation's "1001" are one number. Written by every order upsert.
-- Not unique: one shop can hold two orders under one number (ShipStation's split orders share their number);
-- a number found twice is a conflict the switch reports and never links.
alter table shop_order add column order_number varchar(255) default '' not null;
update shop_order set order_number = case when substring(trim(external_ref) from 1 for 1) = '#'
    then trim(substring(trim(external_ref) from 2)) else trim(external_ref) end;
-- read only for the predecessor of a switched integration: "its orders with these numbers"
create index shop_order_number on shop_order (integration_id, order_number);

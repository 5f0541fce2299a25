-- The orders overview sorts newest first. H2 serves "where integration_id = ? order by order_date desc"
-- from an index only when the index runs in that direction and the query orders by the equality
-- columns first (OrderRepository.list does); ascending ones made every filtered page sort all matches.
drop index shop_order_integration_date;
drop index shop_order_status_date;
create index shop_order_integration_date on shop_order (integration_id, order_date desc, id desc);
create index shop_order_status_date on shop_order (status, order_date desc, id desc);
create index shop_order_integration_status_date on shop_order (integration_id, status, order_date desc, id desc);

-- Every index is one more tree that each imported order or line is written into. No query reads these:
-- text search lowercases the columns (an index on the raw value cannot serve it), and lines are found by
-- their order, not by SKU or listing.
drop index shop_order_ref;
drop index order_line_sku;
drop index order_line_listing;

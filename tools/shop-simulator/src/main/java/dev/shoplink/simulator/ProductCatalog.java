package dev.shoplink.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** The shop's products with their JSON pre-serialized and the three sort orders ShipStation offers. */
final class ProductCatalog {

    enum SortBy { SKU, MODIFY_DATE, CREATE_DATE }

    /**
     * A parsed {@code GET /products} query; dates are Pacific local millis with open bounds at the extremes.
     *
     * @param sortBy null keeps productId order
     */
    record Query(long createdAfter, long createdBefore, boolean showInactive, String sku, String name,
            SortBy sortBy, boolean descending, QueryParams.Paging paging) {

        static Query parse(QueryParams params, int pageSizeCap) {
            String sortBy = params.text("sortBy");
            SortBy sort = null;
            if (sortBy != null) {
                sort = switch (sortBy.toLowerCase(Locale.ROOT)) {
                    case "sku" -> SortBy.SKU;
                    case "modifydate" -> SortBy.MODIFY_DATE;
                    case "createdate" -> SortBy.CREATE_DATE;
                    default -> throw new BadRequestException("sortBy must be SKU, ModifyDate or CreateDate: " + sortBy);
                };
            }
            String name = params.text("name");
            return new Query(
                    params.date("startDate", Long.MIN_VALUE),
                    params.date("endDate", Long.MAX_VALUE),
                    params.bool("showInactive", false),
                    params.text("sku"),
                    name == null ? null : name.toLowerCase(Locale.ROOT),
                    sort,
                    params.descending(),
                    params.paging(pageSizeCap));
        }
    }

    private final List<Product> products;
    private final List<byte[]> json;
    private final int[] bySku;
    private final int[] byCreateDate;
    private final int[] byModifyDate;

    ProductCatalog(List<Product> products) {
        this.products = List.copyOf(products);
        this.json = products.parallelStream().map(ShipStationJson::product).toList();
        this.bySku = sorted(Comparator.comparing(Product::sku));
        this.byCreateDate = sorted(Comparator.comparingLong(Product::createLocal));
        this.byModifyDate = sorted(Comparator.comparingLong(Product::modifyLocal));
    }

    /** Ties are broken by productId so the same query always pages the same way. */
    private int[] sorted(Comparator<Product> key) {
        Comparator<Product> stable = key.thenComparingLong(Product::productId);
        return IntStream.range(0, products.size()).boxed()
                .sorted((a, b) -> stable.compare(products.get(a), products.get(b)))
                .mapToInt(Integer::intValue).toArray();
    }

    List<Product> products() {
        return products;
    }

    byte[] find(long productId) {
        long position = productId - ShopGenerator.FIRST_PRODUCT_ID;
        return position < 0 || position >= json.size() ? null : json.get((int) position);
    }

    Page query(Query q) {
        int n = products.size();
        int[] order = q.sortBy() == null ? null : switch (q.sortBy()) {
            case SKU -> bySku;
            case MODIFY_DATE -> byModifyDate;
            case CREATE_DATE -> byCreateDate;
        };
        long skip = q.paging().firstMatch();
        int pageSize = q.paging().pageSize();
        List<byte[]> items = new ArrayList<>(Math.min(pageSize, 512));
        int total = 0;
        for (int k = 0; k < n; k++) {
            int step = q.descending() ? n - 1 - k : k;
            int i = order == null ? step : order[step];
            Product p = products.get(i);
            if (p.createLocal() > q.createdAfter() && p.createLocal() < q.createdBefore()
                    && (q.showInactive() || p.active())
                    && (q.sku() == null || p.sku().equalsIgnoreCase(q.sku()))
                    && (q.name() == null || (p.name() != null && p.name().toLowerCase(Locale.ROOT).contains(q.name())))) {
                if (total >= skip && items.size() < pageSize) {
                    items.add(json.get(i));
                }
                total++;
            }
        }
        return new Page(items, total, q.paging().page(), q.paging().pages(total));
    }
}

package dev.shoplink.simulator;

import java.util.List;

/**
 * One ShipStation product record: a single sellable variant (bag size × grind) with its own SKU.
 * Money is kept in cents and weight in hundredths of an ounce so sums stay exact.
 *
 * @param index position in the catalog, which is also creation order
 * @param createdAtMillis the creation instant (epoch millis) — orders may only reference products that
 *     already existed when they were placed
 * @param createLocal Pacific wall clock of {@code createDate} (see {@link PacificTime})
 * @param modifiedAtMillis the instant (epoch millis) of {@code modifyDate}, for the Shopify view's {@code updatedAt}
 * @param dimensions in inches, or null when the roaster never entered them
 */
record Product(
        int index,
        long productId,
        String sku,
        String name,
        String sizeLabel,
        String grindLabel,
        long priceCents,
        Long defaultCostCents,
        long weightHundredthsOz,
        Dimensions dimensions,
        String internalNotes,
        String warehouseLocation,
        Category category,
        boolean customsDefaults,
        List<Vocabulary.Tag> tags,
        String imageUrl,
        String upc,
        long createdAtMillis,
        long createLocal,
        long modifyLocal,
        long modifiedAtMillis,
        boolean active) {

    record Category(long categoryId, String name) {
    }

    record Dimensions(int length, int width, int height) {
    }
}

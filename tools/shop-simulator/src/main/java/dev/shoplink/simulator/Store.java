package dev.shoplink.simulator;

/** The one ShipStation store the roaster's orders come from ({@code advancedOptions.storeId}). */
record Store(long storeId, String storeName, String companyName, String email, String website,
        long createLocal, long refreshLocal) {
}

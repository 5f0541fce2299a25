package dev.shoplink.shopify;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.testkit.ShopConnectorContract;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The shared connector contract, run against a Shopify shop played by WireMock. */
class ShopifyConnectorContractTest extends ShopConnectorContract {
    private static FakeShopify shopify;

    private final ShopConnector connector = new ShopifyConnector(ShopifyClient.withOwnPacing());

    @BeforeAll
    static void start() {
        shopify = new FakeShopify();
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    @BeforeEach
    void emptyShop() {
        shopify.reset();
    }

    @Override
    protected ShopConnector connector() {
        return connector;
    }

    @Override
    protected Connection goodConnection() {
        return shopify.connection();
    }

    @Override
    protected Connection badCredentialsConnection() {
        return shopify.connection("shpat_ffffffffffffffffffffffffffffffff");
    }

    /** Products per listings page; an order page (20) is smaller, so the suite serves several of those too. */
    @Override
    protected int pageSize() {
        return Math.max(Queries.PRODUCTS, Queries.ORDERS);
    }

    @Override
    protected void givenListings(int count, int unnamed) {
        shopify.serveProducts(count, 1, unnamed);
    }

    @Override
    protected void givenOrders(int count) {
        shopify.serveOrders(count, 2);
    }

    @Override
    protected void givenUnavailable() {
        shopify.breakDown();
    }

    /** An empty bucket that refills at 100 points a second, and the test's clock stands still. */
    @Override
    protected void givenRateLimited() {
        shopify.bucket(2_000, 0, 100);
    }

    @Override
    protected void givenAccessDenied() {
        shopify.denyAccess();
    }

    @Override
    protected void givenMalformedAnswers() {
        shopify.answerCutOff();
    }

    @Override
    protected void givenShopDown() {
        shopify.dropConnections();
    }

    @Override
    protected void givenOrdersModifiedAround(Instant bound, int before, int after) {
        shopify.serveOrdersModifiedAround(bound, before, after);
    }

    /** The generated orders' lines sell the first product's variants 0 and 1. */
    @Override
    protected void givenOrdersSellingListings(int count) {
        shopify.serveProducts(2, 2, 0);
        shopify.serveOrders(count, 2);
    }
}

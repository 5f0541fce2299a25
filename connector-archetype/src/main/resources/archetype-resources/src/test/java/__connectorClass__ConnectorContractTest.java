package ${package};

import dev.shoplink.api.Connection;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.testkit.ShopConnectorContract;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The shared connector contract, every hook arranged, against ${connectorName} played by WireMock. */
class ${connectorClass}ConnectorContractTest extends ShopConnectorContract {
    private static Fake${connectorClass} shop;

    private final ShopConnector connector = new ${connectorClass}Connector();

    @BeforeAll
    static void start() {
        shop = new Fake${connectorClass}("test_key_9f2c41d7b0e6a3");
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @BeforeEach
    void emptyShop() {
        shop.reset();
    }

    @Override
    protected ShopConnector connector() {
        return connector;
    }

    @Override
    protected Connection goodConnection() {
        return shop.connection();
    }

    @Override
    protected Connection badCredentialsConnection() {
        return shop.connection("test_key_revoked0000");
    }

    @Override
    protected int pageSize() {
        return ${connectorClass}Connector.PAGE_SIZE;
    }

    @Override
    protected void givenListings(int count, int unnamed) {
        shop.serveProducts(count, unnamed);
    }

    @Override
    protected void givenOrders(int count) {
        shop.serveOrders(count);
    }

    @Override
    protected void givenUnavailable() {
        shop.breakDown();
    }

    @Override
    protected void givenRateLimited() {
        shop.useUpRateLimit();
    }

    @Override
    protected void givenAccessDenied() {
        shop.denyApiAccess();
    }

    @Override
    protected void givenMalformedAnswers() {
        shop.answerCutOff();
    }

    @Override
    protected void givenShopDown() {
        shop.dropConnections();
    }

    @Override
    protected void givenOrdersModifiedAround(Instant bound, int before, int after) {
        shop.serveOrdersModifiedAround(bound, before, after);
    }

    /** The generated orders sell variants 200000 to 200002, so three products serve them. */
    @Override
    protected void givenOrdersSellingListings(int count) {
        shop.serveProducts(3, 0);
        shop.serveOrders(count);
    }
}

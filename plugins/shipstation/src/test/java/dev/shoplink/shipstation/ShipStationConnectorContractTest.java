package dev.shoplink.shipstation;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.testkit.ShopConnectorContract;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The shared connector contract, run against ShipStation played by WireMock. */
class ShipStationConnectorContractTest extends ShopConnectorContract {
    private static FakeShipStation shipStation;

    private final ShopConnector connector = new ShipStationConnector(ShipStationClient.withOwnPacing());

    @BeforeAll
    static void start() {
        // not the documentation's example pair: its key "ShipStation" is in every message
        shipStation = new FakeShipStation("ss-key-7f3a9c", "ss-secret-41b7e2");
    }

    @AfterAll
    static void stop() {
        shipStation.close();
    }

    @BeforeEach
    void emptyAccount() {
        shipStation.reset();
    }

    @Override
    protected ShopConnector connector() {
        return connector;
    }

    @Override
    protected Connection goodConnection() {
        return shipStation.connection();
    }

    @Override
    protected Connection badCredentialsConnection() {
        return shipStation.connection("NotShipStation", "Wrong-secret");
    }

    @Override
    protected int pageSize() {
        return ShipStationConnector.PAGE_SIZE;
    }

    @Override
    protected void givenListings(int count, int unnamed) {
        shipStation.serveProducts(count, unnamed);
    }

    @Override
    protected void givenOrders(int count) {
        shipStation.serveOrders(count);
    }

    @Override
    protected void givenUnavailable() {
        shipStation.breakDown();
    }

    @Override
    protected void givenRateLimited() {
        shipStation.useUpRateLimit();
    }

    @Override
    protected void givenAccessDenied() {
        shipStation.denyApiAccess();
    }

    @Override
    protected void givenMalformedAnswers() {
        shipStation.answerCutOff();
    }

    @Override
    protected void givenShopDown() {
        shipStation.dropConnections();
    }

    @Override
    protected void givenOrdersModifiedAround(Instant bound, int before, int after) {
        shipStation.serveOrdersModifiedAround(bound, before, after);
    }

    /** The generated orders sell product 1000001 (their discount line names none); three products serve it. */
    @Override
    protected void givenOrdersSellingListings(int count) {
        shipStation.serveProducts(3, 0);
        shipStation.serveOrders(count);
    }
}

package dev.shoplink.shipstation;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.testkit.ShopConnectorContract;
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
}

package dev.shoplink.host.testing;

import java.util.Map;

/** An account of a test shop ({@link MemoryShop}, {@link ShipStationStub}): what the host's setup form needs of it. */
public interface TestShopAccount {
    /** The connector that talks to the shop. */
    String connectorId();

    /** The credentials object of {@code POST /api/v1/integrations}. */
    Map<String, String> credentials();
}

package dev.shoplink.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shoplink.api.Cursor;
import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.ShopConnector;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.MemoryShopContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test seam {@link PluginHost#serveInProcess}: the in-memory connector, served without an archive, passes the
 * contract suite behind the host's guard as well (exceptions pass through as the plugin API's types, a bug of the
 * connector becomes a {@link ConnectorFailureException}), and is listed like a plugin's connector.
 */
class MemoryShopServedContractTest extends MemoryShopContractTest {
    @TempDir
    Path plugins;
    PluginHost host;
    ShopConnector guarded;

    @BeforeEach
    void serve() {
        host = new PluginHost(plugins);
        host.scan();
        guarded = host.serveInProcess(shop.connector()).connector();
    }

    @AfterEach
    void closeHost() {
        host.close();
    }

    @Override
    protected ShopConnector connector() {
        return guarded;
    }

    @Test
    public void servedInProcessItIsListedGuardedAndKeptByScans() {
        assertThat(guarded).isInstanceOf(GuardedConnector.class);
        assertThat(host.connector(MemoryShop.ID)).hasValueSatisfying(e -> assertThat(e.pluginId()).isEqualTo(PluginHost.IN_PROCESS));
        assertThat(host.missing(MemoryShop.ID)).isEmpty();
        host.scan();
        assertThat(host.connectors()).extracting(e -> e.descriptor().id()).containsExactly(MemoryShop.ID);
        assertThat(host.plugins()).as("no archive is listed").isEmpty();
        assertThatThrownBy(() -> host.serveInProcess(shop.connector())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    public void aBugOfTheConnectorBecomesAConnectorFailureWithoutTheKey() {
        account.connectorBug(MemoryShop.Call.LISTINGS, 0, 1);

        assertThatThrownBy(() -> guarded.listings(goodConnection(), ListingQuery.everything(), Cursor.start()))
                .isInstanceOf(ConnectorFailureException.class)
                .hasMessageContaining("the memory connector failed")
                .hasMessageNotContaining(account.apiKey());
    }
}

package dev.shoplink.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The builder: a copy changes only what its call site names. */
class HostConfigTest {
    static final HostConfig LOADED = new ConfigLoader(Map.of("SHOPLINK_PORT", "7171", "SHOPLINK_ZONE", "Europe/Berlin",
            "SHOPLINK_SYNC_MAX_ATTEMPTS", "3"), new Properties()).load();

    @Test
    void aCopyFromTheBuilderEqualsTheOriginal() {
        assertThat(LOADED.toBuilder().build()).isEqualTo(LOADED);
        // every value away from what an empty builder holds (demo too, below), so that a value toBuilder() forgot shows
        Map<String, String> env = new HashMap<>();
        env.put("SHOPLINK_PORT", "7272");
        env.put("SHOPLINK_DATA_DIR", "/tmp/hc-data");
        env.put("SHOPLINK_PLUGINS_DIR", "/tmp/hc-plugins");
        env.put("SHOPLINK_ADMIN_TOKEN", "a-configured-admin-token-of-some-length");
        env.put("SHOPLINK_DB_URL", "jdbc:postgresql://db/shoplink");
        env.put("SHOPLINK_DB_USER", "roaster");
        env.put("SHOPLINK_DB_PASSWORD", "pw");
        env.put("SHOPLINK_SECRET_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        env.put("SHOPLINK_PREVIOUS_SECRET_KEY", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=");
        env.put("SHOPLINK_ZONE", "Asia/Tokyo");
        env.put("SHOPLINK_SHOP_TIMEOUT_SECONDS", "11");
        env.put("SHOPLINK_SHIPSTATION_BASE_URL", "http://127.0.0.1:8089");
        env.put("SHOPLINK_UNITS", "1 kg");
        env.put("SHOPLINK_GRIND_STYLES", "ESPRESSO");
        env.put("SHOPLINK_PLUGIN_SCAN_SECONDS", "7");
        env.put("SHOPLINK_SYNC_RETRY_BASE_MS", "300");
        env.put("SHOPLINK_SYNC_MAX_ATTEMPTS", "4");
        env.put("SHOPLINK_ORDERS_OVERLAP_MINUTES", "3");
        env.put("SHOPLINK_BIND", "0.0.0.0");
        env.put("SHOPLINK_CONNECTOR_TIMEOUT_SECONDS", "9");
        env.put("SHOPLINK_SYNC_THREADS", "5");
        HostConfig everySet = new ConfigLoader(env, new Properties()).load();
        assertThat(everySet.toBuilder().build()).isEqualTo(everySet);
        HostConfig demo = everySet.withDemo(everySet.dataDir(), everySet.baseUrlOverrides());
        assertThat(demo.demo()).isTrue();
        assertThat(demo.toBuilder().build()).isEqualTo(demo);
    }

    @Test
    void theDemoCopyChangesItsDataFolderAndBaseUrlsAndNothingElse() {
        Path demoData = Path.of("/tmp/demo-data");

        HostConfig demo = LOADED.withDemo(demoData, Map.of("shipstation", "http://127.0.0.1:8089"));

        assertThat(demo.demo()).isTrue();
        assertThat(demo.dataDir()).isEqualTo(demoData);
        assertThat(demo.baseUrlOverrides()).containsExactly(Map.entry("shipstation", "http://127.0.0.1:8089"));
        assertThat(demo.toBuilder().dataDir(LOADED.dataDir()).baseUrlOverrides(Map.of()).demo(false).build())
                .isEqualTo(LOADED);
    }

    @Test
    void aConfigurationWithoutItsFoldersIsRefused() {
        assertThatThrownBy(() -> HostConfig.builder().port(1).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("dataDir");
    }
}

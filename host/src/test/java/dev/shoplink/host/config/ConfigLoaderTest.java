package dev.shoplink.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static HostConfig load(Map<String, String> env, Map<String, String> file) {
        Properties props = new Properties();
        props.putAll(file);
        return new ConfigLoader(env, props).load();
    }

    @Test
    void defaultsWhenNothingIsSet() {
        HostConfig config = load(Map.of(), Map.of());

        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath().normalize());
        assertThat(config.pluginsDir()).isEqualTo(Path.of("plugins").toAbsolutePath().normalize());
        assertThat(config.adminToken()).isEmpty();
        assertThat(config.dbUrl()).isEmpty();
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:" + config.dataDir().resolve("shoplink"));
        assertThat(config.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.baseUrlOverrides()).isEmpty();
        assertThat(config.units()).isEqualTo(HostConfig.DEFAULT_UNITS);
        assertThat(config.grindStyles()).isEqualTo(HostConfig.DEFAULT_GRIND_STYLES);
        assertThat(config.demo()).isFalse();
        assertThat(config.bind()).as("loopback unless told otherwise").isEqualTo("127.0.0.1");
    }

    @Test
    void theBindAddressComesFromTheEnvironmentOverTheFile() {
        assertThat(load(Map.of("SHOPLINK_BIND", "0.0.0.0"), Map.of("shoplink.bind", "10.0.0.5")).bind()).isEqualTo("0.0.0.0");
        assertThat(load(Map.of(), Map.of("shoplink.bind", "10.0.0.5")).bind()).isEqualTo("10.0.0.5");
        assertThat(load(Map.of("SHOPLINK_BIND", "[::1]"), Map.of()).bind()).as("a URL's bracketed IPv6 form").isEqualTo("::1");
        assertThat(load(Map.of(), Map.of()).withPort(0).withBind("::").bind()).isEqualTo("::");
    }

    @Test
    void aBindAddressThatIsNoAddressStopsTheStartWithOneLine() {
        assertThatThrownBy(() -> load(Map.of("SHOPLINK_BIND", "http://0.0.0.0:7070"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SHOPLINK_BIND must be an IP address or a host name");
    }

    @Test
    void environmentWinsOverThePropertiesFile() {
        HostConfig config = load(
                Map.of("SHOPLINK_PORT", "8081", "SHOPLINK_ADMIN_TOKEN", "from-env"),
                Map.of("shoplink.port", "9091", "shoplink.admin.token", "from-file", "shoplink.zone", "Europe/Berlin"));

        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.adminToken()).contains("from-env");
        assertThat(config.zone()).as("keys only in the file still count").isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void aBlankEnvironmentVariableDoesNotHideTheFile() {
        HostConfig config = load(Map.of("SHOPLINK_PORT", "  "), Map.of("shoplink.port", "9091"));

        assertThat(config.port()).isEqualTo(9091);
    }

    @Test
    void thePropertiesFileAcceptsDottedDashedAndVariableSpellings(@TempDir Path tmp) {
        Path dotted = tmp.resolve("dotted");
        Path dashed = tmp.resolve("dashed");
        Path variable = tmp.resolve("variable");

        assertThat(load(Map.of(), Map.of("shoplink.data.dir", dotted.toString())).dataDir()).isEqualTo(dotted);
        assertThat(load(Map.of(), Map.of("shoplink.data-dir", dashed.toString())).dataDir()).isEqualTo(dashed);
        assertThat(load(Map.of(), Map.of("SHOPLINK_DATA_DIR", variable.toString())).dataDir()).isEqualTo(variable);
        assertThat(load(Map.of("SHOPLINK_DATA_DIR", variable.toString()), Map.of("shoplink.data.dir", dotted.toString())).dataDir())
                .isEqualTo(variable);
    }

    @Test
    void relativePathsAreTakenFromTheWorkingDirectory() {
        HostConfig config = load(Map.of("SHOPLINK_DATA_DIR", "var/../state", "SHOPLINK_PLUGINS_DIR", "ext"), Map.of());

        assertThat(config.dataDir()).isAbsolute().isEqualTo(Path.of("state").toAbsolutePath().normalize());
        assertThat(config.pluginsDir()).isEqualTo(Path.of("ext").toAbsolutePath().normalize());
    }

    @Test
    void aConnectorBaseUrlVariableNamesTheConnectorById() {
        HostConfig config = load(Map.of("SHOPLINK_SHIPSTATION_BASE_URL", " http://127.0.0.1:8089 "), Map.of());

        assertThat(config.baseUrlOverrides()).containsExactly(Map.entry("shipstation", "http://127.0.0.1:8089"));
    }

    @Test
    void connectorBaseUrlsComeFromTheFileTooAndTheEnvironmentWins() {
        HostConfig config = load(
                Map.of("SHOPLINK_SHIPSTATION_BASE_URL", "http://env.test"),
                Map.of("shoplink.shipstation.base.url", "http://file.test", "shoplink.my-shop.base-url", "http://mine.test"));

        assertThat(config.baseUrlOverrides())
                .containsEntry("shipstation", "http://env.test")
                .containsEntry("my-shop", "http://mine.test")
                .hasSize(2);
    }

    @Test
    void otherVariablesAreNoConnectorOverrides() {
        HostConfig config = load(Map.of("SHOPLINK_DB_URL", "jdbc:h2:mem:x", "SHOPLINK__BASE_URL", "http://x.test",
                "OTHER_SHIPSTATION_BASE_URL", "http://y.test"), Map.of());

        assertThat(config.baseUrlOverrides()).isEmpty();
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void listsAreCommaSeparatedAndTrimmed() {
        HostConfig config = load(Map.of("SHOPLINK_UNITS", " 250 g, 1 kg ,,", "SHOPLINK_GRIND_STYLES", " , "), Map.of());

        assertThat(config.units()).containsExactly("250 g", "1 kg");
        assertThat(config.grindStyles()).as("an empty list falls back to the defaults").isEqualTo(HostConfig.DEFAULT_GRIND_STYLES);
    }

    @Test
    void durationsAndCountsAreRead() {
        HostConfig config = load(Map.of("SHOPLINK_SHOP_TIMEOUT_SECONDS", "3", "SHOPLINK_PLUGIN_SCAN_SECONDS", "0",
                "SHOPLINK_SYNC_RETRY_BASE_MS", "50", "SHOPLINK_SYNC_MAX_ATTEMPTS", "2"), Map.of());

        assertThat(config.shopTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.pluginScanInterval()).isZero();
        assertThat(config.syncRetryBase()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.syncMaxAttempts()).isEqualTo(2);
    }

    @Test
    void theSyncThreadsAreTwoUnlessSetAndOutOfRangeCountsAreRefused() {
        assertThat(load(Map.of(), Map.of()).syncThreads()).isEqualTo(2);
        assertThat(load(Map.of("SHOPLINK_SYNC_THREADS", "8"), Map.of()).syncThreads()).isEqualTo(8);
        assertThat(load(Map.of(), Map.of("shoplink.sync.threads", "4")).syncThreads()).isEqualTo(4);
        assertThatThrownBy(() -> load(Map.of("SHOPLINK_SYNC_THREADS", "0"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("SHOPLINK_SYNC_THREADS must be between 1 and 64, got 0");
        assertThatThrownBy(() -> load(Map.of("SHOPLINK_SYNC_THREADS", "65"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("SHOPLINK_SYNC_THREADS must be between 1 and 64, got 65");
    }

    @Test
    void aPortThatIsNoNumberIsRefusedWithTheVariableAndTheValue() {
        assertThatThrownBy(() -> load(Map.of("SHOPLINK_PORT", "80a"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("SHOPLINK_PORT must be a whole number, got '80a'");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("shoplink.port", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("SHOPLINK_PORT must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> load(Map.of("SHOPLINK_PORT", "-1"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("between 0 and 65535");
    }

    @Test
    void aConnectorBaseUrlThatIsNoAbsoluteHttpUrlIsRefusedAtStart() {
        assertThatThrownBy(() -> load(Map.of("SHOPLINK_SHIPSTATION_BASE_URL", "localhost:8089"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("SHOPLINK_SHIPSTATION_BASE_URL must be an absolute http(s) URL such as http://127.0.0.1:8089,"
                        + " got 'localhost:8089'");
        assertThatThrownBy(() -> load(Map.of(), Map.of("shoplink.shipstation.base-url", "http://bad host")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SHOPLINK_SHIPSTATION_BASE_URL is not a URL");
    }

    @Test
    void anUnknownZoneIsRefusedWithTheValue() {
        assertThatThrownBy(() -> load(Map.of("SHOPLINK_ZONE", "Mars/Olympus_Mons"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("SHOPLINK_ZONE is not a time zone id: Mars/Olympus_Mons");
    }

    @Test
    void otherNumbersAreCheckedToo() {
        assertThatThrownBy(() -> load(Map.of("SHOPLINK_SHOP_TIMEOUT_SECONDS", "ten"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("SHOPLINK_SHOP_TIMEOUT_SECONDS must be a whole number, got 'ten'");
    }
}

package dev.shoplink.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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

package dev.shoplink.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The built archive ({@code target/shopify-<version>.zip}) as the host will find it. */
class ShopifyPluginArchiveIT {

    @Test
    void thePluginPropertiesNameShopifyAndRequirePluginApi11() throws IOException {
        Path archive = Paths.get(System.getProperty("shopify.archive", "target/shopify-1.0.0-SNAPSHOT.zip"));
        assertThat(archive).exists();
        assertThat(archive.getFileName().toString()).matches("shopify-.+\\.zip");
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry entry = zip.getEntry("plugin.properties");
            assertThat(entry).as("plugin.properties at the archive's root").isNotNull();
            Properties properties = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                properties.load(in);
            }
            assertThat(properties.getProperty("plugin.id")).isEqualTo("shopify");
            assertThat(properties.getProperty("plugin.class")).isEqualTo(ShopifyPlugin.class.getName());
            assertThat(properties.getProperty("plugin.requires")).isEqualTo(">=1.1.0 & <2.0.0");
            assertThat(properties.getProperty("plugin.version")).doesNotContain("${");

            List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).anyMatch(name -> name.matches("lib/shoplink-shopify-.+\\.jar"));
            assertThat(names).anyMatch(name -> name.matches("lib/jackson-databind-.+\\.jar"));
            assertThat(names).as("the host provides these").noneMatch(name -> name.contains("plugin-api") || name.contains("pf4j"));
        }
        assertThat(Files.size(archive)).isPositive();
    }
}

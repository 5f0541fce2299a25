package dev.shoplink.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplink.api.PluginApi;
import dev.shoplink.api.ShopConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/** PF4J 3.13 loads the compiled plugin and finds the connector through its extension index. */
class ShopifyPluginTest {

    @Test
    void pf4jStartsThePluginAndFindsTheConnector(@TempDir Path pluginsRoot) throws IOException {
        // the archive's layout, with the compiled classes where the archive has lib/
        Path plugin = Files.createDirectories(pluginsRoot.resolve("shopify"));
        Files.writeString(plugin.resolve("plugin.properties"), String.join("\n",
                "plugin.id=shopify",
                "plugin.class=" + ShopifyPlugin.class.getName(),
                "plugin.version=1.0.0",
                "plugin.provider=Shoplink",
                "plugin.requires=>=1.1.0 & <2.0.0",
                ""));
        copyTree(Paths.get("target/classes"), plugin.resolve("classes"));

        PluginManager plugins = new DefaultPluginManager(pluginsRoot);
        plugins.setSystemVersion(PluginApi.VERSION);
        try {
            plugins.loadPlugins();
            plugins.startPlugins();

            assertThat(plugins.getPlugin("shopify").getPluginState()).isEqualTo(PluginState.STARTED);
            List<ShopConnector> connectors = plugins.getExtensions(ShopConnector.class, "shopify");
            assertThat(connectors).singleElement().satisfies(connector -> {
                assertThat(connector.getClass().getName()).isEqualTo(ShopifyConnector.class.getName());
                assertThat(connector.getClass().getClassLoader()).as("loaded by the plugin").isNotSameAs(getClass().getClassLoader());
                assertThat(connector.descriptor().id()).isEqualTo("shopify");
                assertThat(connector.apiBaseUrl("roaster.myshopify.com").toString()).isEqualTo("https://roaster.myshopify.com");
            });
        } finally {
            plugins.stopPlugins();
            plugins.unloadPlugins();
        }
    }

    @Test
    void aHostOfPluginApi10RefusesThePlugin(@TempDir Path pluginsRoot) throws IOException {
        Path plugin = Files.createDirectories(pluginsRoot.resolve("shopify"));
        Files.writeString(plugin.resolve("plugin.properties"), String.join("\n",
                "plugin.id=shopify",
                "plugin.class=" + ShopifyPlugin.class.getName(),
                "plugin.version=1.0.0",
                "plugin.requires=>=1.1.0 & <2.0.0",
                ""));
        copyTree(Paths.get("target/classes"), plugin.resolve("classes"));

        PluginManager plugins = new DefaultPluginManager(pluginsRoot);
        plugins.setSystemVersion("1.0.0");
        try {
            plugins.loadPlugins();
            plugins.startPlugins();

            assertThat(plugins.getPlugins()).allSatisfy(p -> assertThat(p.getPluginState()).isNotEqualTo(PluginState.STARTED));
        } finally {
            plugins.stopPlugins();
            plugins.unloadPlugins();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    @Test
    void theExtensionIndexNamesTheConnector() throws IOException {
        Path index = Paths.get("target/classes/META-INF/extensions.idx");

        assertThat(Files.readAllLines(index)).contains(ShopifyConnector.class.getName());
    }
}

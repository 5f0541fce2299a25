/**
 * Connector plugins with faults, for {@code BrokenPluginsTest}, and a plugin API 1.1 connector
 * ({@code PerShopConnector}) for {@code PluginApiCompatibilityTest}. They are compiled with the host's
 * tests and zipped into real plugin archives at test time ({@code TestArchives}).
 *
 * <p>None of them carries {@code @org.pf4j.Extension}: PF4J's annotation processor would list it
 * in the test classes' own {@code META-INF/extensions.idx}, where PF4J also looks for the
 * extensions of a plugin whose archive has no index. Each archive names its connector in an
 * index of its own instead; the plugin class loader loads these classes from the archive (it
 * asks the host's class loader first only for {@code java.*} and {@code org.pf4j.*}).
 */
package dev.shoplink.host.plugins.broken;

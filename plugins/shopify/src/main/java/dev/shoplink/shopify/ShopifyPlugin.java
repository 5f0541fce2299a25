package dev.shoplink.shopify;

import org.pf4j.Plugin;

/**
 * The PF4J plugin holding {@link ShopifyConnector}. It has no life-cycle work of its own: the
 * connector keeps no resources that need starting or stopping.
 */
public class ShopifyPlugin extends Plugin {
    /** PF4J 3.13 creates plugins with this constructor; the {@code PluginWrapper} one is deprecated. */
    public ShopifyPlugin() {
        super();
    }
}

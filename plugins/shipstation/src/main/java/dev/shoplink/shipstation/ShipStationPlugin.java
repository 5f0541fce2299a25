package dev.shoplink.shipstation;

import org.pf4j.Plugin;

/**
 * The PF4J plugin holding {@link ShipStationConnector}. It has no life-cycle work of its own: the
 * connector keeps no resources that need starting or stopping.
 */
public class ShipStationPlugin extends Plugin {
    /** PF4J 3.13 creates plugins with this constructor; the {@code PluginWrapper} one is deprecated. */
    public ShipStationPlugin() {
        super();
    }
}

package dev.shoplink.examples.coffeemarket;

import org.pf4j.Plugin;

/** The PF4J plugin holding {@link CoffeeMarketConnector}; it has nothing to start or stop. */
public class CoffeeMarketPlugin extends Plugin {
    public CoffeeMarketPlugin() {
        super();
    }
}

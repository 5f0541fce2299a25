package dev.shoplink.host.plugins.broken;

import org.pf4j.Plugin;

/** A {@code Plugin-Class} whose constructor throws. */
public class ThrowingConstructorPlugin extends Plugin {
    public ThrowingConstructorPlugin() {
        throw new IllegalStateException("the licence file is missing");
    }
}

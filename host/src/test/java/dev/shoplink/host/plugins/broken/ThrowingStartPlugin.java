package dev.shoplink.host.plugins.broken;

import org.pf4j.Plugin;

/** A {@code Plugin-Class} whose {@code start()} throws. */
public class ThrowingStartPlugin extends Plugin {
    @Override
    public void start() {
        throw new IllegalStateException("the connection pool could not be opened");
    }
}

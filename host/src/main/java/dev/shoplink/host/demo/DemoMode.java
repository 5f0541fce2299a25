package dev.shoplink.host.demo;

import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.HostConfig;

/** The host beside a local demo shop. */
public final class DemoMode {
    private DemoMode() {
    }

    public static AutoCloseable start(HostConfig config) {
        throw new ConfigException("demo mode is not available in this build yet");
    }
}

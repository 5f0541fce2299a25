package dev.shoplink.host.http;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP handlers. Each feature package binds one; handlers call the feature's service, never SQL. */
public interface ApiRoutes {
    /** Registers the feature's routes; paths are absolute (they start with {@code /api/v1}). */
    void register(RoutesConfig routes);
}

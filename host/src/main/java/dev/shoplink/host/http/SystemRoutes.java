package dev.shoplink.host.http;

import dev.shoplink.api.PluginApi;
import dev.shoplink.host.config.HostConfig;
import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/system}: what this host is (version, demo mode, zone). */
public final class SystemRoutes implements ApiRoutes {
    private final HostConfig config;

    @Inject
    public SystemRoutes(HostConfig config) {
        this.config = config;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/system", ctx -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("version", version());
            info.put("pluginApiVersion", PluginApi.VERSION);
            info.put("demo", config.demo());
            info.put("zone", config.zone().getId());
            info.put("units", config.units());
            info.put("grindStyles", config.grindStyles());
            ctx.json(info);
        });
    }

    static String version() {
        String v = SystemRoutes.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}

package dev.shoplink.host.http;

import dev.shoplink.api.PluginApi;
import dev.shoplink.host.config.HostConfig;
import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
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
            info.put("memory", memory());
            ctx.json(info);
        });
    }

    /** Heap now, its limit, and the peak since start (sum of the heap pools' peaks), in bytes. */
    static Map<String, Long> memory() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("heapUsed", heap.getUsed());
        out.put("heapMax", heap.getMax());
        out.put("heapPeak", peak);
        return out;
    }

    static String version() {
        String v = SystemRoutes.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}

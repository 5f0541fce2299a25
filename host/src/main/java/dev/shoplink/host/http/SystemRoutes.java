package dev.shoplink.host.http;

import dev.shoplink.api.PluginApi;
import dev.shoplink.host.config.HostConfig;
import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.function.Supplier;

/** {@code GET /api/v1/system}: what this host is (version, demo mode, zone). */
public final class SystemRoutes implements ApiRoutes {
    /** The name of the binding that tells how the orders' text search is served ({@link SystemInfo#searchIndex()}). */
    public static final String SEARCH_INDEX = "searchIndex";

    private final HostConfig config;
    private final Supplier<String> searchIndex;

    @Inject
    public SystemRoutes(HostConfig config, @Named(SEARCH_INDEX) Supplier<String> searchIndex) {
        this.config = config;
        this.searchIndex = searchIndex;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/system", ctx -> {
            ctx.json(new SystemInfo(version(), PluginApi.VERSION, config.demo(), config.zone().getId(), config.units(),
                    config.grindStyles(), memory(), searchIndex.get()));
        });
    }

    /** Heap now, its limit, and the peak since start (sum of the heap pools' peaks), in bytes. */
    static SystemInfo.Memory memory() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new SystemInfo.Memory(heap.getUsed(), heap.getMax(), peak);
    }

    static String version() {
        String v = SystemRoutes.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}

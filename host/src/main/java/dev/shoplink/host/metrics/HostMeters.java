package dev.shoplink.host.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import javax.sql.DataSource;

/** The meters of the process and its pool: JVM memory, GC, threads, classes, CPU, uptime, file descriptors, HikariCP. */
public final class HostMeters {
    private HostMeters() {
    }

    public static void bind(MeterRegistry registry, DataSource dataSource) {
        new JvmMemoryMetrics().bindTo(registry);
        // its GC listeners live as long as the JVM: one host per JVM in production
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        if (dataSource instanceof HikariDataSource hikari) {
            // allowed once on a running pool; the pool removes its meters when it closes
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }
}

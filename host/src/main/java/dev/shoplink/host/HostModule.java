package dev.shoplink.host;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import dev.shoplink.host.catalog.CatalogRoutes;
import dev.shoplink.host.catalog.MappedListings;
import dev.shoplink.host.config.AdminToken;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.db.Database;
import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.OpenApiRoutes;
import dev.shoplink.host.http.SystemRoutes;
import dev.shoplink.host.integrations.CredentialVault;
import dev.shoplink.host.integrations.IntegrationRoutes;
import dev.shoplink.host.integrations.IntegrationRows;
import dev.shoplink.host.listings.ListingRepository;
import dev.shoplink.host.listings.ListingRoutes;
import dev.shoplink.host.metrics.HostMeters;
import dev.shoplink.host.metrics.MetricsRoutes;
import dev.shoplink.host.metrics.SyncGauges;
import dev.shoplink.host.orders.OrderRepository;
import dev.shoplink.host.orders.OrderRoutes;
import dev.shoplink.host.plugins.Connectors;
import dev.shoplink.host.plugins.PluginHost;
import dev.shoplink.host.plugins.PluginRoutes;
import dev.shoplink.host.switching.SwitchRoutes;
import dev.shoplink.host.sync.SyncRepository;
import dev.shoplink.host.sync.SyncRoutes;
import dev.shoplink.host.sync.SyncState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Wires the host once at start-up. Each feature adds its routes to the {@link ApiRoutes} set. */
final class HostModule extends AbstractModule {
    private final HostConfig config;
    private final Database database;
    private final PluginHost plugins;
    private final Clock clock;
    private final CredentialVault vault;
    private final Supplier<String> searchIndex;

    HostModule(HostConfig config, Database database, PluginHost plugins, Clock clock, CredentialVault vault,
               Supplier<String> searchIndex) {
        this.config = config;
        this.database = database;
        this.plugins = plugins;
        this.clock = clock;
        this.vault = vault;
        this.searchIndex = searchIndex;
    }

    @Override
    protected void configure() {
        bind(HostConfig.class).toInstance(config);
        bind(PluginHost.class).toInstance(plugins);
        bind(Connectors.class).toInstance(plugins);
        bind(Clock.class).toInstance(clock);
        bind(CredentialVault.class).toInstance(vault);
        bind(new TypeLiteral<Supplier<String>>() { }).annotatedWith(Names.named(SystemRoutes.SEARCH_INDEX))
                .toInstance(searchIndex);
        bind(Jdbi.class).toInstance(database.jdbi());
        bind(DataSource.class).toInstance(database.dataSource());
        // the tables other features change are changed by their owners, through these ports (docs/ARCHITECTURE.md)
        bind(MappedListings.class).toInstance(new ListingRepository());
        bind(IntegrationRows.class).toInstance(new IntegrationRows(new ListingRepository(), new OrderRepository(),
                new SyncRepository()));
        Multibinder<ApiRoutes> routes = Multibinder.newSetBinder(binder(), ApiRoutes.class);
        routes.addBinding().to(PluginRoutes.class);
        routes.addBinding().to(IntegrationRoutes.class);
        routes.addBinding().to(CatalogRoutes.class);
        routes.addBinding().to(ListingRoutes.class);
        routes.addBinding().to(OrderRoutes.class);
        routes.addBinding().to(SyncRoutes.class);
        routes.addBinding().to(SwitchRoutes.class);
        routes.addBinding().to(SystemRoutes.class);
        routes.addBinding().to(OpenApiRoutes.class);
        routes.addBinding().to(MetricsRoutes.class);
    }

    /** The one meter registry of the host, served on {@code GET /metrics}; JVM, pool and sync-state meters bound once. */
    @Provides
    @Singleton
    PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HostMeters.bind(registry, database.pool());
        SyncGauges.register(registry, database.jdbi(), Arrays.stream(SyncState.values()).map(Enum::name).toList(),
                Duration.ofSeconds(5));
        return registry;
    }

    @Provides
    MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
        return registry;
    }

    /** The token {@code Shoplink.start} resolved before wiring (configured, or stored in the data folder by then). */
    @Provides
    @Singleton
    AdminToken adminToken() {
        return AdminToken.resolve(config);
    }
}

package dev.shoplink.host;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.db.Database;
import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.plugins.PluginHost;
import dev.shoplink.host.plugins.PluginRoutes;
import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Wires the host once at start-up. Each feature adds its routes to the {@link ApiRoutes} set. */
final class HostModule extends AbstractModule {
    private final HostConfig config;
    private final Database database;
    private final PluginHost plugins;
    private final Clock clock;

    HostModule(HostConfig config, Database database, PluginHost plugins, Clock clock) {
        this.config = config;
        this.database = database;
        this.plugins = plugins;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(HostConfig.class).toInstance(config);
        bind(PluginHost.class).toInstance(plugins);
        bind(Clock.class).toInstance(clock);
        bind(Jdbi.class).toInstance(database.jdbi());
        bind(DataSource.class).toInstance(database.dataSource());
        Multibinder<ApiRoutes> routes = Multibinder.newSetBinder(binder(), ApiRoutes.class);
        routes.addBinding().to(PluginRoutes.class);
    }
}

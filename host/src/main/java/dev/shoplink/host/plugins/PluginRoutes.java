package dev.shoplink.host.plugins;

import dev.shoplink.api.CredentialField;
import dev.shoplink.host.http.ApiRoutes;
import dev.shoplink.host.http.PageRequest;
import dev.shoplink.host.http.PageResult;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/** {@code /api/v1/connectors} and {@code /api/v1/plugins}. */
public final class PluginRoutes implements ApiRoutes {
    private final PluginHost plugins;

    @Inject
    public PluginRoutes(PluginHost plugins) {
        this.plugins = plugins;
    }

    /** A connector as the admin API lists it. */
    public record ConnectorView(String id, String name, String version, String pluginId, String defaultBaseUrl,
                                List<FieldView> fields) {
    }

    /** One field of a connector's credential form; {@code kind}, {@code pattern}, {@code hint}, {@code help} since plugin API 1.1. */
    public record FieldView(String name, String label, boolean required, boolean secret, String kind, String pattern,
                            String hint, String help) {
        static FieldView of(CredentialField f) {
            return new FieldView(f.name(), f.label(), f.required(), f.secret(), f.kind().name(), f.pattern(), f.hint(),
                    f.help());
        }
    }

    /** What a rescan of the plugins folder answers: how many plugins it started, and every archive now. */
    public record Reloaded(@PositiveOrZero int started, List<PluginInfo> items) {
    }

    private static <T> PageResult<T> page(Context ctx, List<T> items) {
        return PageResult.slice(items, PageRequest.from(ctx));
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/connectors", ctx -> ctx.json(page(ctx, plugins.connectors().stream()
                .map(c -> new ConnectorView(c.descriptor().id(), c.descriptor().name(), c.pluginVersion(), c.pluginId(),
                        c.descriptor().defaultBaseUrl().toString(),
                        c.descriptor().credentialFields().stream().map(FieldView::of).toList()))
                .toList())));
        routes.get("/api/v1/plugins", ctx -> ctx.json(page(ctx, plugins.plugins())));
        routes.post("/api/v1/plugins/reload", ctx -> {
            int started = plugins.scan();
            ctx.json(new Reloaded(started, plugins.plugins()));
        });
    }
}

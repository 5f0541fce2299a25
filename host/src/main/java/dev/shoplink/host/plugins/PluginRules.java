package dev.shoplink.host.plugins;

import dev.shoplink.api.PluginApi;
import dev.shoplink.host.plugins.PluginLoader.Accepted;
import dev.shoplink.host.plugins.PluginLoader.Offered;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pf4j.VersionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin rules (docs/ARCHITECTURE.md, "Plugin rules"), none of which depends on file names or the order of the
 * folder, as decisions and the sentences {@code GET /api/v1/plugins} shows for them:
 * <ul>
 *   <li><b>A plugin of this host.</b> A valid version, and a {@code Plugin-Requires} range the host's plugin API
 *       satisfies ({@link #check}).</li>
 *   <li><b>One plugin id, one archive.</b> Of the archives of one plugin id, the highest version that starts is used,
 *       lower ones are {@code REPLACED} ({@link #byVersionDescending}). A version found in more than one archive is
 *       ambiguous: none of those archives is started ({@code FAILED}), and the next lower version is tried. Beside a
 *       running plugin, an archive of the same version is {@code FAILED}, a lower one {@code REPLACED}
 *       ({@link #besideRunning}), and a higher one replaces it at once.</li>
 *   <li><b>One connector id, one plugin.</b> A connector id served by a running plugin stays with it while it runs: a
 *       newcomer offering it is refused ({@link #takenId}). Several newcomers of one scan offering the same free id:
 *       the plugin whose plugin id equals the connector id keeps it; without such a plugin none of them is started
 *       ({@link #refusedClaims}).</li>
 * </ul>
 */
final class PluginRules {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRules.class);

    private final VersionManager versions;

    PluginRules(VersionManager versions) {
        this.versions = versions;
    }

    /** A valid plugin version, and a plugin-API range this host satisfies; a {@link PluginLoadException} says why not. */
    void check(ArchiveDescriptor d) {
        try {
            versions.compareVersions(d.version(), d.version());
        } catch (RuntimeException e) {
            throw new PluginLoadException("its version '" + d.version() + "' is not a version number such as 1.2.0");
        }
        String requires = d.requires();
        if (requires.isEmpty() || "*".equals(requires)) {
            return;
        }
        // as PF4J reads it: an exact version x.y.z means "at least x.y.z"
        String expression = requires.matches("\\d+\\.\\d+\\.\\d+") ? ">=" + requires : requires;
        boolean satisfied;
        try {
            satisfied = versions.checkVersionConstraint(PluginApi.VERSION, expression);
        } catch (RuntimeException e) {
            throw new PluginLoadException("its " + d.requiresKey() + " '" + requires
                    + "' is not a version range such as >=1.0.0 & <2.0.0");
        }
        if (!satisfied) {
            String major = PluginApi.VERSION.substring(0, PluginApi.VERSION.indexOf('.'));
            throw new PluginLoadException("requires plugin API " + requires + " (" + d.requiresKey() + ") but this host provides "
                    + PluginApi.VERSION + "; install a build of the plugin made for plugin API " + major + ".x");
        }
    }

    /** Whether {@code version} is higher than {@code than}. */
    boolean isHigher(String version, String than) {
        return versions.compareVersions(version, than) > 0;
    }

    /** An archive of the same or a lower version than the running plugin of its id: it is not loaded. */
    PluginInfo besideRunning(ArchiveDescriptor d, ArchiveDescriptor current) {
        int order = versions.compareVersions(d.version(), current.version());
        if (order == 0) {
            return failed(d, "plugin '" + d.id() + "' version " + d.version() + " is already running from " + current.file()
                    + "; a second archive with the same plugin id and version is not loaded: remove one of the two");
        }
        return noted(d, PluginInfo.REPLACED, "replaced by version " + current.version() + " of plugin '" + d.id() + "' ("
                + current.file() + "), which is newer and running");
    }

    /** The archives of one plugin id grouped by version, the highest first: they are tried in this order. */
    List<List<ArchiveDescriptor>> byVersionDescending(List<ArchiveDescriptor> group) {
        Map<String, List<ArchiveDescriptor>> tiers = new TreeMap<>((a, b) -> versions.compareVersions(b, a));
        group.forEach(d -> tiers.computeIfAbsent(d.version(), v -> new ArrayList<>()).add(d));
        return List.copyOf(tiers.values());
    }

    /** An archive of a lower version than the one of its plugin id that started now. */
    PluginInfo replacedBy(ArchiveDescriptor d, ArchiveDescriptor used) {
        return noted(d, PluginInfo.REPLACED, "replaced by version " + used.version() + " of plugin '" + d.id() + "' ("
                + used.file() + "): of several archives of one plugin, the highest version that starts is used");
    }

    /** One of several archives ({@code tier}) of one plugin id and version: none of them is started. */
    PluginInfo ambiguous(ArchiveDescriptor d, List<ArchiveDescriptor> tier) {
        String files = tier.stream().map(ArchiveDescriptor::file).sorted().collect(Collectors.joining(", "));
        return failed(d, "plugin '" + d.id() + "' version " + d.version() + " is in " + tier.size() + " archives ("
                + files + "); which one to run is ambiguous, so none of them was started: remove all but one");
    }

    /** Why the plugin may not be started: it offers a connector id another running plugin serves ({@code holderOf}). */
    Optional<String> takenId(Accepted a, Function<String, ConnectorEntry> holderOf) {
        for (Offered o : a.offered()) {
            String id = o.descriptor().id();
            ConnectorEntry holder = holderOf.apply(id);
            if (holder != null) {
                return Optional.of("offers connector '" + id + "', which plugin '" + holder.pluginId() + "' "
                        + holder.pluginVersion() + " already provides; a connector id belongs to one plugin, so this plugin"
                        + " was not started and is never handed that connector's integrations");
            }
        }
        return Optional.empty();
    }

    /**
     * The plugins started by one scan that lose a connector id they offer to another of them, with why: the plugin
     * whose id is the connector id keeps it, and without such a plugin none of the claimants does.
     */
    Map<Accepted, String> refusedClaims(List<Accepted> startedNow) {
        Map<String, List<Accepted>> claims = new TreeMap<>();
        startedNow.forEach(a -> a.offered().forEach(o -> claims.computeIfAbsent(o.descriptor().id(), id -> new ArrayList<>())
                .add(a)));
        Map<Accepted, String> refused = new IdentityHashMap<>();
        for (Map.Entry<String, List<Accepted>> claim : claims.entrySet()) {
            String id = claim.getKey();
            List<Accepted> claimants = claim.getValue();
            if (claimants.size() < 2) {
                continue;
            }
            Optional<Accepted> owner = claimants.stream().filter(a -> a.descriptor().id().equals(id)).findFirst();
            for (Accepted a : claimants) {
                if (owner.isPresent() && owner.get() == a) {
                    continue;
                }
                String others = claimants.stream().filter(o -> o != a).map(o -> "'" + o.descriptor().id() + "'")
                        .collect(Collectors.joining(", "));
                refused.putIfAbsent(a, owner.isPresent()
                        ? "offers connector '" + id + "', which plugin '" + id + "' offers too; the plugin whose id is"
                                + " the connector id keeps it, so this plugin was not started"
                        : "offers connector '" + id + "', which plugin " + others + " offers too in the same scan;"
                                + " which one should serve it is ambiguous, so none of them was started: remove all"
                                + " but one");
            }
        }
        return refused;
    }

    /** A readable archive that is not used, and why; logged as an error. */
    static PluginInfo failed(ArchiveDescriptor d, String reason) {
        return failed(d.id(), d.archive(), d.version(), reason);
    }

    /** An archive that is not used, and why; logged as an error. */
    static PluginInfo failed(String id, Path archive, String version, String reason) {
        LOG.error("plugin archive {} failed: {}", archive.getFileName(), reason);
        return new PluginInfo(id, version, PluginInfo.FAILED, Optional.of(reason), archive.toString());
    }

    private static PluginInfo noted(ArchiveDescriptor d, String state, String reason) {
        LOG.warn("plugin archive {} not loaded ({}): {}", d.file(), state, reason);
        return new PluginInfo(d.id(), d.version(), state, Optional.of(reason), d.archive().toString());
    }
}

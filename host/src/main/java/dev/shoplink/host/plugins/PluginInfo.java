package dev.shoplink.host.plugins;

import java.util.Optional;

/**
 * One archive of the plugins folder as the admin API shows it.
 *
 * @param id the plugin id (the file name when the archive could not be read)
 * @param version the plugin version, empty when unknown
 * @param state {@value #STARTED}, {@value #FAILED} or {@value #REPLACED}
 * @param error why it is not started, a sentence; empty when started
 * @param path the archive's path
 * @param calls connector calls this plugin has been given since it started (0 unless started); after an
 *     upgrade, the new version's count shows that the integrations' calls reach it
 */
public record PluginInfo(String id, String version, String state, Optional<String> error, String path, long calls) {
    PluginInfo(String id, String version, String state, Optional<String> error, String path) {
        this(id, version, state, error, path, 0);
    }

    PluginInfo withCalls(long count) {
        return new PluginInfo(id, version, state, error, path, count);
    }

    /** Loaded and started; its connectors are served. */
    public static final String STARTED = "STARTED";
    /** Not used, and {@code error} says why (broken, incompatible, ambiguous or refused). */
    public static final String FAILED = "FAILED";
    /** Not loaded: a higher version of the same plugin id is used; {@code error} names it. */
    public static final String REPLACED = "REPLACED";
}

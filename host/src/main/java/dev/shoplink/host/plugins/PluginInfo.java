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
 */
public record PluginInfo(String id, String version, String state, Optional<String> error, String path) {
    /** Loaded and started; its connectors are served. */
    public static final String STARTED = "STARTED";
    /** Not used, and {@code error} says why (broken, incompatible, ambiguous or refused). */
    public static final String FAILED = "FAILED";
    /** Not loaded: a higher version of the same plugin id is used; {@code error} names it. */
    public static final String REPLACED = "REPLACED";
}

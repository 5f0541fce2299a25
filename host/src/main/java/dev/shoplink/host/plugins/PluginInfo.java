package dev.shoplink.host.plugins;

import java.util.Optional;

/**
 * One archive of the plugins folder as the admin API shows it.
 *
 * @param id the plugin id (the file name when the archive could not be read)
 * @param version the plugin version, empty when unknown
 * @param state PF4J's state name: {@code STARTED}, {@code STOPPED}, {@code FAILED}, {@code DISABLED}
 * @param error why it failed
 * @param path the archive's path
 */
public record PluginInfo(String id, String version, String state, Optional<String> error, String path) {
}

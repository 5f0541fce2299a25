package dev.shoplink.host.plugins;

/**
 * Why an archive is not used, already worded for the admin API: its message is the sentence
 * {@code GET /api/v1/plugins} shows as the archive's {@code error}.
 */
final class PluginLoadException extends RuntimeException {
    PluginLoadException(String reason) {
        super(reason, null, false, false);
    }
}

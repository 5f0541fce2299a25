package dev.shoplink.host.plugins;

/**
 * Why an archive is not used, already worded for the admin API: its message is the sentence
 * {@code GET /api/v1/plugins} shows as the archive's {@code error}.
 */
final class PluginLoadException extends RuntimeException {
    private final boolean incomplete;

    PluginLoadException(String reason) {
        this(reason, false);
    }

    /**
     * @param incomplete whether the file may still be being copied (empty, or not yet a readable zip):
     *     the plugin host then looks again before it reports the archive as broken
     */
    PluginLoadException(String reason, boolean incomplete) {
        super(reason, null, false, false);
        this.incomplete = incomplete;
    }

    boolean incomplete() {
        return incomplete;
    }
}

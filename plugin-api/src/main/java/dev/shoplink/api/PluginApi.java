package dev.shoplink.api;

/**
 * The version of this plugin API. The host announces it to PF4J as its system version; a
 * connector declares the range it needs in {@code Plugin-Requires}, e.g. {@code >=1.0.0 & <2.0.0}.
 * Minor versions only add (new default methods, new optional record factories); a major version
 * breaks.
 */
public final class PluginApi {
    /** Semantic version of the contract in this jar. */
    public static final String VERSION = "1.0.0";

    private PluginApi() {
    }
}

package dev.shoplink.api;

/**
 * The version of this plugin API. The host announces it to PF4J as its system version; a
 * connector declares the range it needs in {@code Plugin-Requires}, e.g. {@code >=1.0.0 & <2.0.0}.
 * Minor versions only add (new default methods, new optional record factories); a major version
 * breaks.
 *
 * <p>The compatibility promise: an archive built against 1.x loads and works on every host of
 * plugin API 1.y with y ≥ x, unchanged. A minor version only adds: default methods of
 * {@link ShopConnector}, record components with a constructor of the earlier shape kept beside
 * the canonical one, exception constructors. Nothing is removed or
 * changes meaning before 2.0.
 *
 * <ul>
 *   <li>1.0.0 — the connector contract.</li>
 *   <li>1.1.0 — {@link Connection#shopUrl()} and {@link ShopConnector#apiBaseUrl(String)} (an API
 *   address per shop); {@link CredentialField} describes itself ({@link CredentialKind}, pattern,
 *   hint, help); {@link InvalidCredentialsException#field()} names the rejected field.</li>
 * </ul>
 */
public final class PluginApi {
    /** Semantic version of the contract in this jar. */
    public static final String VERSION = "1.1.0";

    private PluginApi() {
    }
}

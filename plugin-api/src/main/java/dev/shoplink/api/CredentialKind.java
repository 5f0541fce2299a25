package dev.shoplink.api;

/**
 * What kind of value a credential field holds (plugin API 1.1). The host validates each kind
 * before it calls the shop, and the setup form picks its input from it.
 */
public enum CredentialKind {
    /** A key, secret or token: encrypted at rest, masked in every response, a password input. */
    SECRET,
    /** Plain text, stored encrypted like every credential but shown as typed. */
    TEXT,
    /** An absolute {@code http(s)} URL. */
    URL,
    /** A host name such as {@code roaster.myshopify.com}: letters, digits, '-' and dots, no scheme or path. */
    DOMAIN
}

package dev.shoplink.host.plugins.broken;

/** Named in an archive's extension index, but not a {@code ShopConnector}. */
public class NotAConnector {
}

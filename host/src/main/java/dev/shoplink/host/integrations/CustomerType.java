package dev.shoplink.host.integrations;

/** Every order of an integration inherits its customer type. */
public enum CustomerType {
    WHOLESALE,
    RETAIL
}

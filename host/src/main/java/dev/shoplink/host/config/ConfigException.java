package dev.shoplink.host.config;

/** A configuration or start-up problem; the message is printed as the one line the host exits with. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

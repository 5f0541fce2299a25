package dev.shoplink.host.domain;

import java.util.List;

/**
 * A request waited for a shop (through its connector) and the shop or the connector refused or failed: the
 * credentials were rejected, API access is missing, the shop asks to wait, is down, answered garbage, or the
 * connector itself failed. Nothing was stored. {@code errors} names the fields of the request the shop pointed at
 * (rejected credentials only).
 */
public final class ShopCallException extends DomainException {
    /** What went wrong, from the request's point of view. */
    public enum Kind {
        /** The shop rejected the credentials (or the shop URL): the request's fault. */
        CREDENTIALS_REJECTED,
        /** The credentials work but lack API access the connector needs: the request's fault. */
        ACCESS_DENIED,
        /** The shop asks to wait before the next request: try again later. */
        RATE_LIMITED,
        /** The shop could not be reached. */
        UNAVAILABLE,
        /** The shop answered something the connector cannot read. */
        BAD_RESPONSE,
        /** The connector failed (an exception of its own, a time-out, a nonsensical answer). */
        CONNECTOR_FAILED
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public ShopCallException(Kind kind, String detail, List<FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public ShopCallException(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

package dev.shoplink.host.domain;

/** The request is well-formed but clashes with the current state; {@code kind} names the clash, e.g. {@code sku-conflict}. */
public final class ConflictException extends DomainException {
    private final String kind;

    public ConflictException(String kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}

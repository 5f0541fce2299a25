package dev.shoplink.host.domain;

/**
 * The request is well-formed but clashes with the current state; {@code kind} names the clash, e.g. {@code sku-conflict},
 * and {@code title} says it in a few words (default "Conflict").
 */
public final class ConflictException extends DomainException {
    private final String kind;
    private final String title;

    public ConflictException(String kind, String detail) {
        this(kind, "Conflict", detail);
    }

    public ConflictException(String kind, String title, String detail) {
        super(detail);
        this.kind = kind;
        this.title = title;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }
}

package dev.shoplink.host.domain;

/** The thing a request names does not exist, e.g. "no product 7". */
public final class NotFoundException extends DomainException {
    public NotFoundException(String what) {
        super(what);
    }
}

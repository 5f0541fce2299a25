package dev.shoplink.host.domain;

/**
 * A request a service refuses, said in the domain's words. Services throw these instead of HTTP errors;
 * the HTTP layer ({@code http.DomainProblems}) maps each kind to its status and problem type.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidInputException, WarningsToAcknowledgeException,
        ShopCallException {
    protected DomainException(String detail) {
        super(detail);
    }
}

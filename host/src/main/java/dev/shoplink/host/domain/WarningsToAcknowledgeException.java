package dev.shoplink.host.domain;

import java.util.List;

/**
 * The command is valid but contradicts something the user should confirm; nothing was changed. Sending it
 * again with the warnings acknowledged carries it out.
 */
public final class WarningsToAcknowledgeException extends DomainException {
    private final List<FieldError> warnings;

    public WarningsToAcknowledgeException(String detail, List<FieldError> warnings) {
        super(detail);
        this.warnings = List.copyOf(warnings);
    }

    public List<FieldError> warnings() {
        return warnings;
    }
}

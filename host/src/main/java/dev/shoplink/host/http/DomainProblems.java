package dev.shoplink.host.http;

import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.DomainException;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.WarningsToAcknowledgeException;

/** What a service's refusal means in HTTP: the one place that gives each domain exception its status and problem type. */
final class DomainProblems {
    private DomainProblems() {
    }

    static ApiException of(DomainException e) {
        if (e instanceof NotFoundException) {
            return ApiException.notFound(e.getMessage());
        }
        if (e instanceof ConflictException c) {
            return ApiException.conflict(c.kind(), c.getMessage());
        }
        if (e instanceof InvalidInputException i) {
            return ApiException.validation(i.errors());
        }
        WarningsToAcknowledgeException w = (WarningsToAcknowledgeException) e; // the sealed hierarchy's last kind
        return new ApiException(409, "unacknowledged-warnings", "Confirmation needed", w.getMessage(), w.warnings());
    }
}

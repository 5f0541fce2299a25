package dev.shoplink.host.http;

import dev.shoplink.host.domain.ConflictException;
import dev.shoplink.host.domain.DomainException;
import dev.shoplink.host.domain.InvalidInputException;
import dev.shoplink.host.domain.NotFoundException;
import dev.shoplink.host.domain.ShopCallException;
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
            return new ApiException(409, c.kind(), c.title(), c.getMessage());
        }
        if (e instanceof InvalidInputException i) {
            return ApiException.validation(i.errors());
        }
        if (e instanceof ShopCallException s) {
            return shopCall(s);
        }
        WarningsToAcknowledgeException w = (WarningsToAcknowledgeException) e; // the sealed hierarchy's last kind
        return new ApiException(409, "unacknowledged-warnings", "Confirmation needed", w.getMessage(), w.warnings());
    }

    /** 422 when the request's keys are at fault, 503 when the shop asks to wait, 502 when the shop or connector failed. */
    private static ApiException shopCall(ShopCallException e) {
        return switch (e.kind()) {
            case CREDENTIALS_REJECTED -> new ApiException(422, "invalid-credentials", "Credentials rejected", e.getMessage(),
                    e.errors());
            case ACCESS_DENIED -> new ApiException(422, "api-access-denied", "No API access", e.getMessage());
            case RATE_LIMITED -> new ApiException(503, "shop-rate-limited", "Shop rate limit reached", e.getMessage());
            case UNAVAILABLE -> new ApiException(502, "shop-unavailable", "Shop unavailable", e.getMessage());
            case BAD_RESPONSE -> new ApiException(502, "shop-bad-response", "Unexpected answer from the shop", e.getMessage());
            case CONNECTOR_FAILED -> new ApiException(502, "connector-failed", "Connector failed", e.getMessage());
        };
    }
}

package dev.shoplink.simulator;

/** A query the simulator refuses with HTTP 400, so connector bugs surface instead of being guessed around. */
final class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message, null, false, false);
    }
}

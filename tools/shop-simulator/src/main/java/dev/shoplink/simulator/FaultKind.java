package dev.shoplink.simulator;

import java.util.Locale;

/** The failures the simulator can inject into an authenticated ShipStation API request. */
public enum FaultKind {
    /** HTTP 500 with a small JSON body. */
    SERVER_ERROR,
    /** The connection is reset (TCP RST) before any response byte is sent. */
    CONNECTION_RESET,
    /** Status line, headers and half of the body are sent, then the connection is dropped. */
    TRUNCATED_BODY,
    /** HTTP 200 with a complete but syntactically broken JSON body. */
    MALFORMED_JSON,
    /** The correct response, sent only after the configured slow-response delay. */
    SLOW_RESPONSE;

    /** Accepts {@code server_error}, {@code SERVER-ERROR}, and the short names reset/truncated/malformed/slow. */
    public static FaultKind parse(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (key) {
            case "500", "ERROR" -> SERVER_ERROR;
            case "RESET", "ABORT" -> CONNECTION_RESET;
            case "TRUNCATED" -> TRUNCATED_BODY;
            case "MALFORMED" -> MALFORMED_JSON;
            case "SLOW" -> SLOW_RESPONSE;
            default -> valueOf(key);
        };
    }
}

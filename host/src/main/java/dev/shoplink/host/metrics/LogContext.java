package dev.shoplink.host.metrics;

import org.slf4j.MDC;

/**
 * The MDC keys that tie log lines to an integration and a sync run. The sync worker sets them for
 * the whole of a run on its thread; {@link LogContextConverter} prints them.
 */
public final class LogContext {
    public static final String INTEGRATION = "integration";
    public static final String SYNC = "sync";

    private LogContext() {
    }

    /** Sets {@code sync} until the returned scope closes, which also clears {@code integration}. */
    public static Scope sync(long syncId) {
        MDC.put(SYNC, Long.toString(syncId));
        return () -> {
            MDC.remove(SYNC);
            MDC.remove(INTEGRATION);
        };
    }

    /** Sets {@code integration} (inside a {@link #sync} scope, which clears it). */
    public static void integration(long integrationId) {
        MDC.put(INTEGRATION, Long.toString(integrationId));
    }

    /** Clears what it set; closing never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}

package dev.shoplink.host.metrics;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;

/**
 * Logback's {@code %shoplinkIds}: {@code " integration=3 sync=17"} for a line logged inside a
 * sync run (each key only when set), nothing otherwise, so lines outside a run stay as they were.
 */
public final class LogContextConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return "";
        }
        String integration = mdc.get(LogContext.INTEGRATION);
        String sync = mdc.get(LogContext.SYNC);
        if (integration == null && sync == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (integration != null) {
            out.append(" integration=").append(integration);
        }
        if (sync != null) {
            out.append(" sync=").append(sync);
        }
        return out.toString();
    }
}

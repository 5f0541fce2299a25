package dev.shoplink.host.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The lines a logger (and the loggers below it) logs while this is open, at the level given (the
 * tests' root level is WARN); closing it detaches the capture and restores the logger's level.
 */
public final class LogLines implements AutoCloseable {
    private final Logger logger;
    private final Level before;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    private LogLines(org.slf4j.Logger logger, Level level) {
        this.logger = (Logger) logger;
        this.before = this.logger.getLevel();
        lines.start();
        this.logger.addAppender(lines);
        this.logger.setLevel(level);
    }

    /** What the logger of that class logs at {@code level} and above. */
    public static LogLines of(Class<?> type, Level level) {
        return new LogLines(LoggerFactory.getLogger(type), level);
    }

    /** What every logger logs at {@code level} and above. */
    public static LogLines all(Level level) {
        return new LogLines(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), level);
    }

    /** The lines logged so far, in order. */
    public List<ILoggingEvent> events() {
        synchronized (lines) { // the appender adds under its own lock
            return List.copyOf(lines.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(lines);
        logger.setLevel(before);
    }
}

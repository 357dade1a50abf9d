package io.symphony.redis.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the named loggers at DEBUG into a list (and only there: the console stays quiet), and
 * puts the loggers back as they were on {@link #stop()}. The secrets tests read every captured line for key material.
 */
final class DebugLogCapture {

    private final List<String> loggers;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> savedLevels = new HashMap<>();

    DebugLogCapture(List<String> loggers) {
        this.loggers = List.copyOf(loggers);
    }

    void start() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.start();
        for (String name : loggers) {
            Logger logger = context.getLogger(name);
            savedLevels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
            logger.setAdditive(false); // DEBUG goes to the list only, not to the console
            logger.addAppender(appender);
        }
    }

    void stop() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : loggers) {
            Logger logger = context.getLogger(name);
            logger.detachAppender(appender);
            logger.setLevel(savedLevels.get(name));
            logger.setAdditive(true);
        }
    }

    /** A copy of the events so far; Lettuce threads may still log, and the appender appends under its own lock. */
    List<ILoggingEvent> events() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }
}

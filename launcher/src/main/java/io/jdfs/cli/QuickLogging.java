package io.jdfs.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * logback.xml's configuration built in code, for the one-shot commands {@link Logging} marks: reading the
 * XML (an XML parser, logback's model of it) took some 40 ms of CPU of every {@code dfs client} command.
 * Servers, and anyone who names a file with {@code -Dlogback.configurationFile}, get the XML as before.
 * Found by logback through META-INF/services.
 */
public final class QuickLogging extends ContextAwareBase implements Configurator {
    /** Set by {@link Logging} for one-shot commands. */
    static final String PROPERTY = "jdfs.log.quick";
    /** The pattern of logback.xml. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!Boolean.getBoolean(PROPERTY) || System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.NEUTRAL; // logback goes on to logback.xml
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger("io.jdfs").setLevel(Level.toLevel(System.getProperty(Logging.LEVEL_PROPERTY), Level.INFO));
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}

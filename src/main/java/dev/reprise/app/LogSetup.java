package dev.reprise.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;

/**
 * Reprise's logging, set up in code when the first logger is asked for (logback finds this class as a service):
 * standard error, {@code HH:mm:ss.SSS LEVEL Logger - message}, warnings and errors only unless
 * {@code REPRISE_LOG_LEVEL} says another level, Flyway at warnings whatever it says. Done in code because reading
 * the same from a {@code logback.xml} starts an XML parser and logback's configuration model, a tenth of a second
 * or more before anything else can log, on every start of the window and of every command. A configuration file
 * still wins: one named by {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class path
 * (the tests' own), is left to logback. Thread-safe (logback calls it once).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        setUp(context, System.getenv());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up as described above, the root's level from {@code env}. */
    static void setUp(LoggerContext context, Map<String, String> env) {
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
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(env));
        root.addAppender(stderr);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
    }

    /** {@code REPRISE_LOG_LEVEL} (trace, debug, info, warn, error, off; any case), or warnings when unset or unknown. */
    static Level rootLevel(Map<String, String> env) {
        return Level.toLevel(env.getOrDefault("REPRISE_LOG_LEVEL", "").trim(), Level.WARN);
    }
}

package dev.reprise.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The logging set up in code: what the removed logback.xml said, the level from REPRISE_LOG_LEVEL. */
class LogSetupTest {

    @Test
    void warningsGoToStandardErrorUnlessReprisesLogLevelSaysOtherwise() {
        LoggerContext context = new LoggerContext();
        LogSetup.setUp(context, Map.of());

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern())
                .isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
    }

    @Test
    void reprisesLogLevelSetsTheRootLevelButFlywayStaysAtWarnings() {
        LoggerContext context = new LoggerContext();
        LogSetup.setUp(context, Map.of("REPRISE_LOG_LEVEL", "info"));

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.reprise.store.H2Store").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void theAppLogsThroughItWithoutTheTestsConfiguration(@TempDir Path folder) throws Exception {
        // the app's class path, without the tests' classes and their logback-test.xml
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classPath, Main.class.getName(), "runs", "list", "--workspace", folder.resolve("ws").toString());
        builder.environment().put("REPRISE_LOG_LEVEL", "info");
        builder.environment().put("REPRISE_CONNECTIONS", folder.resolve("connections.json").toString());
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  H2Store - opened workspace ");
    }

    @Test
    void anUnknownLevelMeansWarnings() {
        assertThat(LogSetup.rootLevel(Map.of("REPRISE_LOG_LEVEL", "chatty"))).isEqualTo(Level.WARN);
        assertThat(LogSetup.rootLevel(Map.of("REPRISE_LOG_LEVEL", " DEBUG "))).isEqualTo(Level.DEBUG);
    }
}

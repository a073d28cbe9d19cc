package dev.reprise.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprise.engine.spi.FailureWithFix;
import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;
import dev.reprise.flow.InputType;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Sha256;
import dev.reprise.run.SuggestedFix;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The {@code java} step types: {@link StepHandler}s found with {@link java.util.ServiceLoader}. Binds the
 * resolved inputs to the handler's input record with Jackson (file inputs as paths), calls it on the
 * worker thread, and turns its result into outputs. Cancelling interrupts the worker thread. Thread-safe.
 */
final class JavaExecutor implements StepExecutor {

    private final Map<String, StepHandler<?>> handlers;
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();
    private final Values values;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String appVersion;

    JavaExecutor(List<StepHandler<?>> handlers, Values values, ObjectMapper mapper, Clock clock, String appVersion) {
        Map<String, StepHandler<?>> byType = new LinkedHashMap<>();
        for (StepHandler<?> handler : handlers) {
            if (byType.putIfAbsent(handler.type(), handler) != null) {
                throw new IllegalStateException("two step handlers claim the type '" + handler.type() + "': "
                        + byType.get(handler.type()).getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.handlers = Map.copyOf(byType);
        this.values = values;
        this.mapper = mapper;
        this.clock = clock;
        this.appVersion = appVersion;
    }

    @Override
    public List<StepTypeInfo> types() {
        List<StepTypeInfo> types = new ArrayList<>();
        handlers.values().forEach(handler -> types.add(describe(handler)));
        return types;
    }

    static StepTypeInfo describe(StepHandler<?> handler) {
        Map<String, InputType> inputs = new LinkedHashMap<>();
        Set<String> required = new HashSet<>();
        Class<?> type = handler.inputType();
        if (type.isRecord()) {
            for (var component : type.getRecordComponents()) {
                var json = component.getAnnotation(JsonProperty.class);
                String name = json != null && !json.value().isEmpty() ? json.value() : component.getName();
                inputs.put(name, inputType(component.getType()));
                StepInput meta = component.getAnnotation(StepInput.class);
                if (meta != null && meta.required()) {
                    required.add(name);
                }
            }
        }
        return new StepTypeInfo(handler.type(), inputs, required, false, handler.description());
    }

    private static InputType inputType(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return InputType.STRING;
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class || type == BigInteger.class) {
            return InputType.INTEGER;
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class) {
            return InputType.NUMBER;
        }
        if (type == boolean.class || type == Boolean.class) {
            return InputType.BOOLEAN;
        }
        if (type.isEnum()) {
            return InputType.ENUM;
        }
        if (type == LocalDate.class) {
            return InputType.DATE;
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == LocalDateTime.class) {
            return InputType.DATETIME;
        }
        if (type == Duration.class) {
            return InputType.DURATION;
        }
        if (type == Path.class || type == File.class) {
            return InputType.FILE;
        }
        return InputType.JSON;
    }

    @Override
    public String fingerprint(StepDef step) {
        StepHandler<?> handler = handler(step.type());
        return fingerprints.computeIfAbsent(step.type(), t -> codeFingerprint(handler));
    }

    /** The app version for handlers shipped with the app; the SHA-256 of a plugin's jar otherwise. */
    private String codeFingerprint(StepHandler<?> handler) {
        var source = handler.getClass().getProtectionDomain().getCodeSource();
        var own = JavaExecutor.class.getProtectionDomain().getCodeSource();
        if (source == null || own == null || source.getLocation().equals(own.getLocation())) {
            return "builtin:" + appVersion;
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return "class:" + handler.getClass().getName();
            }
            return "jar:" + Sha256.of(jar).hex();
        } catch (IOException | URISyntaxException e) {
            return "class:" + handler.getClass().getName();
        }
    }

    private StepHandler<?> handler(String type) {
        StepHandler<?> handler = handlers.get(type);
        if (handler == null) {
            throw new IllegalArgumentException("no step handler for type '" + type + "'");
        }
        return handler;
    }

    @Override
    public StepOutcome execute(StepInvocation inv, Cancellation cancellation) {
        Instant started = clock.instant();
        Thread worker = Thread.currentThread();
        cancellation.onCancel(worker::interrupt);
        try (Context context = new Context(inv, cancellation)) {
            Map<String, Object> result = run(handler(inv.step().type()), inv, context);
            Instant ended = clock.instant();
            context.close();
            if (cancellation.isCancelled()) {
                return cancelled(inv, cancellation, started, ended, context.hasLog());
            }
            Map<String, JsonNode> outputs = new LinkedHashMap<>();
            Set<Path> returned = new HashSet<>();
            if (result != null) {
                result.forEach((name, value) -> {
                    outputs.put(name, values.fromJava(name, value));
                    if (value instanceof Path path) {
                        returned.add(path.toAbsolutePath().normalize());
                    }
                });
            }
            // files written to outputFile(name) and not returned under another name become outputs by file name
            for (Path file : context.declaredOutputs()) {
                String name = file.getFileName().toString();
                if (!outputs.containsKey(name) && !returned.contains(file.toAbsolutePath().normalize())
                        && Files.isRegularFile(file)) {
                    outputs.put(name, values.storeFile(file));
                }
            }
            return new StepOutcome(AttemptState.SUCCEEDED, outputs, null, null, started, clock.instant(),
                    context.hasLog());
        } catch (Exception e) {
            Instant ended = clock.instant();
            if (cancellation.isCancelled()) {
                return cancelled(inv, cancellation, started, ended, Files.exists(inv.logFile().get()));
            }
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            appendToLog(inv.logFile().get(), e);
            return new StepOutcome(AttemptState.FAILED, Map.of(), null, message, started, ended, true, fix(inv, e));
        } finally {
            // clear an interrupt aimed at this attempt so it does not leak into the next task of the thread
            Thread.interrupted();
        }
    }

    /** The fix a handler suggested by failing with {@link FailureWithFix}, for the step of the flow; else null. */
    private SuggestedFix fix(StepInvocation inv, Exception e) {
        if (!(e instanceof FailureWithFix failure)) {
            return null;
        }
        return new SuggestedFix(failure.summary(), inv.step().id(), failure.input(),
                mapper.valueToTree(failure.current()), mapper.valueToTree(failure.suggested()));
    }

    private StepOutcome cancelled(StepInvocation inv, Cancellation cancellation, Instant started, Instant ended,
                                  boolean hasLog) {
        String error = cancellation.reason() == AttemptState.TIMED_OUT
                ? "timed out after " + inv.step().timeout() : "cancelled";
        return new StepOutcome(cancellation.reason(), Map.of(), null, error, started, ended, hasLog);
    }

    @SuppressWarnings("unchecked")
    private <I> Map<String, Object> run(StepHandler<I> handler, StepInvocation inv, StepContext context)
            throws Exception {
        ObjectNode bound = JsonNodeFactory.instance.objectNode();
        inv.inputs().forEach((name, value) -> bound.set(name, values.withPaths(value)));
        I inputs;
        try {
            inputs = mapper.convertValue(bound, handler.inputType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inputs do not fit step type '" + handler.type() + "': "
                    + rootMessage(e), e);
        }
        return handler.run(inputs, context);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }

    private static void appendToLog(Path log, Exception e) {
        try (PrintWriter out = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(log,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                StandardCharsets.UTF_8))) {
            out.println("step failed: " + e);
            for (StackTraceElement frame : e.getStackTrace()) {
                out.println("\tat " + frame);
            }
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    /** The {@link StepContext} of one attempt; the log file is created on first use. */
    private static final class Context implements StepContext, AutoCloseable {
        private final StepInvocation inv;
        private final Cancellation cancellation;
        private final List<Path> declared = new ArrayList<>();
        private PrintWriter log;

        Context(StepInvocation inv, Cancellation cancellation) {
            this.inv = inv;
            this.cancellation = cancellation;
        }

        @Override
        public String runId() {
            return inv.runId();
        }

        @Override
        public String stepId() {
            return inv.stepId();
        }

        @Override
        public int attempt() {
            return inv.attempt();
        }

        @Override
        public Path workDir() {
            try {
                return Files.createDirectories(inv.workDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Path outputFile(String name) {
            if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new IllegalArgumentException("not a plain file name: '" + name + "'");
            }
            try {
                Path dir = Files.createDirectories(inv.workDir().resolve("out"));
                Path file = dir.resolve(name);
                declared.add(file);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<Path> declaredOutputs() {
            return declared;
        }

        @Override
        public PrintWriter log() {
            if (log == null) {
                try {
                    log = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(inv.logFile().get(),
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                            StandardCharsets.UTF_8), true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return log;
        }

        boolean hasLog() {
            return log != null;
        }

        @Override
        public boolean isCancelled() {
            return cancellation.isCancelled() || Thread.currentThread().isInterrupted();
        }

        @Override
        public void close() {
            if (log != null) {
                log.flush();
                log.close();
            }
        }
    }
}

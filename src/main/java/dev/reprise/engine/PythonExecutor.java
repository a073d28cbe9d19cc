package dev.reprise.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprise.flow.FileGlobs;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Sha256;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code python} step type: the step's code — its inline {@code script:}, a {@code file:} of the flow folder,
 * or a {@code function: module:name} of it, called with the inputs as keyword arguments, whose returned dict gives
 * outputs — run by its interpreter in the attempt's working folder. The interpreter is the step's {@code python:}
 * (or the flow's), else {@code $REPRISE_PYTHON} of the step's environment (Reprise's process, the run's env, the
 * step's), else {@code python3} on the PATH; a relative path is a file of the flow folder, found in the working
 * folder. The helper module {@code reprise} (a resource, written into the attempt's {@code .reprise} folder and
 * put on {@code PYTHONPATH}) gives the code its inputs as Python values, read from the JSON file
 * {@code $REPRISE_INPUTS}, and appends its outputs as JSON lines to {@code $REPRISE_OUTPUTS}, which are read when
 * the code ends (files become file artifacts). Standard output and error go to the attempt's log; an exception
 * fails the attempt with its type, message, and the file and line of the step's code it was raised in, the
 * traceback in the log. Cancelling kills the whole process tree. Thread-safe.
 */
final class PythonExecutor implements StepExecutor {

    static final String TYPE = "python";
    static final String DEFAULT_INTERPRETER = "python3";
    /** The variable of a step's environment that names the interpreter of steps whose flow names none. */
    static final String INTERPRETER_VARIABLE = "REPRISE_PYTHON";
    private static final Set<PosixFilePermission> READ_AND_RUN = PosixFilePermissions.fromString("r-xr-xr-x");
    private static final String HELPER = "reprise.py";
    private static final int MAX_ERROR_CHARS = 2_000;

    private final Values values;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final byte[] helper;

    PythonExecutor(Values values, ObjectMapper mapper, Clock clock) {
        this.values = values;
        this.mapper = mapper;
        this.clock = clock;
        this.helper = readHelper();
    }

    @Override
    public List<StepTypeInfo> types() {
        return List.of(new StepTypeInfo(TYPE, Map.of(), Set.of(), true,
                "Runs Python code: script: inline, file: a script of the flow folder, or function: module:name "
                        + "called with the inputs as keyword arguments, returning a dict of outputs; "
                        + "reprise.inputs() gives the inputs as Python values, reprise.output() and "
                        + "reprise.output_file() record outputs"));
    }

    @Override
    public String fingerprint(StepDef step) {
        MessageDigest digest = Sha256.newDigest();
        for (String part : new String[] {step.script(), step.file(), step.function(), interpreter(step)}) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update(String.valueOf(step.env()).getBytes(StandardCharsets.UTF_8));
        return "python:" + Sha256.hex(digest).substring(0, 16);
    }

    @Override
    public StepOutcome execute(StepInvocation inv, Cancellation cancellation) {
        Instant started = clock.instant();
        StepDef step = inv.step();
        if (step.script() == null && step.file() == null && step.function() == null) {
            return failed(inv, started, null, "python step " + step.id() + " has no script:, file: or function:");
        }
        Path own = inv.workDir().resolve(".reprise");
        Path lib = own.resolve("lib");
        Path script = own.resolve(scriptName(step));
        Path inputs = own.resolve("inputs.json");
        Path outputs = own.resolve("outputs.jsonl");
        Path error = own.resolve("error.json");
        ProcessBuilder builder = new ProcessBuilder()
                .directory(inv.workDir().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PYTHONUNBUFFERED", "1"); // the log shows prints as they happen
        env.put("PYTHONIOENCODING", "utf-8");
        // no __pycache__ beside the flow's modules: it would outlive nothing (the folder is the attempt's), and a
        // folder the attempt added nothing to is kept for the next attempt with the same files (WorkingFolders)
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.putAll(inv.env());
        env.putAll(inv.step().env());
        String pythonPath = env.get("PYTHONPATH");
        env.put("PYTHONPATH", pythonPath == null || pythonPath.isEmpty() ? lib.toString()
                : lib + File.pathSeparator + pythonPath);
        env.put("REPRISE_INPUTS", inputs.toString());
        env.put("REPRISE_OUTPUTS", outputs.toString());
        env.put("REPRISE_ERROR", error.toString());
        env.put("REPRISE_RUN_ID", inv.runId());
        env.put("REPRISE_STEP_ID", inv.stepId());
        env.put("REPRISE_ATTEMPT", Integer.toString(inv.attempt()));
        String interpreter = interpreter(step, env);
        Optional<Path> executable;
        try {
            executable = FileGlobs.isFolderPath(interpreter) ? inFolder(inv.workDir(), interpreter)
                    : onPath(interpreter, env.get("PATH"));
        } catch (IOException e) {
            return failed(inv, started, null, "cannot make python interpreter '" + interpreter + "' of the flow "
                    + "folder runnable: " + e.getMessage());
        }
        if (executable.isEmpty()) {
            return failed(inv, started, null, notFound(step, interpreter));
        }
        List<String> code;
        if (step.file() != null) {
            Path file = inv.workDir().resolve(step.file());
            if (FileGlobs.leaves(step.file()) || !Files.isRegularFile(file)) {
                return failed(inv, started, null, "file " + step.file() + " is not among the flow's files in the "
                        + "step's working folder");
            }
            code = List.of("file", file.toString());
        } else if (step.function() != null) {
            code = List.of("function", step.function());
        } else {
            code = List.of("script", script.toString());
        }
        try {
            Files.createDirectories(lib);
            Files.write(lib.resolve(HELPER), helper);
            if (step.script() != null) {
                Files.writeString(script, step.script(), StandardCharsets.UTF_8);
            }
            ObjectNode given = mapper.createObjectNode();
            inv.inputs().forEach((name, value) -> given.set(name, values.withPaths(value)));
            Files.write(inputs, mapper.writeValueAsBytes(given));
            Files.createFile(outputs);
        } catch (IOException e) {
            return failed(inv, started, null, "cannot prepare the step's working folder: " + e.getMessage());
        }
        Process process;
        try {
            List<String> command = new ArrayList<>(List.of(executable.get().toString(), lib.resolve(HELPER).toString()));
            command.addAll(code);
            process = builder.command(command)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(inv.logFile().get().toFile()))
                    .start();
        } catch (IOException e) {
            return failed(inv, started, null, "cannot start python interpreter '" + interpreter + "': "
                    + e.getMessage());
        }
        AttemptProcess.Waited waited = AttemptProcess.await(process, inv, cancellation, started, clock);
        if (waited.stopped() != null) {
            return waited.stopped();
        }
        int exit = waited.exitCode();
        if (exit != 0) {
            return failed(inv, started, exit, raised(error).orElse("exited with code " + exit));
        }
        try {
            return new StepOutcome(AttemptState.SUCCEEDED, readOutputs(outputs), exit, null, started, clock.instant(),
                    AttemptProcess.hasLog(inv.logFile().get()));
        } catch (IOException | RuntimeException e) {
            return failed(inv, started, exit, "cannot read the step's outputs: " + e.getMessage());
        }
    }

    private StepOutcome failed(StepInvocation inv, Instant started, Integer exit, String error) {
        return new StepOutcome(AttemptState.FAILED, Map.of(), exit, error, started, clock.instant(),
                AttemptProcess.hasLog(inv.logFile().get()));
    }

    /** The interpreter a step's fingerprint names: its own or its flow's, else the default. */
    static String interpreter(StepDef step) {
        return step.python() != null ? step.python() : DEFAULT_INTERPRETER;
    }

    /** The interpreter that runs {@code step} in {@code env}: see the class comment. */
    static String interpreter(StepDef step, Map<String, String> env) {
        if (step.python() != null) {
            return step.python();
        }
        String given = env.get(INTERPRETER_VARIABLE);
        return given != null && !given.isBlank() ? given.strip() : DEFAULT_INTERPRETER;
    }

    private static String notFound(StepDef step, String interpreter) {
        String where = FileGlobs.isFolderPath(interpreter) ? " in the step's working folder (a relative path names "
                + "a file of the flow folder)" : "";
        String fix = step.python() != null ? "set python: in the flow to an interpreter there is, or leave it out "
                + "to use " + INTERPRETER_VARIABLE + " or python3"
                : interpreter.equals(DEFAULT_INTERPRETER) ? "set python: in the flow, or " + INTERPRETER_VARIABLE
                + " where Reprise runs"
                : "it is " + INTERPRETER_VARIABLE + "'s: set " + INTERPRETER_VARIABLE + " to an interpreter there "
                + "is, or python: in the flow";
        return "python interpreter '" + interpreter + "' not found" + where + ": " + fix;
    }

    /**
     * The interpreter at {@code relative} in the working folder, a file of the flow's revision: the revision does
     * not keep a file's mode, so a file linked there read-only is replaced by a copy the owner may run.
     */
    private static Optional<Path> inFolder(Path workDir, String relative) throws IOException {
        Path base = workDir.toAbsolutePath().normalize();
        Path file = base.resolve(relative).normalize();
        if (!file.startsWith(base) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (!Files.isExecutable(file)) {
            Path copy = file.resolveSibling(file.getFileName() + ".reprise-copy");
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.setPosixFilePermissions(copy, READ_AND_RUN);
            } catch (UnsupportedOperationException notPosix) {
                copy.toFile().setExecutable(true);
            }
            Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return Optional.of(file);
    }

    /**
     * The executable {@code command} names: a path as it is, a bare name looked up in {@code path} (the PATH the
     * interpreter gets, which the run's or step's env may change, so it is searched here rather than by the JDK).
     */
    static Optional<Path> onPath(String command, String path) {
        if (command.contains("/")) {
            return executable(command, null);
        }
        if (path == null || command.isEmpty()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Optional<Path> found = dir.isEmpty() ? Optional.empty() : executable(dir, command);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(String first, String more) {
        try {
            Path candidate = more == null ? Path.of(first) : Path.of(first, more);
            return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate)
                    : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The script is named after its step, so that the traceback in the log says which code it is. */
    private static String scriptName(StepDef step) {
        return step.id() + ".py";
    }

    /**
     * The exception the step's code raised, as the helper described it: {@code ValueError: bad month (line 3 of the
     * script, in load)} for the inline script, {@code (line 12 of clean.py, in parse)} for a file of the flow
     * folder; empty when the code raised none (or the description cannot be read).
     */
    private Optional<String> raised(Path error) {
        if (!Files.isRegularFile(error)) {
            return Optional.empty();
        }
        try {
            JsonNode raised = mapper.readTree(error.toFile());
            String type = raised.path("type").asText("");
            if (type.isEmpty()) {
                return Optional.empty();
            }
            String message = raised.path("message").asText("");
            StringBuilder text = new StringBuilder(type);
            if (!message.isEmpty()) {
                text.append(": ").append(message);
            }
            if (raised.path("line").canConvertToInt()) {
                text.append(" (line ").append(raised.path("line").asInt()).append(" of ")
                        .append(raised.path("file").isTextual() ? raised.path("file").asText() : "the script");
                if (raised.path("function").isTextual()) {
                    text.append(", in ").append(raised.path("function").asText());
                }
                text.append(')');
            }
            return Optional.of(text.length() <= MAX_ERROR_CHARS ? text.toString()
                    : text.substring(0, MAX_ERROR_CHARS) + "… (the whole message is in the log)");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The outputs the script gave through the helper, one JSON object per line; a later line wins. */
    private Map<String, JsonNode> readOutputs(Path outputs) throws IOException {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        OutputLine.readAll(outputs, line -> {
            JsonNode record;
            try {
                record = mapper.readTree(line.text());
            } catch (JsonProcessingException e) {
                record = null;
            }
            if (record == null || !record.isObject()) {
                throw line.isNot("a JSON object as reprise.output() writes");
            }
            String name = record.path("name").asText("");
            if (name.isEmpty() || !(record.has("value") || record.path("file").isTextual())) {
                throw line.isNot("{\"name\": …, \"value\": …} or {\"name\": …, \"file\": …}");
            }
            if (record.has("value")) {
                result.put(name, record.get("value"));
            } else {
                Path file = Path.of(record.get("file").asText());
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("output '" + name + "' is the file " + file
                            + ", which was gone when the script ended");
                }
                result.put(name, values.storeFile(file));
            }
        });
        return result;
    }

    private static byte[] readHelper() {
        try (InputStream in = PythonExecutor.class.getResourceAsStream(HELPER)) {
            if (in == null) {
                throw new IllegalStateException("the python helper module " + HELPER + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

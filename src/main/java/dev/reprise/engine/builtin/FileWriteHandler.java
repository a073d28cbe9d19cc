package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code file.write}: writes text, UTF-8, to a file output named {@code name} (so a template reads it
 * back as {@code steps.<step>.outputs.<name>}). Stateless and thread-safe.
 */
public final class FileWriteHandler implements StepHandler<FileWriteHandler.Inputs> {

    /** The inputs of {@code file.write}. */
    public record Inputs(
            @StepInput(required = true, description = "Name of the file output, e.g. report (letters, digits, _ . -)")
            String name,
            @StepInput(required = true, description = "The text to write")
            String content) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    @Override
    public String type() {
        return "file.write";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Writes text to a file output";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        String name = inputs.name();
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("name '" + name + "' is not a file output name: use letters, digits,"
                    + " _ . - (no folders), e.g. report or summary.txt");
        }
        if (inputs.content() == null) {
            throw new IllegalArgumentException("content is required (it may be empty)");
        }
        Path file = context.outputFile(name);
        Files.writeString(file, inputs.content(), StandardCharsets.UTF_8);
        context.log().printf("wrote %d bytes to %s%n", Files.size(file), name);
        return Map.of(name, file);
    }
}

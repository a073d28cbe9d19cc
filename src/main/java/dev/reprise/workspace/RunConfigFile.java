package dev.reprise.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.reprise.flow.Problem;
import dev.reprise.flow.SourceMap;
import dev.reprise.flow.SourcePos;
import dev.reprise.flow.YamlTree;
import dev.reprise.run.ReplayPlan.PlanError;
import dev.reprise.run.ValuePath;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link RunConfig} read from YAML (a file, or a REST body), with where each of its values is, so that every
 * problem of it — a YAML error, an unknown key, a value of the wrong kind, and, once the workspace has checked the
 * request made of it, an unknown step or input or a value its type refuses — is reported as
 * {@code file:line:column: message}. The shape (each key optional):
 *
 * <pre>
 * flow: bike_trips            # the flow's id
 * revision: 2                 # a revision of it (default: latest)
 * name: March, small sample   # the run's name
 * description: …              # a snapshot's description
 * inputs: { month: "2024-03", sample_size: 500 }
 * steps:                      # step inputs, by step or fan-out instance
 *   parse: { inputs: { datetime_format: "yyyy-MM-dd'T'HH:mm:ss" } }
 *   count[2]: { inputs: { station: Central } }
 * labels: { team: data }
 * env: { TZ: UTC }
 * </pre>
 *
 * Values given beside the file (on a command line) {@link #overriddenBy override} its own; theirs are not the
 * file's, and their problems are reported without a place in it. Immutable and thread-safe.
 */
public final class RunConfigFile {

    /** The media type of a run configuration sent as a REST body. */
    public static final String MEDIA_TYPE = "application/yaml";

    private static final String WHAT = "run configuration";
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    /**
     * Writes plain scalars where YAML reads them back as the same text, quotes the others (numbers, booleans and
     * null written as text), and leaves out what is empty.
     */
    private static final ObjectMapper WRITER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
                    JsonInclude.Include.ALWAYS));

    private final RunConfig config;
    private final SourceMap positions;
    /** The paths of values given beside the file, which are not the file's. */
    private final Set<String> overridden;

    private RunConfigFile(RunConfig config, SourceMap positions, Set<String> overridden) {
        this.config = config;
        this.positions = positions;
        this.overridden = Set.copyOf(overridden);
    }

    /**
     * Reads the run configuration {@code text} of the file {@code fileName}; throws {@link InvalidInputException}
     * with every problem of its YAML and its shape, each at its line and column.
     */
    public static RunConfigFile read(String text, String fileName) {
        YamlTree.Result tree = YamlTree.read(YAML, text, fileName, WHAT);
        List<Problem> problems = new ArrayList<>(tree.problems());
        RunConfig config = tree.root() == null ? null : new RunConfigReader(tree.positions(), problems).config(tree.root());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new RunConfigFile(config, tree.positions(), Set.of());
    }

    /** A configuration given without a file (a call's own values): its problems name their fields. */
    public static RunConfigFile of(RunConfig config) {
        return new RunConfigFile(config, SourceMap.empty("(no file)"), Set.of());
    }

    public RunConfig config() {
        return config;
    }

    /** This file with {@code given}'s values over its own (see {@link RunConfig#overriddenBy}). */
    public RunConfigFile overriddenBy(RunConfig given) {
        Set<String> pointers = new HashSet<>(overridden);
        given.values().forEach((path, value) -> pointerOf(path.toString()).ifPresent(pointers::add));
        given.labels().keySet().forEach(key -> pointers.add(SourceMap.pointer("labels", key)));
        given.env().keySet().forEach(key -> pointers.add(SourceMap.pointer("env", key)));
        for (String key : List.of("flow", "revision", "name", "description")) {
            if (hasScalar(given, key)) {
                pointers.add(SourceMap.pointer(key));
            }
        }
        return new RunConfigFile(config.overriddenBy(given), positions, pointers);
    }

    /** This file without its revision, for a command that was given the revision to use beside it. */
    public RunConfigFile withoutRevision() {
        Set<String> pointers = new HashSet<>(overridden);
        pointers.add(SourceMap.pointer("revision"));
        RunConfig c = config;
        return new RunConfigFile(new RunConfig(c.flow(), null, c.name(), c.description(), c.inputs(),
                c.steps(), c.labels(), c.env()), positions, pointers);
    }

    /**
     * {@code config} as a run configuration file, after {@code comment} (lines of a YAML comment; none when empty):
     * read back with {@link #read}, it gives the same configuration. Keys without a value are left out.
     */
    public static String write(RunConfig config, List<String> comment) {
        StringBuilder out = new StringBuilder();
        comment.forEach(line -> out.append("# ").append(line).append('\n'));
        if (config.equals(RunConfig.empty())) {
            return out.append("{}\n").toString();
        }
        try {
            return out.append(WRITER.writeValueAsString(config)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run configuration cannot be written as YAML: " + e.getOriginalMessage(),
                    e);
        }
    }

    /**
     * A problem of top-level {@code key} (such as {@code flow}): at the file's value of it, or, when the value was
     * given beside the file or the file has none, named by the key.
     */
    public Problem problemAt(String key, String message) {
        String pointer = SourceMap.pointer(key);
        return isFiles(pointer) ? new Problem(positions.at(pointer), message) : Problem.of(key + ": " + message);
    }

    /** Whether the value at {@code pointer} is the file's own. */
    private boolean isFiles(String pointer) {
        return !overridden.contains(pointer) && positions.has(pointer);
    }

    /** Each error at its place in the file when it is about one of the file's values; at its field otherwise. */
    public List<Problem> locate(List<PlanError> errors) {
        return errors.stream().map(e -> locate(e.field(), e.message())).toList();
    }

    /**
     * {@code e} with each of its problems about a value of the file (its field named as a {@link ValuePath}, or
     * {@code flowId} or {@code revision}) at that value's place; the others as they were.
     */
    public InvalidInputException located(InvalidInputException e) {
        if (e.problems().isEmpty()) {
            Optional<Problem> one = fieldOf(Problem.of(e.getMessage()));
            return one.isPresent() ? new InvalidInputException(List.of(one.get())) : e;
        }
        return new InvalidInputException(e.problems().stream().map(p -> fieldOf(p).orElse(p)).toList());
    }

    /** A problem whose text or place names a field, at the file's place for it; empty when it names none here. */
    private Optional<Problem> fieldOf(Problem problem) {
        String field;
        String message;
        if (problem.pos() != null && problem.pos().line() <= 0) {
            field = problem.pos().file(); // a replay's errors carry their field as the place
            message = problem.message();
        } else if (problem.pos() == null && problem.message().indexOf(": ") > 0) {
            int colon = problem.message().indexOf(": ");
            field = problem.message().substring(0, colon);
            message = problem.message().substring(colon + 2);
        } else {
            return Optional.empty();
        }
        Optional<SourcePos> at = pointerOf(field).filter(this::isFiles)
                .map(p -> field.startsWith("steps.") && !field.contains(".inputs.") ? positions.keyAt(p)
                        : positions.at(p));
        return at.map(pos -> new Problem(pos, message));
    }

    private Problem locate(String field, String message) {
        return fieldOf(Problem.of(field + ": " + message)).orElse(Problem.of(field + ": " + message));
    }

    /** Where the value a field names would be in a run configuration; empty for a field it has no value for. */
    private static Optional<String> pointerOf(String field) {
        if (field.equals("flowId") || field.equals("flow")) {
            return Optional.of(SourceMap.pointer("flow"));
        }
        if (field.equals("revision")) {
            return Optional.of(SourceMap.pointer("revision"));
        }
        return ValuePath.parse(field).map(path -> switch (path) {
            case ValuePath.Parameter p -> SourceMap.pointer("inputs", p.name());
            case ValuePath.StepInput i -> SourceMap.pointer("steps", i.step().toString(), "inputs", i.name());
            case ValuePath.StepInputs s -> SourceMap.pointer("steps", s.step().toString());
            case ValuePath.InjectedOutput o -> null;
            case ValuePath.InjectedOutputs o -> null;
        });
    }

    private static boolean hasScalar(RunConfig config, String key) {
        return switch (key) {
            case "flow" -> config.flow() != null;
            case "revision" -> config.revision() != null;
            case "name" -> config.name() != null;
            default -> config.description() != null;
        };
    }
}

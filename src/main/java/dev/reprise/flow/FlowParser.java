package dev.reprise.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads a flow file (YAML) into a {@link Flow}, remembering the line and column of every node. It reports
 * what keeps the file from being read into records: YAML syntax, repeated keys, unknown keys (with a
 * "did you mean"), values of the wrong shape, unreadable durations and numbers. What the records mean
 * (ids, step types, references, cycles, templates) is {@link FlowValidator}'s to check;
 * {@link FlowValidator#load} does both. Stateless after construction and thread-safe.
 */
public final class FlowParser {

    private static final List<String> FLOW_KEYS = List.of("id", "description", "inputs", "steps", "outputs", "python",
            "files");
    private static final List<String> INPUT_KEYS =
            List.of("type", "default", "description", "min", "max", "pattern", "values");
    private static final List<String> STEP_KEYS =
            List.of("type", "inputs", "needs", "foreach", "retry", "timeout", "run", "command", "env", "script", "file",
                    "function", "python", "files");
    private static final String PYTHON = "python";
    private static final List<String> RETRY_KEYS = List.of("attempts", "backoff", "factor", "max_backoff");
    private static final List<String> INPUT_TYPES =
            Arrays.stream(InputType.values()).map(InputType::id).toList();

    private final YAMLFactory yaml;

    public FlowParser() {
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML refuses documents over 3 MB by default; a generated 10,000-step flow can be larger
        options.setCodePointLimit(64 * 1024 * 1024);
        this.yaml = YAMLFactory.builder().loaderOptions(options).build();
    }

    /**
     * A flow as far as it could be read (null when the YAML itself is unreadable), where its nodes are,
     * and what kept it from being read faithfully.
     */
    public record Parsed(Flow flow, SourceMap sourceMap, List<Problem> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    /** The flow in {@code source}; throws {@link FlowException} with every problem the reading found. */
    public Flow parse(String source, String fileName) {
        Parsed parsed = read(source, fileName);
        if (!parsed.problems().isEmpty()) {
            throw new FlowException(parsed.problems());
        }
        return parsed.flow();
    }

    /** Reads {@code source} as far as possible; never throws for a bad file. */
    public Parsed read(String source, String fileName) {
        YamlTree.Result tree = YamlTree.read(yaml, source, fileName);
        List<Problem> problems = new ArrayList<>(tree.problems());
        Flow flow = tree.root() == null ? null : new Reading(tree.positions(), problems).flow(tree.root());
        return new Parsed(flow, tree.positions(), problems);
    }

    /** One reading of one tree: collects problems as it maps nodes to records. */
    private static final class Reading {
        private final SourceMap at;
        private final List<Problem> problems;

        Reading(SourceMap at, List<Problem> problems) {
            this.at = at;
            this.problems = problems;
        }

        Flow flow(JsonNode root) {
            if (!root.isObject()) {
                problem(at.at(""), "a flow file is a YAML map with an id and steps (and optionally description, "
                        + "inputs, outputs)");
                return null;
            }
            unknownKeys(root, "", FLOW_KEYS, "the flow");
            String python = text(root.get("python"), "/python", "the flow's python");
            return new Flow(
                    text(root.get("id"), "/id", "the flow id"),
                    text(root.get("description"), "/description", "the description"),
                    inputs(root.get("inputs")),
                    steps(root.get("steps"), python),
                    outputs(root.get("outputs")),
                    python,
                    texts(root.get("files"), "/files", "files (globs of the flow folder's files)"),
                    List.of());
        }

        private Map<String, InputSpec> inputs(JsonNode node) {
            Map<String, InputSpec> inputs = new LinkedHashMap<>();
            forEachEntry(node, "/inputs", "inputs", "input name → { type, default, … }", (name, value, pointer) ->
                    inputs.put(name, input(name, value, pointer)));
            return inputs;
        }

        private InputSpec input(String name, JsonNode node, String pointer) {
            SourcePos pos = at.keyAt(pointer);
            String owner = "input '" + name + "'";
            if (isAbsent(node)) {
                return new InputSpec(name, InputType.STRING, null, null, null, null, null, List.of(), pos);
            }
            if (!node.isObject()) {
                problem(at.at(pointer), owner + " must be a map like { type: string, default: … }");
                return new InputSpec(name, InputType.JSON, null, null, null, null, null, List.of(), pos);
            }
            unknownKeys(node, pointer, INPUT_KEYS, owner);
            return new InputSpec(
                    name,
                    Objects.requireNonNullElse(
                            field(node, pointer, "type", (n, p) -> inputType(n, p, owner)), InputType.STRING),
                    node.get("default"),
                    field(node, pointer, "description", (n, p) -> text(n, p, "the description of " + owner)),
                    field(node, pointer, "min", (n, p) -> decimal(n, p, owner + " min")),
                    field(node, pointer, "max", (n, p) -> decimal(n, p, owner + " max")),
                    field(node, pointer, "pattern", (n, p) -> text(n, p, owner + " pattern")),
                    field(node, pointer, "values", (n, p) -> texts(n, p, owner + " values")),
                    pos);
        }

        private InputType inputType(JsonNode node, String pointer, String owner) {
            String id = text(node, pointer, "the type of " + owner);
            if (id == null) {
                return InputType.STRING;
            }
            try {
                return InputType.fromId(id);
            } catch (IllegalArgumentException e) {
                problem(at.at(pointer), "unknown input type '" + id + "' for " + owner + Suggestions.hint(id, INPUT_TYPES)
                        + "; expected one of " + String.join(", ", INPUT_TYPES));
                return InputType.JSON; // accepts any default, so one slip is reported once
            }
        }

        private Map<String, StepDef> steps(JsonNode node, String flowPython) {
            Map<String, StepDef> steps = new LinkedHashMap<>();
            forEachEntry(node, "/steps", "steps", "step id → { type, inputs, … }", (id, value, pointer) -> {
                StepDef step = step(id, value, pointer, flowPython);
                if (step != null) {
                    steps.put(id, step);
                }
            });
            return steps;
        }

        private StepDef step(String id, JsonNode node, String pointer, String flowPython) {
            String owner = "step '" + id + "'";
            if (!node.isObject()) {
                problem(at.at(pointer), owner + " must be a map with its type and settings, e.g. { type: shell, "
                        + "run: … }");
                return null;
            }
            unknownKeys(node, pointer, STEP_KEYS, owner);
            Map<String, JsonNode> inputs = new LinkedHashMap<>();
            Map<String, SourcePos> inputPositions = new HashMap<>();
            JsonNode inputsNode = node.get("inputs");
            if (!isAbsent(inputsNode)) {
                forEachEntry(inputsNode, SourceMap.child(pointer, "inputs"), owner + " inputs",
                        "input name → value", (name, value, p) -> {
                            inputs.put(name, value);
                            inputPositions.put(name, at.at(p));
                        });
            }
            String type = field(node, pointer, "type", (n, p) -> text(n, p, "the type of " + owner));
            String python = field(node, pointer, "python", (n, p) -> text(n, p, "python of " + owner));
            if (python == null && PYTHON.equals(type)) {
                python = flowPython;
            }
            return new StepDef(
                    id,
                    type,
                    inputs,
                    field(node, pointer, "needs", (n, p) -> needs(n, p, owner)),
                    field(node, pointer, "foreach", (n, p) -> foreach(n, p, owner)),
                    field(node, pointer, "retry", (n, p) -> retry(n, p, owner)),
                    field(node, pointer, "timeout", (n, p) -> duration(n, p, "timeout of " + owner)),
                    field(node, pointer, "run", (n, p) -> text(n, p, "run of " + owner)),
                    field(node, pointer, "command", (n, p) -> command(n, p, owner)),
                    field(node, pointer, "env", (n, p) -> env(n, p, owner)),
                    field(node, pointer, "script", (n, p) -> text(n, p, "script of " + owner)),
                    field(node, pointer, "file", (n, p) -> text(n, p, "file of " + owner)),
                    field(node, pointer, "function", (n, p) -> text(n, p, "function of " + owner)),
                    python,
                    field(node, pointer, "files", (n, p) -> texts(n, p, "files of " + owner
                            + " (globs of the flow folder's files it uses)")),
                    at.keyAt(pointer),
                    inputPositions);
        }

        private List<String> needs(JsonNode node, String pointer, String owner) {
            if (node != null && node.isTextual()) {
                return List.of(node.asText());
            }
            return texts(node, pointer, "needs of " + owner);
        }

        private String foreach(JsonNode node, String pointer, String owner) {
            if (isAbsent(node)) {
                return null;
            }
            if (!node.isTextual()) {
                problem(at.at(pointer), "foreach of " + owner + " must be a template that gives a list, "
                        + "e.g. \"{{ steps.split.outputs.parts }}\"");
                return null;
            }
            return node.asText();
        }

        private RetryPolicy retry(JsonNode node, String pointer, String owner) {
            if (isAbsent(node)) {
                return null;
            }
            String what = "retry of " + owner;
            if (!node.isObject()) {
                problem(at.at(pointer), what + " must be a map like { attempts: 3, backoff: 2s }");
                return null;
            }
            unknownKeys(node, pointer, RETRY_KEYS, what);
            String attemptsPointer = SourceMap.child(pointer, "attempts");
            JsonNode attemptsNode = node.get("attempts");
            if (isAbsent(attemptsNode)) {
                problem(at.keyAt(pointer), what + " needs attempts: how many tries in all, e.g. 3");
                return null;
            }
            BigDecimal attempts = decimal(attemptsNode, attemptsPointer, what + " attempts");
            Duration backoff = field(node, pointer, "backoff", (n, p) -> duration(n, p, what + " backoff"));
            BigDecimal factor = field(node, pointer, "factor", (n, p) -> decimal(n, p, what + " factor"));
            Duration maxBackoff = field(node, pointer, "max_backoff", (n, p) -> duration(n, p, what + " max_backoff"));
            if (attempts == null) {
                return null;
            }
            if (attempts.signum() <= 0 || attempts.stripTrailingZeros().scale() > 0
                    || attempts.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                problem(at.at(attemptsPointer), what + ": attempts must be a whole number of at least 1 "
                        + "(1 means no retry), was " + attempts.toPlainString());
                return null;
            }
            if (factor != null && factor.compareTo(BigDecimal.ONE) < 0) {
                problem(at.at(SourceMap.child(pointer, "factor")), what + ": factor must be at least 1, was "
                        + factor.toPlainString());
            }
            return new RetryPolicy(attempts.intValue(), backoff, factor == null ? 1.0 : factor.doubleValue(),
                    maxBackoff);
        }

        private List<String> command(JsonNode node, String pointer, String owner) {
            if (node != null && node.isTextual()) {
                problem(at.at(pointer), "command of " + owner + " must be a list of arguments, e.g. "
                        + "[\"python\", \"main.py\"]; use run: for a shell line");
                return null;
            }
            return texts(node, pointer, "command of " + owner);
        }

        private Map<String, String> env(JsonNode node, String pointer, String owner) {
            Map<String, String> env = new LinkedHashMap<>();
            forEachEntry(node, pointer, "env of " + owner, "variable → text", (name, value, p) -> {
                String text = text(value, p, "env " + name + " of " + owner);
                env.put(name, text == null ? "" : text);
            });
            return env;
        }

        private Map<String, String> outputs(JsonNode node) {
            Map<String, String> outputs = new LinkedHashMap<>();
            forEachEntry(node, "/outputs", "outputs", "output name → template", (name, value, pointer) -> {
                String text = text(value, pointer, "output '" + name + "'");
                if (text != null) {
                    outputs.put(name, text);
                }
            });
            return outputs;
        }

        /** Reads {@code parent.key} when it is there; the pointer is built only then, as most keys are absent. */
        private <T> T field(JsonNode parent, String parentPointer, String key, BiFunction<JsonNode, String, T> reader) {
            JsonNode value = parent.get(key);
            return isAbsent(value) ? null : reader.apply(value, SourceMap.child(parentPointer, key));
        }

        private interface EntryReader {
            void read(String name, JsonNode value, String pointer);
        }

        private void forEachEntry(JsonNode node, String pointer, String what, String shape, EntryReader reader) {
            if (isAbsent(node)) {
                return;
            }
            if (!node.isObject()) {
                problem(at.at(pointer), what + " must be a map of " + shape);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                reader.read(field.getKey(), field.getValue(), SourceMap.child(pointer, field.getKey()));
            }
        }

        private void unknownKeys(JsonNode node, String pointer, List<String> known, String owner) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    String hint = Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?")
                            .orElse("; expected one of " + String.join(", ", known));
                    problem(at.keyAt(SourceMap.child(pointer, name)), "unknown key '" + name + "' in " + owner + hint);
                }
            }
        }

        private String text(JsonNode node, String pointer, String what) {
            if (isAbsent(node)) {
                return null;
            }
            if (!node.isValueNode()) {
                problem(at.at(pointer), what + " must be text, not " + (node.isArray() ? "a list" : "a map"));
                return null;
            }
            return node.asText();
        }

        private List<String> texts(JsonNode node, String pointer, String what) {
            if (isAbsent(node)) {
                return List.of();
            }
            if (!node.isArray()) {
                problem(at.at(pointer), what + " must be a list");
                return List.of();
            }
            List<String> texts = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                String text = text(node.get(i), SourceMap.child(pointer, i), "each of " + what);
                if (text != null) {
                    texts.add(text);
                }
            }
            return texts;
        }

        private BigDecimal decimal(JsonNode node, String pointer, String what) {
            if (isAbsent(node)) {
                return null;
            }
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isTextual()) {
                try {
                    return new BigDecimal(node.asText().trim());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problem(at.at(pointer), what + " must be a number, got " + describe(node));
            return null;
        }

        private Duration duration(JsonNode node, String pointer, String what) {
            if (isAbsent(node)) {
                return null;
            }
            if (!node.isValueNode()) {
                problem(at.at(pointer), what + " must be a duration like 30s, 5m or PT5M, not "
                        + (node.isArray() ? "a list" : "a map"));
                return null;
            }
            try {
                return InputType.parseDuration(node.asText());
            } catch (IllegalArgumentException e) {
                problem(at.at(pointer), what + ": " + e.getMessage());
                return null;
            }
        }

        private static boolean isAbsent(JsonNode node) {
            return node == null || node.isNull();
        }

        private static String describe(JsonNode node) {
            return node.isArray() ? "a list" : node.isObject() ? "a map" : "'" + node.asText() + "'";
        }

        private void problem(SourcePos pos, String message) {
            problems.add(new Problem(pos, message));
        }
    }
}

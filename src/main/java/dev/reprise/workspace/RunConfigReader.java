package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.Ids;
import dev.reprise.flow.Problem;
import dev.reprise.flow.SourceMap;
import dev.reprise.flow.SourcePos;
import dev.reprise.flow.Suggestions;
import dev.reprise.run.Run;
import dev.reprise.run.Snapshot;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tree of a run configuration file into a {@link RunConfig}, adding a problem at its place for each thing
 * of the wrong shape: an unknown key (with a guess), a value of the wrong kind, a flow id or revision that can be
 * none, a text longer than what is kept. What the values mean for a flow is checked where they are used. One
 * instance reads one tree; not thread-safe.
 */
final class RunConfigReader {

    static final List<String> KEYS = List.of("flow", "revision", "name", "description", "inputs", "steps", "labels",
            "env");
    private static final List<String> STEP_KEYS = List.of("inputs");

    private final SourceMap at;
    private final List<Problem> problems;

    RunConfigReader(SourceMap at, List<Problem> problems) {
        this.at = at;
        this.problems = problems;
    }

    RunConfig config(JsonNode root) {
        if (!root.isObject()) {
            problem(at.at(""), "a run configuration is a YAML map of " + String.join(", ", KEYS)
                    + " (each optional)");
            return null;
        }
        unknownKeys(root, "", KEYS, "a run configuration");
        String flow = text(root.get("flow"), "/flow", "flow (a flow's id)", Ids.MAX_LENGTH);
        if (flow != null) {
            Ids.flowIdProblem(flow).ifPresent(problem -> problem(at.at("/flow"), problem));
        }
        return new RunConfig(flow, revision(root.get("revision")),
                text(root.get("name"), "/name", "name (the run's)", Run.MAX_NAME),
                text(root.get("description"), "/description", "description", Snapshot.MAX_DESCRIPTION),
                values(root.get("inputs"), "/inputs", "inputs", "input name → value"),
                steps(root.get("steps")),
                texts(root.get("labels"), "/labels", "labels", "label"),
                texts(root.get("env"), "/env", "env", "variable"));
    }

    private Integer revision(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 1) {
            return node.intValue();
        }
        problem(at.at("/revision"), "revision must be a whole number of at least 1 (a revision of the flow), "
                + "not " + describe(node));
        return null;
    }

    private Map<String, RunConfig.StepConfig> steps(JsonNode node) {
        Map<String, RunConfig.StepConfig> steps = new LinkedHashMap<>();
        forEachEntry(node, "/steps", "steps", "step (or instance, such as count[2]) → { inputs: … }",
                (address, value, pointer) -> {
                    if (!value.isObject()) {
                        problem(at.at(pointer), "step '" + address + "' must be a map like { inputs: { name: "
                                + "value } }, not " + describe(value));
                        return;
                    }
                    unknownKeys(value, pointer, STEP_KEYS, "step '" + address + "'");
                    steps.put(address, new RunConfig.StepConfig(values(value.get("inputs"),
                            SourceMap.pointer("steps", address, "inputs"), "inputs of step '" + address + "'",
                            "input name → value")));
                });
        return steps;
    }

    private Map<String, JsonNode> values(JsonNode node, String pointer, String what, String shape) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        forEachEntry(node, pointer, what, shape, (name, value, p) -> values.put(name, value));
        return values;
    }

    private Map<String, String> texts(JsonNode node, String pointer, String what, String each) {
        Map<String, String> texts = new LinkedHashMap<>();
        forEachEntry(node, pointer, what, each + " → text", (name, value, p) -> {
            String text = text(value, p, each + " '" + name + "'", Integer.MAX_VALUE);
            if (text == null && isAbsent(value)) {
                problem(at.at(p), each + " '" + name + "' needs a value (text)");
            } else if (text != null) {
                texts.put(name, text);
            }
        });
        return texts;
    }

    private interface EntryReader {
        void read(String name, JsonNode value, String pointer);
    }

    private void forEachEntry(JsonNode node, String pointer, String what, String shape, EntryReader reader) {
        if (isAbsent(node)) {
            return;
        }
        if (!node.isObject()) {
            problem(at.at(pointer), what + " must be a map of " + shape + ", not " + describe(node));
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            reader.read(field.getKey(), field.getValue(), pointer + SourceMap.pointer(field.getKey()));
        }
    }

    private String text(JsonNode node, String pointer, String what, int maxLength) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isValueNode()) {
            problem(at.at(pointer), what + " must be text, not " + describe(node));
            return null;
        }
        String text = node.asText();
        if (text.length() > maxLength) {
            problem(at.at(pointer), what + " is " + text.length() + " characters long; at most " + maxLength
                    + " are allowed");
            return null;
        }
        return text;
    }

    private void unknownKeys(JsonNode node, String pointer, List<String> known, String owner) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String hint = Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?")
                        .orElse("; expected one of " + String.join(", ", known));
                problem(at.keyAt(pointer + SourceMap.pointer(name)), "unknown key '" + name + "' in " + owner
                        + hint);
            }
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

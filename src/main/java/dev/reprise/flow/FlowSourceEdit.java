package dev.reprise.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Changes the value of one step input in a flow's YAML text, in place: only the characters of the value are
 * rewritten (in the quoting it had), so comments, order and layout stay as they were. An input the step does
 * not write yet is added as the step's first input. Refuses, in words, what it cannot do faithfully: a value
 * that comes from a template or a flow input (the change belongs where the value comes from), a value that is
 * no longer the one the fix was made for, a change of a whole list or map's shape, a block scalar. Every edit is
 * checked by reading the edited text again: the input must have the new value and nothing else may differ.
 * Stateless and thread-safe.
 */
public final class FlowSourceEdit {

    /** What an edit came to: the edited text, or why there is none. */
    public sealed interface Result permits Edited, NotEditable {
    }

    /** The edited YAML text; {@code line} is the 1-based line of the change. */
    public record Edited(String source, int line) implements Result {
    }

    /** No edit could be made, and why, in words for a person. */
    public record NotEditable(String reason) implements Result {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/.][A-Za-z0-9_ ./@+-]*");
    private static final Set<String> PLAIN_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "~");

    private FlowSourceEdit() {
    }

    /** A scalar of the source to rewrite: its node pointer and new value. */
    private record Change(String pointer, JsonNode value) {
    }

    /**
     * The text of {@code source} with input {@code input} of step {@code stepId} set to {@code suggested}, if its
     * value there is {@code current} (null: the input is not written and its default was used).
     */
    public static Result setStepInput(String source, String fileName, String stepId, String input,
                                      @Nullable JsonNode current, JsonNode suggested) {
        FlowParser.Parsed parsed = new FlowParser().read(source, fileName);
        if (parsed.flow() == null || !parsed.problems().isEmpty()) {
            return new NotEditable(fileName + " has problems of its own; fix them first");
        }
        StepDef step = parsed.flow().steps().get(stepId);
        if (step == null) {
            return new NotEditable(fileName + " has no step '" + stepId + "'");
        }
        String where = stepId + "." + input;
        JsonNode written = step.inputs().get(input);
        String inputsPointer = SourceMap.pointer("steps", stepId, "inputs");
        String pointer = SourceMap.child(inputsPointer, input);
        if (written != null && !Templates.inputReferences(written).isEmpty()) {
            String names = String.join(", ", Templates.inputReferences(written));
            return new NotEditable("the value of " + where + " comes from the flow input " + names
                    + ": change it there, or give " + names + " when you replay");
        }
        if (written != null && isTemplate(written)) {
            return new NotEditable("the value of " + where + " comes from a template (" + written.toString()
                    + "): change what it refers to");
        }
        if (written == null && current != null || written != null && !sameValue(written, current)) {
            return new NotEditable(where + " is " + (written == null ? "not set" : written.toString()) + " in "
                    + fileName + ", not " + (current == null ? "unset" : current.toString())
                    + " as when the step failed: the fix no longer fits");
        }
        String edited;
        if (written == null) {
            edited = addInput(source, parsed.sourceMap(), step, inputsPointer, input, suggested);
            if (edited == null) {
                return new NotEditable("step " + stepId + " has no inputs to add " + input + " to: add "
                        + input + ": " + JSON.valueToTree(suggested).toString() + " to its inputs");
            }
        } else {
            List<Change> changes = new ArrayList<>();
            if (!changes(written, suggested, pointer, changes)) {
                return new NotEditable("the fix changes the shape of " + where + ": write "
                        + suggested.toString() + " there");
            }
            edited = replace(source, parsed.sourceMap(), changes);
            if (edited == null) {
                return new NotEditable(where + " is written in a way that cannot be edited in place (a block "
                        + "or multi-line value): write " + suggested.toString() + " there");
            }
        }
        return check(source, edited, fileName, stepId, input, suggested)
                ? new Edited(edited, parsed.sourceMap().at(written == null ? inputsPointer : pointer).line())
                : new NotEditable("editing " + where + " in place would change more than its value: write "
                + suggested.toString() + " there");
    }

    private static boolean isTemplate(JsonNode value) {
        if (value.isTextual()) {
            return Templates.isTemplate(value.asText());
        }
        for (JsonNode child : value) {
            if (isTemplate(child)) {
                return true;
            }
        }
        return false;
    }

    /** Equal as JSON, numbers by value: YAML reads {@code 3.0} as a decimal where a step may have seen a double. */
    private static boolean sameValue(JsonNode a, @Nullable JsonNode b) {
        if (b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isContainerNode() && b.isContainerNode() && a.getNodeType() == b.getNodeType() && a.size() == b.size()) {
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    if (!sameValue(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!sameValue(field.getValue(), b.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The scalars to rewrite to turn {@code from} into {@code to}; false when a list or map changes shape. */
    private static boolean changes(JsonNode from, JsonNode to, String pointer, List<Change> out) {
        if (sameValue(from, to)) {
            return true;
        }
        if (from.isValueNode() && to.isValueNode()) {
            out.add(new Change(pointer, to));
            return true;
        }
        if (from.isArray() && to.isArray() && from.size() == to.size()) {
            for (int i = 0; i < from.size(); i++) {
                if (!changes(from.get(i), to.get(i), SourceMap.child(pointer, i), out)) {
                    return false;
                }
            }
            return true;
        }
        if (from.isObject() && to.isObject() && from.size() == to.size()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode target = to.get(field.getKey());
                if (target == null || !changes(field.getValue(), target, SourceMap.child(pointer, field.getKey()), out)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code source} with each change's scalar rewritten; null if one of them cannot be found or rewritten. */
    private static @Nullable String replace(String source, SourceMap at, List<Change> changes) {
        record Span(int start, int end, String text) {
        }
        List<Span> spans = new ArrayList<>();
        for (Change change : changes) {
            if (!at.has(change.pointer())) {
                return null;
            }
            int start = offset(source, at.at(change.pointer()));
            boolean inFlow = inFlowCollection(source, at, change.pointer());
            int end = scalarEnd(source, start, inFlow);
            if (start < 0 || end < 0) {
                return null;
            }
            spans.add(new Span(start, end, scalar(change.value(), source.charAt(start), inFlow)));
        }
        spans.sort(Comparator.comparingInt(Span::start).reversed());
        StringBuilder out = new StringBuilder(source);
        for (Span span : spans) {
            out.replace(span.start(), span.end(), span.text());
        }
        return out.toString();
    }

    /**
     * {@code source} with {@code input: value} written as the first input of {@code step} (before its first key,
     * with that key's indentation, or inside the braces of a one-line mapping); null if the step writes no inputs.
     */
    private static @Nullable String addInput(String source, SourceMap at, StepDef step, String inputsPointer,
                                             String input, JsonNode value) {
        if (step.inputs().isEmpty() || !at.has(inputsPointer)) {
            return null;
        }
        int mapping = offset(source, at.at(inputsPointer));
        String firstName = step.inputs().keySet().iterator().next(); // the parsed step keeps the written order
        SourcePos first = at.keyAt(SourceMap.child(inputsPointer, firstName));
        int keyOffset = offset(source, first);
        if (mapping < 0 || keyOffset < 0) {
            return null;
        }
        boolean flowStyle = source.charAt(mapping) == '{';
        String entry = input + ": " + scalar(value, '"', flowStyle);
        String text = flowStyle ? entry + ", " : entry + "\n" + " ".repeat(first.column() - 1);
        return source.substring(0, keyOffset) + text + source.substring(keyOffset);
    }

    /** True when the node at {@code pointer} is inside a {@code { }} or {@code [ ]} collection. */
    private static boolean inFlowCollection(String source, SourceMap at, String pointer) {
        int slash = pointer.lastIndexOf('/');
        String parent = slash <= 0 ? "" : pointer.substring(0, slash);
        if (!at.has(parent)) {
            return false;
        }
        int start = offset(source, at.at(parent));
        return start >= 0 && (source.charAt(start) == '{' || source.charAt(start) == '[');
    }

    /** The character offset of a 1-based line and column; -1 when it is not in the text. */
    private static int offset(String source, SourcePos pos) {
        if (pos.line() <= 0 || pos.column() <= 0) {
            return -1;
        }
        int offset = 0;
        for (int line = 1; line < pos.line(); line++) {
            offset = source.indexOf('\n', offset);
            if (offset < 0) {
                return -1;
            }
            offset++;
        }
        int at = offset + pos.column() - 1;
        int lineEnd = source.indexOf('\n', offset);
        return at < (lineEnd < 0 ? source.length() : lineEnd) ? at : -1;
    }

    /** Where the scalar starting at {@code start} ends (exclusive); -1 for a block scalar or an unclosed quote. */
    private static int scalarEnd(String source, int start, boolean inFlow) {
        char first = source.charAt(start);
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        if (first == '"') {
            for (int i = start + 1; i < lineEnd; i++) {
                char c = source.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i + 1;
                }
            }
            return -1;
        }
        if (first == '\'') {
            for (int i = start + 1; i < lineEnd; i++) {
                if (source.charAt(i) == '\'') {
                    if (i + 1 < lineEnd && source.charAt(i + 1) == '\'') {
                        i++;
                    } else {
                        return i + 1;
                    }
                }
            }
            return -1;
        }
        if (first == '|' || first == '>' || first == '{' || first == '[') {
            return -1;
        }
        int end = start;
        while (end < lineEnd) {
            char c = source.charAt(end);
            if (c == '#' && end > start && Character.isWhitespace(source.charAt(end - 1))) {
                break;
            }
            if (inFlow && (c == ',' || c == '}' || c == ']')) {
                break;
            }
            end++;
        }
        while (end > start && Character.isWhitespace(source.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** {@code value} as a YAML scalar, in the quoting {@code style} (the value's first character) where it can. */
    private static String scalar(JsonNode value, char style, boolean inFlow) {
        if (!value.isTextual()) {
            return value.toString();
        }
        String text = value.asText();
        if (style == '\'' && text.indexOf('\n') < 0) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (style != '"' && style != '\'' && PLAIN.matcher(text).matches() && !text.endsWith(" ")
                && !PLAIN_WORDS.contains(text.toLowerCase(Locale.ROOT)) && !(inFlow && text.contains(","))) {
            return text;
        }
        try {
            return JSON.writeValueAsString(text); // a JSON string is a YAML double-quoted scalar
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The edited text reads as the same flow but for the input, which has the new value. */
    private static boolean check(String before, String after, String fileName, String stepId, String input,
                                 JsonNode suggested) {
        FlowParser.Parsed was = new FlowParser().read(before, fileName);
        FlowParser.Parsed now = new FlowParser().read(after, fileName);
        if (now.flow() == null || !now.problems().isEmpty()) {
            return false;
        }
        StepDef step = now.flow().steps().get(stepId);
        if (step == null || !sameValue(step.inputs().getOrDefault(input, JSON.nullNode()), suggested)) {
            return false;
        }
        return withoutInput(was.flow(), stepId, input).equals(withoutInput(now.flow(), stepId, input));
    }

    /** The flow's steps and inputs with {@code stepId}'s {@code input} left out and positions forgotten. */
    private static String withoutInput(Flow flow, String stepId, String input) {
        StringBuilder out = new StringBuilder(flow.id()).append('|').append(flow.outputs());
        flow.inputs().values().forEach(spec -> out.append('|').append(List.of(spec.name(), spec.type(),
                String.valueOf(spec.defaultValue()), String.valueOf(spec.description()), String.valueOf(spec.min()),
                String.valueOf(spec.max()), String.valueOf(spec.pattern()), spec.values())));
        for (StepDef step : flow.steps().values()) {
            Map<String, JsonNode> inputs = new LinkedHashMap<>(step.inputs());
            if (step.id().equals(stepId)) {
                inputs.remove(input);
            }
            out.append('|').append(step.id()).append(step.type()).append(new TreeMap<>(inputs))
                    .append(step.needs()).append(step.foreach()).append(step.retry()).append(step.timeout())
                    .append(step.run()).append(step.command()).append(step.env()).append(step.script());
        }
        return out.toString();
    }
}

package dev.reprise.flow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the templates of one flow for {@link FlowValidator}: Pebble syntax, references to steps (unknown,
 * or the step itself), flow inputs it does not declare, and {@code item}/{@code index} outside a
 * {@code foreach} step. Adds what it finds to the validation's problem list; one per validation, not
 * thread-safe.
 */
final class TemplateCheck {

    private final Flow flow;
    private final Templates templates;
    private final List<Problem> problems;
    private final Suggestions suggestions;

    TemplateCheck(Flow flow, Templates templates, List<Problem> problems, Suggestions suggestions) {
        this.flow = flow;
        this.templates = templates;
        this.problems = problems;
        this.suggestions = suggestions;
    }

    /**
     * Checks every string inside {@code value}. {@code step} is the step the value belongs to (null for a
     * flow output), {@code owner} names the value in messages, and {@code at} gives the position of the
     * node at a JSON pointer below {@code pointer}.
     */
    void value(JsonNode value, StepDef step, String owner, String pointer, Function<String, SourcePos> at) {
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            text(value.asText(), step, owner, pointer, at);
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                value(value.get(i), step, owner, pointer + "/" + i, at);
            }
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                value(field.getValue(), step, owner, pointer + "/" + FlowValidator.escape(field.getKey()), at);
            }
        }
    }

    /** Checks one string; see {@link #value}. */
    void text(String text, StepDef step, String owner, String pointer, Function<String, SourcePos> at) {
        if (!Templates.isTemplate(text)) {
            return;
        }
        Optional<String> syntax = templates.syntaxError(text);
        if (syntax.isPresent()) {
            // what a broken template refers to is guesswork; its syntax is the one problem to fix
            problem(at.apply(pointer), "bad template in " + owner + ": " + syntax.get());
            return;
        }
        for (Templates.Reference ref : Templates.references(text)) {
            if (step != null && ref.step().equals(step.id())) {
                problem(at.apply(pointer), owner + " refers to its own step '" + step.id() + "'");
            } else if (!flow.steps().containsKey(ref.step())) {
                problem(at.apply(pointer), owner + " refers to step '" + ref.step() + "', which is not a step of "
                        + "this flow" + suggestions.hintAmong(ref.step(), flow.steps().keySet()));
            }
        }
        TemplateNames.Names names = TemplateNames.scan(text);
        for (String input : names.inputs()) {
            if (!flow.inputs().containsKey(input)) {
                problem(at.apply(pointer), owner + " uses inputs." + input + ", which the flow does not declare"
                        + suggestions.hintAmong(input, flow.inputs().keySet()));
            }
        }
        if ((names.item() || names.index()) && (step == null || !step.isFanOut())) {
            String variable = names.item() ? "item" : "index";
            problem(at.apply(pointer), owner + " uses {{ " + variable + " }}, which only a step with foreach has");
        }
    }

    private void problem(SourcePos pos, String message) {
        problems.add(new Problem(pos, message));
    }
}

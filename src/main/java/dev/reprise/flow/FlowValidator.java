package dev.reprise.flow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks what a {@link Flow} means: ids, step types and their inputs, literal input values against their
 * declared types, {@code needs} and template references, the {@code foreach} variables, cycles, template
 * syntax, input defaults, shell {@code run}/{@code command}, timeouts, and the code a step names (python
 * {@code script}/{@code file}/{@code function}, interpreter, a step's {@code files:}) against the flow's files.
 * It reports every problem it finds, each at the node it concerns, rather than stopping at the first.
 * {@link #load} parses and validates a flow file in one go. The built-in {@code shell} and {@code python}
 * types accept any input; other types come from the {@link StepTypeCatalog}. Thread-safe when the catalog is.
 */
public final class FlowValidator {

    private static final String SHELL = "shell";
    private static final StepTypeInfo BUILT_IN_SHELL = new StepTypeInfo(SHELL, Map.of(), Set.of(), true,
            "A process: run: through /bin/sh -c, or command: as an argument list; each input arrives as the "
                    + "environment variable REPRISE_INPUT_<name>");
    private static final String PYTHON = CodeCheck.PYTHON;
    private static final StepTypeInfo BUILT_IN_PYTHON = new StepTypeInfo(PYTHON, Map.of(), Set.of(), true,
            "Python code run by the flow's interpreter: script: inline, file: a script of the flow folder, or "
                    + "function: module:name called with its inputs; reprise.inputs() gives the inputs as Python "
                    + "values, reprise.output() and reprise.output_file() record outputs");
    private static final Comparator<Problem> BY_POSITION = Comparator
            .comparing((Problem p) -> p.pos().line() <= 0)
            .thenComparingInt(p -> p.pos().line())
            .thenComparingInt(p -> p.pos().column());
    private static final Function<String, List<FlowFile>> NO_FILES = flowId -> List.of();

    private final StepTypeCatalog catalog;
    private final Templates templates;
    private final FlowParser parser = new FlowParser();

    public FlowValidator(StepTypeCatalog catalog, Templates templates) {
        this.catalog = catalog;
        this.templates = templates;
    }

    /**
     * Every problem of {@code flow}, placed with the positions its records hold (steps, their input values,
     * flow inputs); nodes the records do not locate are reported at their step. Prefer
     * {@link #validate(Flow, SourceMap)} for a flow read from a file.
     */
    public List<Problem> validate(Flow flow, String fileName) {
        return validate(flow, SourceMap.empty(fileName));
    }

    /** Every problem of {@code flow}, each at the line and column {@code sourceMap} gives its node. */
    public List<Problem> validate(Flow flow, SourceMap sourceMap) {
        List<Problem> problems = new FlowCheck(flow, sourceMap).run();
        problems.sort(BY_POSITION);
        return problems;
    }

    /** Every problem of the flow file {@code source} (a flow without files), from reading it and validating it. */
    public List<Problem> check(String source, String fileName) {
        return check(source, fileName, NO_FILES);
    }

    /**
     * Every problem of {@code source}, from reading it and from validating it, in file order; {@code codeOf} gives
     * the files of the revision it would make, by the flow's id (empty for a flow file alone).
     */
    public List<Problem> check(String source, String fileName, Function<String, List<FlowFile>> codeOf) {
        return read(source, fileName, codeOf).problems();
    }

    /** The flow in {@code source} (a flow without files), parsed and valid; throws {@link FlowException} otherwise. */
    public Flow load(String source, String fileName) {
        return load(source, fileName, NO_FILES);
    }

    /**
     * The flow in {@code source}, parsed and valid against the files {@code codeOf} gives by its id, which it holds
     * as its {@link Flow#code}; throws {@link FlowException} with every problem found.
     */
    public Flow load(String source, String fileName, Function<String, List<FlowFile>> codeOf) {
        Checked checked = read(source, fileName, codeOf);
        if (!checked.problems().isEmpty()) {
            throw new FlowException(checked.problems());
        }
        return checked.flow();
    }

    private record Checked(Flow flow, List<Problem> problems) {
    }

    private Checked read(String source, String fileName, Function<String, List<FlowFile>> codeOf) {
        FlowParser.Parsed parsed = parser.read(source, fileName);
        List<Problem> problems = new ArrayList<>(parsed.problems());
        Flow flow = parsed.flow();
        if (flow != null) {
            flow = flow.withCode(flow.id() == null ? List.of() : codeOf.apply(flow.id()));
            problems.addAll(new FlowCheck(flow, parsed.sourceMap()).run());
        }
        problems.sort(BY_POSITION);
        return new Checked(flow, problems);
    }

    /** One validation of one flow. */
    private final class FlowCheck {
        private final Flow flow;
        private final SourceMap map;
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, Optional<StepTypeInfo>> types = new HashMap<>();
        private final TemplateCheck templateCheck;
        private final Suggestions suggestions = Suggestions.forOneValidation();
        private final CodeCheck codeCheck;

        FlowCheck(Flow flow, SourceMap map) {
            this.flow = flow;
            this.map = map;
            this.templateCheck = new TemplateCheck(flow, templates, problems, suggestions);
            this.codeCheck = new CodeCheck(flow, new CodeCheck.Places() {
                @Override
                public SourcePos at(String pointer, SourcePos fallback) {
                    return FlowCheck.this.at(pointer, fallback);
                }

                @Override
                public SourcePos keyAt(String pointer, SourcePos fallback) {
                    return FlowCheck.this.keyAt(pointer, fallback);
                }

                @Override
                public void problem(SourcePos pos, String message) {
                    FlowCheck.this.problem(pos, message);
                }
            });
        }

        List<Problem> run() {
            checkId();
            if (flow.python() != null) {
                codeCheck.flowInterpreter(at("/python", at("", null)));
            }
            flow.inputs().values().forEach(this::checkInput);
            if (flow.steps().isEmpty()) {
                problem(at("/steps", at("", null)), "the flow has no steps");
            }
            flow.steps().values().forEach(this::checkStep);
            checkCycle();
            flow.outputs().forEach((name, template) -> {
                String pointer = SourceMap.pointer("outputs", name);
                SourcePos fallback = at(pointer, null);
                templateCheck.text(template, null, "output '" + name + "'", pointer, p -> at(p, fallback));
            });
            return problems;
        }

        private void checkId() {
            if (flow.id() == null || flow.id().isBlank()) {
                problem(at("", null), "the flow needs an id, e.g. id: monthly_report");
            } else {
                Ids.flowIdProblem(flow.id()).ifPresent(p -> problem(at("/id", null), p));
            }
        }

        private void checkInput(InputSpec spec) {
            String pointer = SourceMap.pointer("inputs", spec.name());
            SourcePos declared = keyAt(pointer, spec.pos());
            if (!Ids.isName(spec.name())) {
                problem(declared, "input name '" + spec.name() + "' must start with a letter or '_' and hold only "
                        + "letters, digits and '_', so that templates can say inputs." + spec.name());
            }
            boolean checkable = true;
            if (spec.type() == InputType.ENUM && spec.values().isEmpty()) {
                problem(at(pointer + "/type", declared), "input '" + spec.name() + "' is an enum and needs its "
                        + "values, e.g. values: [small, large]");
                checkable = false;
            }
            if (spec.pattern() != null) {
                try {
                    Pattern.compile(spec.pattern());
                } catch (PatternSyntaxException e) {
                    problem(at(pointer + "/pattern", declared), "pattern of input '" + spec.name()
                            + "' is not a valid regular expression: " + e.getDescription());
                    checkable = false;
                }
            }
            if (spec.min() != null && spec.max() != null && spec.min().compareTo(spec.max()) > 0) {
                problem(at(pointer + "/min", declared), "input '" + spec.name() + "' has min "
                        + spec.min().toPlainString() + " above its max " + spec.max().toPlainString());
            }
            if (checkable && !spec.required()) {
                try {
                    spec.check(spec.defaultValue());
                } catch (IllegalArgumentException e) {
                    problem(at(pointer + "/default", declared), "default of " + e.getMessage());
                }
            }
        }

        private void checkStep(StepDef step) {
            String pointer = SourceMap.pointer("steps", step.id());
            SourcePos stepPos = step.pos() != null ? step.pos() : at(pointer, null);
            String owner = "step '" + step.id() + "'";
            Ids.stepNameProblem(step.id()).ifPresent(p -> problem(stepPos, p));
            StepTypeInfo info = null;
            if (step.type() == null || step.type().isBlank()) {
                problem(stepPos, owner + " has no type; known types: " + String.join(", ", knownTypes()));
            } else {
                info = typeInfo(step.type()).orElse(null);
                if (info == null) {
                    problem(at(pointer + "/type", stepPos), "unknown step type '" + step.type() + "' in " + owner
                            + Suggestions.hint(step.type(), knownTypes()) + "; known types: "
                            + String.join(", ", knownTypes()));
                }
            }
            if (info != null) {
                checkInputsAgainstType(step, info, pointer, stepPos);
                checkRunAndCommand(step, pointer, stepPos);
                codeCheck.step(step, pointer, stepPos);
            }
            checkNeeds(step, pointer);
            checkForeach(step, pointer, stepPos);
            step.inputs().forEach((name, value) -> {
                String inputPointer = pointer + "/inputs/" + escape(name);
                templateCheck.value(value, step, "input '" + name + "' of " + owner, inputPointer,
                        p -> at(p, step.inputPos(name)));
            });
            if (step.timeout() != null && (step.timeout().isZero() || step.timeout().isNegative())) {
                problem(at(pointer + "/timeout", stepPos), "timeout of " + owner + " must be more than zero, was "
                        + step.timeout());
            }
            Duration backoff = step.retry().backoff();
            if (backoff.isNegative()) {
                problem(at(pointer + "/retry/backoff", stepPos), "retry backoff of " + owner
                        + " must not be negative, was " + backoff);
            }
        }

        private void checkInputsAgainstType(StepDef step, StepTypeInfo info, String pointer, SourcePos stepPos) {
            String owner = "step '" + step.id() + "' (" + info.type() + ")";
            step.inputs().forEach((name, value) -> {
                InputType declared = info.inputs().get(name);
                if (declared == null && !info.openInputs()) {
                    String accepted = info.inputs().isEmpty() ? "it takes no inputs"
                            : "it accepts " + String.join(", ", new TreeSet<>(info.inputs().keySet()));
                    problem(inputNamePos(step, pointer, name), owner + " has no input '" + name + "'"
                            + Suggestions.hint(name, info.inputs().keySet()) + "; " + accepted);
                }
                if (declared == null && info.openInputs() && SHELL.equals(info.type())
                        && !Ids.isName(name)) {
                    problem(inputNamePos(step, pointer, name), "input '" + name + "' of " + owner + " cannot become the environment variable "
                            + "REPRISE_INPUT_" + name + "; use letters, digits and '_'");
                }
                if (declared != null && !containsTemplate(value)) {
                    try {
                        declared.coerce(value);
                    } catch (IllegalArgumentException e) {
                        problem(step.inputPos(name), "input '" + name + "' of " + owner + " is a "
                                + declared.id() + ": " + e.getMessage());
                    }
                }
            });
            if (!info.oneOf().isEmpty()) {
                List<String> given = info.oneOf().stream().filter(step.inputs()::containsKey).toList();
                if (given.size() != 1) {
                    // two or more: the one written last is the one to take away
                    SourcePos where = given.isEmpty() ? keyAt(pointer + "/inputs", stepPos) : given.stream()
                            .map(name -> inputNamePos(step, pointer, name))
                            .max(Comparator.comparingInt(SourcePos::line).thenComparingInt(SourcePos::column))
                            .orElseThrow();
                    problem(where, owner + " gives exactly one of the inputs "
                            + String.join(", ", info.oneOf()) + "; it gives "
                            + (given.isEmpty() ? "none" : String.join(" and ", given)));
                }
            }
            for (String required : new TreeSet<>(info.required())) {
                if (!step.inputs().containsKey(required)) {
                    problem(keyAt(pointer + "/inputs", stepPos), owner + " is missing the required input '"
                            + required + "'");
                }
            }
        }

        private SourcePos inputNamePos(StepDef step, String pointer, String name) {
            return keyAt(pointer + "/inputs/" + escape(name), step.inputPos(name));
        }

        private void checkRunAndCommand(StepDef step, String pointer, SourcePos stepPos) {
            boolean hasRun = step.run() != null && !step.run().isBlank();
            boolean hasCommand = !step.command().isEmpty();
            String owner = "step '" + step.id() + "'";
            if (SHELL.equals(step.type())) {
                if (hasRun && hasCommand) {
                    problem(keyAt(pointer + "/command", stepPos), "shell " + owner + " has both run and command; "
                            + "keep one");
                } else if (!hasRun && !hasCommand) {
                    problem(stepPos, "shell " + owner + " needs run: (a shell line) or command: (an argument list)");
                }
                return;
            }
            if (step.run() != null) {
                problem(keyAt(pointer + "/run", stepPos), "run: is only for shell steps; " + owner + " is "
                        + step.type());
            }
            if (hasCommand) {
                problem(keyAt(pointer + "/command", stepPos), "command: is only for shell steps; " + owner + " is "
                        + step.type());
            }
        }

        private void checkNeeds(StepDef step, String pointer) {
            List<String> needs = step.needs();
            for (int i = 0; i < needs.size(); i++) {
                String need = needs.get(i);
                if (need.equals(step.id())) {
                    problem(at(pointer + "/needs/" + i, step.pos()), "step '" + step.id() + "' needs itself");
                } else if (!flow.steps().containsKey(need)) {
                    problem(at(pointer + "/needs/" + i, step.pos()), "step '" + step.id() + "' needs '" + need
                            + "', which is not a step of this flow" + suggestions.hintAmong(need, flow.steps().keySet()));
                }
            }
        }

        private void checkForeach(StepDef step, String pointer, SourcePos stepPos) {
            if (step.foreach() == null) {
                return;
            }
            SourcePos pos = at(pointer + "/foreach", stepPos);
            if (!Templates.isTemplate(step.foreach())) {
                problem(pos, "foreach of step '" + step.id() + "' must be a template that gives a list, "
                        + "e.g. \"{{ steps.split.outputs.parts }}\"");
                return;
            }
            templateCheck.text(step.foreach(), step, "foreach of step '" + step.id() + "'", pointer + "/foreach",
                    p -> pos);
        }

        private void checkCycle() {
            FlowGraph.of(flow).findCycle().ifPresent(cycle -> {
                StepDef first = flow.steps().get(cycle.get(0));
                SourcePos pos = first.pos() != null ? first.pos() : at(SourceMap.pointer("steps", first.id()), null);
                problem(pos, "steps form a cycle: " + String.join(" → ", cycle));
            });
        }

        private Optional<StepTypeInfo> typeInfo(String type) {
            return types.computeIfAbsent(type, t -> {
                Optional<StepTypeInfo> found = catalog.find(t);
                if (found.isPresent()) {
                    return found;
                }
                return switch (t) {
                    case SHELL -> Optional.of(BUILT_IN_SHELL);
                    case PYTHON -> Optional.of(BUILT_IN_PYTHON);
                    default -> found;
                };
            });
        }

        private List<String> knownTypes() {
            TreeSet<String> known = new TreeSet<>();
            catalog.all().forEach(info -> known.add(info.type()));
            known.add(SHELL);
            known.add(PYTHON);
            return List.copyOf(known);
        }

        /** The value's position when the file has the node, else {@code fallback}, else the file alone. */
        private SourcePos at(String pointer, SourcePos fallback) {
            if (map.has(pointer)) {
                return map.at(pointer);
            }
            return fallback != null ? fallback : SourcePos.unknown(map.file());
        }

        private SourcePos keyAt(String pointer, SourcePos fallback) {
            return map.has(pointer) ? map.keyAt(pointer) : at(pointer, fallback);
        }

        private void problem(SourcePos pos, String message) {
            problems.add(new Problem(pos, message));
        }
    }

    private static boolean containsTemplate(JsonNode value) {
        if (value.isTextual()) {
            return Templates.isTemplate(value.asText());
        }
        for (JsonNode child : value) {
            if (containsTemplate(child)) {
                return true;
            }
        }
        return false;
    }

    static String escape(String token) {
        return SourceMap.pointer(token).substring(1);
    }
}

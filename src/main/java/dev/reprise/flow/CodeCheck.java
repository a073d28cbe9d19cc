package dev.reprise.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The part of a flow's validation that concerns its code: a python step's {@code script:}, {@code file:} or
 * {@code function:} (exactly one), its interpreter, and a step's {@code files:} globs — each file they name must
 * be one of the files of the flow's revision ({@link Flow#code}), and among the step's own when it names them,
 * since a step's working folder holds just those. A flow without files (a flow file alone) has none to name.
 * One check of one flow, reporting through {@link FlowValidator}'s problem list; not thread-safe.
 */
final class CodeCheck {

    /** Where a node is, given its JSON pointer and a fallback (as {@link FlowValidator} places problems). */
    interface Places {
        SourcePos at(String pointer, SourcePos fallback);

        SourcePos keyAt(String pointer, SourcePos fallback);

        void problem(SourcePos pos, String message);
    }

    static final String PYTHON = "python";
    private static final List<String> PYTHON_ONLY_KEYS = List.of("script", "file", "function", "python");
    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String KEEP_AS_FOLDER = "keep the flow as a folder (flow.yaml beside the files it uses) "
            + "and apply the folder";
    private static final int LISTED = 5;

    private final Flow flow;
    private final Places places;
    private final Set<String> paths = new LinkedHashSet<>();

    CodeCheck(Flow flow, Places places) {
        this.flow = flow;
        this.places = places;
        flow.code().forEach(file -> paths.add(file.path()));
    }

    /** The flow's own {@code python:}, which its python steps inherit. */
    void flowInterpreter(SourcePos pos) {
        interpreter(flow.python(), "the flow's python", pos);
    }

    void step(StepDef step, String pointer, SourcePos stepPos) {
        String owner = "step '" + step.id() + "'";
        Set<String> used = files(step, pointer, stepPos, owner);
        if (!PYTHON.equals(step.type())) {
            Map<String, String> given = new LinkedHashMap<>();
            given.put("script", step.script());
            given.put("file", step.file());
            given.put("function", step.function());
            given.put("python", step.python());
            PYTHON_ONLY_KEYS.stream().filter(key -> given.get(key) != null).forEach(key ->
                    places.problem(places.keyAt(pointer + "/" + key, stepPos), key + ": is only for python steps; "
                            + owner + " is " + step.type()));
            return;
        }
        List<String> code = new ArrayList<>();
        if (step.script() != null) {
            code.add("script");
        }
        if (step.file() != null) {
            code.add("file");
        }
        if (step.function() != null) {
            code.add("function");
        }
        if (code.size() > 1) {
            String given = code.size() == 2 ? "both " + code.get(0) + ": and " + code.get(1) + ":"
                    : "script:, file: and function:";
            places.problem(places.keyAt(pointer + "/" + code.get(1), stepPos), "python " + owner + " has " + given
                    + "; keep one (script: its Python source, file: a script of the flow folder, function: "
                    + "module:name)");
        } else if (code.isEmpty() || step.script() != null && step.script().isBlank()) {
            places.problem(step.script() == null ? stepPos : places.keyAt(pointer + "/script", stepPos), "python "
                    + owner + " needs script: (its Python source), file: (a script of the flow folder) or "
                    + "function: (module:name, a function of the flow folder's code)");
        }
        if (step.file() != null) {
            scriptFile(step, used, places.at(pointer + "/file", stepPos), owner);
        }
        if (step.function() != null) {
            function(step, used, places.at(pointer + "/function", stepPos), owner);
        }
        // an interpreter the step inherits from the flow is checked once, at the flow's python:
        SourcePos pythonPos = places.at(pointer + "/python", stepPos);
        if (step.python() != null && !step.python().equals(flow.python())) {
            interpreter(step.python(), "python of " + owner, pythonPos);
        }
        if (step.python() != null && FileGlobs.isFolderPath(step.python()) && paths.contains(step.python())
                && used != null && !used.contains(step.python())) {
            places.problem(places.at(pointer + "/files", pythonPos), owner + " runs the interpreter "
                    + step.python() + ", which its files: leave out of its working folder");
        }
    }

    /**
     * Checks the step's {@code files:} globs and answers the paths they choose; null when the step names none (it
     * uses every file) or when a glob is wrong (reported).
     */
    private Set<String> files(StepDef step, String pointer, SourcePos stepPos, String owner) {
        if (step.files().isEmpty()) {
            return null;
        }
        String at = pointer + "/files";
        if (paths.isEmpty()) {
            places.problem(places.keyAt(at, stepPos), "files: of " + owner + " names files of a flow folder, and "
                    + "this flow has none: " + KEEP_AS_FOLDER);
            return null;
        }
        List<String> all = List.copyOf(paths);
        Set<String> used = new LinkedHashSet<>();
        boolean wrong = false;
        for (int i = 0; i < step.files().size(); i++) {
            String glob = step.files().get(i);
            SourcePos pos = places.at(at + "/" + i, stepPos);
            String outside = FileGlobs.outside(glob);
            if (outside != null) {
                places.problem(pos, outside + " (" + owner + ")");
                wrong = true;
                continue;
            }
            List<String> matched;
            try {
                matched = FileGlobs.matching(glob, all);
            } catch (PatternSyntaxException e) {
                places.problem(pos, "files: glob '" + glob + "' of " + owner + " is not a glob: " + e.getDescription());
                wrong = true;
                continue;
            }
            if (matched.isEmpty()) {
                places.problem(pos, "files: glob '" + glob + "' of " + owner + " matches none of the flow's files"
                        + Suggestions.hint(glob, all) + " (" + listed(all) + ")");
                wrong = true;
            }
            used.addAll(matched);
        }
        return wrong ? null : used;
    }

    private void scriptFile(StepDef step, Set<String> used, SourcePos pos, String owner) {
        String file = step.file();
        if (file.isBlank() || FileGlobs.leaves(file) || file.endsWith("/")) {
            places.problem(pos, "file: of python " + owner + " must be a path inside the flow folder, such as "
                    + "clean.py, was '" + file + "'");
        } else if (paths.isEmpty()) {
            places.problem(pos, "file: '" + file + "' of python " + owner + " is not a file of the flow, which has "
                    + "none: " + KEEP_AS_FOLDER + ", or put the code in script:");
        } else if (!paths.contains(file)) {
            places.problem(pos, "file: '" + file + "' of python " + owner + " is not one of the flow's files"
                    + Suggestions.hint(file, paths) + " (" + listed(List.copyOf(paths)) + ")");
        } else if (used != null && !used.contains(file)) {
            places.problem(pos, "file: '" + file + "' of python " + owner + " is not among the files its files: "
                    + "name, which are all its working folder holds");
        }
    }

    private void function(StepDef step, Set<String> used, SourcePos pos, String owner) {
        String function = step.function();
        int colon = function.indexOf(':');
        if (colon < 0 || !DOTTED.matcher(function.substring(0, colon)).matches()
                || !NAME.matcher(function.substring(colon + 1)).matches()) {
            places.problem(pos, "function: of python " + owner + " must be module:name, such as clean:run (the "
                    + "function run of clean.py), was '" + function + "'");
            return;
        }
        String module = function.substring(0, colon).replace('.', '/');
        List<String> candidates = List.of(module + ".py", module + "/__init__.py");
        if (paths.isEmpty()) {
            places.problem(pos, "function: '" + function + "' of python " + owner + " imports " + candidates.get(0)
                    + " from the flow's files, and the flow has none: " + KEEP_AS_FOLDER);
        } else if (candidates.stream().noneMatch(paths::contains)) {
            places.problem(pos, "function: '" + function + "' of python " + owner + " imports its module from the "
                    + "flow's files, which hold neither " + candidates.get(0) + " nor " + candidates.get(1)
                    + Suggestions.hint(candidates.get(0), paths));
        } else if (used != null && candidates.stream().noneMatch(used::contains)) {
            places.problem(pos, "function: '" + function + "' of python " + owner + " imports "
                    + candidates.stream().filter(paths::contains).findFirst().orElseThrow() + ", which is not among "
                    + "the files its files: name");
        }
    }

    /**
     * An interpreter: a command on the PATH, an absolute path, or a path relative to the flow folder, which must
     * be one of its files (a step runs it from its working folder, which holds only the revision's files).
     */
    private void interpreter(String python, String what, SourcePos pos) {
        if (python.isBlank()) {
            places.problem(pos, what + " must name an interpreter, e.g. python3 or /usr/bin/python3");
        } else if (FileGlobs.isFolderPath(python) && !paths.contains(python)) {
            places.problem(pos, what + " '" + python + "' is a path relative to the flow folder, and "
                    + (paths.isEmpty() ? "the flow has no files" : "it is not one of the flow's files")
                    + ": a step runs it from its working folder, which holds only the files of the flow's revision "
                    + "(a .venv/ folder is left out, and a virtual environment's links lead out of the folder); give "
                    + "an absolute path, a command on the PATH such as python3, or set REPRISE_PYTHON where Reprise "
                    + "runs");
        }
    }

    private static String listed(List<String> all) {
        return all.size() <= LISTED ? "its files: " + String.join(", ", all)
                : "its files: " + String.join(", ", all.subList(0, LISTED)) + " and " + (all.size() - LISTED)
                + " more";
    }
}

package dev.reprise.flow;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of every id Reprise stores or puts in a path: flow ids, step names, step ids (a step name, or a
 * fan-out instance such as {@code count[3]}), run ids and input names. Each is at most {@value #MAX_LENGTH}
 * characters: that fits the store's columns (200 for flow and run ids, 300 for step ids) with room for an
 * instance suffix, and the server's URL paths, which take the same shapes. Each check answers why an id is
 * refused, or nothing. Stateless.
 */
public final class Ids {

    /** The longest id of any kind. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern FLOW_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern STEP_ID = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(\\[\\d{1,9}])?");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private Ids() {
    }

    /** Why {@code id} cannot be a flow id: letters, digits, '_', '.' and '-', starting with a letter. */
    public static Optional<String> flowIdProblem(String id) {
        return problem("flow id", id, FLOW_ID, "must start with a letter and hold only letters, digits, '_', '.' "
                + "and '-'");
    }

    /** Why {@code name} cannot be a step's name in a flow: letters, digits and '_', not starting with a digit. */
    public static Optional<String> stepNameProblem(String name) {
        return problem("step id", name, NAME, "must start with a letter or '_' and hold only letters, digits and '_'");
    }

    /** Why {@code id} cannot be the id of a step run: a step name, or a fan-out instance such as {@code count[3]}. */
    public static Optional<String> stepIdProblem(String id) {
        return problem("step id", id, STEP_ID, "must be a step name (letters, digits and '_', not starting with a "
                + "digit), or a fan-out instance such as count[3]");
    }

    /** Why {@code id} cannot be a run id: letters, digits, '_', '.' and '-', not starting with '.' or '-'. */
    public static Optional<String> runIdProblem(String id) {
        return problem("run id", id, RUN_ID, "must start with a letter, a digit or '_' and hold only letters, "
                + "digits, '_', '.' and '-'");
    }

    /** Whether {@code name} can be a template name, such as an input name ({@code inputs.<name>}). */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static Optional<String> problem(String what, String id, Pattern shape, String rule) {
        if (id == null || id.isEmpty()) {
            return Optional.of("a " + what + " is required");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of(what + " '" + id.substring(0, 20) + "…' is " + id.length() + " characters long; "
                    + "an id is at most " + MAX_LENGTH);
        }
        if (!shape.matcher(id).matches()) {
            return Optional.of(what + " '" + id + "' " + rule);
        }
        return Optional.empty();
    }
}

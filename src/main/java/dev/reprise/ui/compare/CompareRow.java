package dev.reprise.ui.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.compare.RunComparison.Change;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One line of the comparison as the view shows it: a label, the text of each side, the duration delta
 * where there is one, and its {@link Change} (null for a section heading), with the lines under it.
 * {@link #of} turns a {@link RunComparison} into these lines, optionally keeping only what differs.
 * Immutable.
 */
public record CompareRow(String id, String label, String left, String right, String delta, Change change,
                         List<CompareRow> children) {

    public CompareRow {
        children = List.copyOf(children);
    }

    public boolean differs() {
        return change != null && change != Change.SAME;
    }

    /** The sections Run, Parameters, Outputs and Steps; with {@code onlyDifferences}, only lines that differ. */
    public static List<CompareRow> of(RunComparison comparison, boolean onlyDifferences) {
        Predicate<CompareRow> keep = row -> !onlyDifferences || row.differs() || !row.children().isEmpty();
        Run l = comparison.left().run();
        Run r = comparison.right().run();
        List<CompareRow> sections = new ArrayList<>();

        List<CompareRow> run = new ArrayList<>();
        run.add(line("run.state", "State", state(l.state()), state(r.state()), null, l.state() == r.state()));
        run.add(line("run.revision", "Revision", l.flowId() + " #" + l.revision(), r.flowId() + " #" + r.revision(),
                null, comparison.sameRevision()));
        Duration ld = runDuration(l);
        Duration rd = runDuration(r);
        run.add(new CompareRow("run.duration", "Duration", duration(ld), duration(rd), delta(ld, rd), Change.SAME, List.of()));
        sections.add(section("run", "Run", run.stream().filter(keep).toList()));

        sections.add(section("parameters", "Parameters", values("parameter.", "", comparison.parameters()).stream()
                .filter(keep).toList()));
        sections.add(section("outputs", "Flow outputs", values("output.", "", comparison.outputs()).stream()
                .filter(keep).toList()));

        List<CompareRow> steps = new ArrayList<>();
        for (RunComparison.Step step : comparison.steps()) {
            List<CompareRow> children = new ArrayList<>();
            children.addAll(values("step." + step.stepId() + ".in.", "in  ", step.inputs()));
            children.addAll(values("step." + step.stepId() + ".out.", "out  ", step.outputs()));
            CompareRow row = new CompareRow("step." + step.stepId(), step.stepId(),
                    stepText(step.left(), step.leftDuration()), stepText(step.right(), step.rightDuration()),
                    delta(step.leftDuration(), step.rightDuration()), step.change(),
                    children.stream().filter(keep).toList());
            if (!onlyDifferences || row.differs()) {
                steps.add(row);
            }
        }
        sections.add(section("steps", "Steps", steps));
        return sections.stream().filter(s -> !onlyDifferences || !s.children().isEmpty()).toList();
    }

    private static CompareRow section(String id, String label, List<CompareRow> children) {
        long differing = children.stream().filter(CompareRow::differs).count();
        return new CompareRow(id, label, "", "", differing == 0 ? "" : differing + " differ", null, children);
    }

    private static CompareRow line(String id, String label, String left, String right, String delta, boolean same) {
        return new CompareRow(id, label, left, right, delta, same ? Change.SAME : Change.CHANGED, List.of());
    }

    private static List<CompareRow> values(String idPrefix, String labelPrefix, List<RunComparison.Value> values) {
        return values.stream().map(v -> new CompareRow(idPrefix + v.name(), labelPrefix + v.name(), value(v.left()),
                value(v.right()), null, v.change(), List.of())).toList();
    }

    private static String state(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String stepText(StepRun step, Duration ran) {
        if (step == null) {
            return "—";
        }
        String text = state(step.state());
        if (ran != null) {
            text += " · " + Formats.duration(ran);
        }
        if (step.attempts().size() > 1) {
            text += " · " + step.attempts().size() + " attempts";
        }
        return text;
    }

    /** A value on one line; a file as name, size and the start of its SHA-256 (what it is compared by). */
    static String value(JsonNode value) {
        if (value == null) {
            return "—";
        }
        return ArtifactRef.from(value)
                .map(ref -> (ref.name() != null ? ref.name() + " · " : "") + Formats.size(ref.size())
                        + " · sha256 " + ref.sha256().substring(0, 12))
                .orElseGet(() -> Formats.value(value));
    }

    private static Duration runDuration(Run run) {
        return run.startedAt() == null || run.endedAt() == null ? null : Duration.between(run.startedAt(), run.endedAt());
    }

    private static String duration(Duration d) {
        return d == null ? "—" : Formats.duration(d);
    }

    /** "+1.2 s (+35%)", "−300 ms (−12%)"; null unless both sides ran. */
    static String delta(Duration left, Duration right) {
        if (left == null || right == null) {
            return null;
        }
        Duration delta = right.minus(left);
        String sign = delta.isNegative() ? "−" : "+";
        String text = sign + Formats.duration(delta.abs());
        if (!left.isZero()) {
            long percent = Math.round(delta.toNanos() * 100.0 / left.toNanos());
            text += " (" + (percent < 0 ? "−" : "+") + Math.abs(percent) + "%)";
        }
        return text;
    }
}

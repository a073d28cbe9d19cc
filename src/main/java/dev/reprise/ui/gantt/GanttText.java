package dev.reprise.ui.gantt;

import dev.reprise.run.Attempt;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;

import java.time.ZoneId;
import java.util.Locale;
import java.util.stream.Collectors;

/** The words of the Gantt: row labels and tooltip texts. Pure. */
final class GanttText {

    private GanttText() {
    }

    static String rowLabel(GanttRows.Row row) {
        return row.kind() == GanttRows.RowKind.GROUP ? row.id() + " ×" + row.instances() : row.id();
    }

    /** A short run id for a ghost label: {@code r-01jd3k…} keeps its first 10 characters. */
    static String shortRunId(String runId) {
        return runId.length() <= 12 ? runId : runId.substring(0, 10) + "…";
    }

    static String tooltip(GanttModel.Hit hit, long now, ZoneId zone) {
        GanttRows.Row row = hit.row();
        GanttRows.Bar bar = hit.bar();
        StringBuilder text = new StringBuilder();
        text.append(GanttText.rowLabel(row)).append("  ·  ").append(stateWord(row.state()));
        if (row.kind() == GanttRows.RowKind.GROUP) {
            if (!row.counts().isEmpty()) {
                text.append('\n').append(row.counts().entrySet().stream()
                        .map(e -> e.getValue() + " " + stateWord(e.getKey())).collect(Collectors.joining(", ")));
            }
            if (bar != null) {
                long end = bar.open() ? now : bar.end();
                text.append('\n').append(TimeAxis.clock(bar.start(), zone)).append(" → ")
                        .append(bar.open() ? "now" : TimeAxis.clock(end, zone))
                        .append("  (").append(TimeAxis.duration(end - bar.start())).append(')');
            }
            return text.toString();
        }
        StepRun step = row.step();
        if (step != null && step.reusedFrom() != null) {
            text.append("\nreused from run ").append(step.reusedFrom().runId())
                    .append(" (step ").append(step.reusedFrom().stepId()).append(')');
        }
        if (step != null && bar != null && bar.attempt() > 0) {
            Attempt attempt = step.attempts().stream().filter(a -> a.number() == bar.attempt()).findFirst().orElse(null);
            int total = step.attempts().isEmpty() ? 0 : step.attempts().get(step.attempts().size() - 1).number();
            if (bar.kind() == GanttRows.BarKind.GAP) {
                long end = bar.open() ? now : bar.end();
                text.append("\nwaiting ").append(TimeAxis.duration(end - bar.start()))
                        .append(" before attempt ").append(bar.attempt());
            } else if (attempt != null) {
                text.append("\nattempt ").append(attempt.number()).append(" of ").append(total)
                        .append(" · ").append(attempt.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                appendTimes(text, attempt, now, zone);
                if (attempt.exitCode() != null) {
                    text.append("\nexit code ").append(attempt.exitCode());
                }
                if (attempt.error() != null && !attempt.error().isBlank()) {
                    text.append("\nerror: ").append(abbreviate(attempt.error(), 300));
                }
            }
        }
        if (step != null && step.error() != null && (bar == null || bar.attempt() == 0)) {
            text.append("\nerror: ").append(abbreviate(step.error(), 300));
        }
        return text.toString();
    }

    private static void appendTimes(StringBuilder text, Attempt attempt, long now, ZoneId zone) {
        if (attempt.queuedAt() != null) {
            text.append("\nqueued  ").append(TimeAxis.clock(attempt.queuedAt().toEpochMilli(), zone));
        }
        if (attempt.startedAt() != null) {
            text.append("\nstarted ").append(TimeAxis.clock(attempt.startedAt().toEpochMilli(), zone));
            if (attempt.queuedAt() != null) {
                text.append("  (waited ").append(TimeAxis.duration(
                        attempt.startedAt().toEpochMilli() - attempt.queuedAt().toEpochMilli())).append(')');
            }
            long end = attempt.endedAt() != null ? attempt.endedAt().toEpochMilli() : now;
            text.append(attempt.endedAt() != null ? "\nended   " + TimeAxis.clock(end, zone) : "\nrunning")
                    .append("  (ran ").append(TimeAxis.duration(end - attempt.startedAt().toEpochMilli())).append(')');
        }
    }

    static String stateWord(StepState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String s, int max) {
        String one = s.strip();
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }
}

package dev.reprise.ui.common;

import dev.reprise.workspace.FileDiff;
import dev.reprise.workspace.LineDiff;
import dev.reprise.workspace.RevisionDiff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One line of a revision diff as a list shows it: a file's {@link Heading} (its path and what changed), or one
 * of its {@link Line}s — a {@link LineDiff.Row} side by side (for {@link DiffView}) or a
 * {@link LineDiff.UnifiedLine} in one column (for the replay form). A flow whose files did not change lists its
 * YAML's lines alone, as a flow file; otherwise {@code flow.yaml} and each changed file get a heading, their lines
 * under it (none for a binary file, a file too large, or a YAML that did not change). Immutable.
 *
 * @param <T> the kind of line
 */
public sealed interface DiffItem<T> {

    /** A file's heading: its path, and what changed in words ({@link FileDiff#summary()}). */
    record Heading<T>(String path, String summary) implements DiffItem<T> {
        @Override
        public boolean marked() {
            return true;
        }
    }

    /** A line of a file; {@code marked} when it differs between the two sides. */
    record Line<T>(T line, boolean marked) implements DiffItem<T> {
    }

    /** True for what a reader looks for first: a heading or a line that differs. */
    boolean marked();

    /** The items of {@code diff} with each line side by side; none for null. */
    static List<DiffItem<LineDiff.Row>> sideBySide(RevisionDiff diff) {
        return items(diff, lines -> lines.rows().stream()
                .<DiffItem<LineDiff.Row>>map(row -> new Line<>(row, row.kind() != LineDiff.Kind.SAME)).toList());
    }

    /**
     * The items of {@code diff} in one column, removed lines before added ones as {@code diff -u} lists them; none
     * for null.
     */
    static List<DiffItem<LineDiff.UnifiedLine>> unified(RevisionDiff diff) {
        return items(diff, lines -> lines.unified().stream().<DiffItem<LineDiff.UnifiedLine>>map(
                line -> new Line<>(line, line.side() != LineDiff.Side.BOTH)).toList());
    }

    /** The index of the first {@link #marked()} item, or -1. */
    static int firstMarked(List<? extends DiffItem<?>> items) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).marked()) {
                return i;
            }
        }
        return -1;
    }

    private static <T> List<DiffItem<T>> items(RevisionDiff diff, Function<LineDiff, List<DiffItem<T>>> lines) {
        if (diff == null) {
            return List.of();
        }
        if (diff.files().isEmpty()) {
            return lines.apply(diff.source().lines());
        }
        List<DiffItem<T>> items = new ArrayList<>();
        FileDiff source = diff.source();
        boolean yamlChanged = source.change() != FileDiff.Change.UNCHANGED;
        items.add(new Heading<>(source.path(), yamlChanged ? source.summary() : "no change"));
        if (yamlChanged) {
            items.addAll(lines.apply(source.lines()));
        }
        for (FileDiff file : diff.files()) {
            items.add(new Heading<>(file.path(), file.summary()));
            if (file.lines() != null) {
                items.addAll(lines.apply(file.lines()));
            }
        }
        return List.copyOf(items);
    }
}

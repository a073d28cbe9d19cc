package dev.reprise.ui.common;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;

/**
 * The one line diff of two texts (two revisions of a flow), as side-by-side rows a view can show one per
 * line: unchanged lines on both sides, removed lines on the left only, added lines on the right only, and
 * changed lines paired left and right. Computed with java-diff-utils (Myers). A unified listing (removed
 * lines, then the added ones, for each change) is derived from the same rows by {@link #unified()}, for views
 * with room for one column only. Immutable and thread-safe; {@link #of} may run off the FX thread.
 */
public record LineDiff(List<Row> rows, int added, int removed, int changed) {

    public enum Kind { SAME, ADDED, REMOVED, CHANGED }

    /**
     * One line of the side-by-side view. Line numbers are 1-based, 0 where that side has no line;
     * texts are null there.
     */
    public record Row(Kind kind, int leftLine, String left, int rightLine, String right) {
    }

    /** How a line reads in a unified listing: on both sides, only on the left (-) or only on the right (+). */
    public enum Side { BOTH, LEFT, RIGHT }

    /**
     * One line of the unified listing; {@code leftLine}/{@code rightLine} are 1-based, 0 where that side has no
     * such line.
     */
    public record UnifiedLine(Side side, String text, int leftLine, int rightLine) {
    }

    public LineDiff {
        rows = List.copyOf(rows);
    }

    public boolean identical() {
        return added == 0 && removed == 0 && changed == 0;
    }

    public static LineDiff of(String leftText, String rightText) {
        List<String> left = lines(leftText);
        List<String> right = lines(rightText);
        Patch<String> patch = DiffUtils.diff(left, right);
        List<Row> rows = new ArrayList<>();
        int added = 0;
        int removed = 0;
        int changed = 0;
        int l = 0;
        int r = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int sourceAt = delta.getSource().getPosition();
            while (l < sourceAt) {
                rows.add(new Row(Kind.SAME, l + 1, left.get(l), r + 1, right.get(r)));
                l++;
                r++;
            }
            List<String> gone = delta.getSource().getLines();
            List<String> come = delta.getTarget().getLines();
            int paired = Math.min(gone.size(), come.size());
            for (int i = 0; i < Math.max(gone.size(), come.size()); i++) {
                if (i < paired) {
                    rows.add(new Row(Kind.CHANGED, l + 1, gone.get(i), r + 1, come.get(i)));
                    l++;
                    r++;
                    changed++;
                } else if (i < gone.size()) {
                    rows.add(new Row(Kind.REMOVED, l + 1, gone.get(i), 0, null));
                    l++;
                    removed++;
                } else {
                    rows.add(new Row(Kind.ADDED, 0, null, r + 1, come.get(i)));
                    r++;
                    added++;
                }
            }
        }
        while (l < left.size() && r < right.size()) {
            rows.add(new Row(Kind.SAME, l + 1, left.get(l), r + 1, right.get(r)));
            l++;
            r++;
        }
        return new LineDiff(rows, added, removed, changed);
    }

    /**
     * The rows as one column: unchanged lines once, and for each run of differing rows first its left lines
     * (removed), then its right lines (added), as {@code diff -u} lists them.
     */
    public List<UnifiedLine> unified() {
        List<UnifiedLine> out = new ArrayList<>();
        List<UnifiedLine> added = new ArrayList<>();
        for (Row row : rows) {
            if (row.kind() == Kind.SAME) {
                out.addAll(added);
                added.clear();
                out.add(new UnifiedLine(Side.BOTH, row.left(), row.leftLine(), row.rightLine()));
                continue;
            }
            if (row.left() != null) {
                out.add(new UnifiedLine(Side.LEFT, row.left(), row.leftLine(), 0));
            }
            if (row.right() != null) {
                added.add(new UnifiedLine(Side.RIGHT, row.right(), 0, row.rightLine()));
            }
        }
        out.addAll(added);
        return List.copyOf(out);
    }

    /** Lines changed, added and removed ("2 changed, 1 added"), or "identical". */
    public String summary() {
        if (identical()) {
            return "identical";
        }
        List<String> parts = new ArrayList<>();
        if (changed > 0) {
            parts.add(changed + " changed");
        }
        if (added > 0) {
            parts.add(added + " added");
        }
        if (removed > 0) {
            parts.add(removed + " removed");
        }
        return String.join(", ", parts);
    }

    private static List<String> lines(String text) {
        // String.lines() takes \n, \r\n and \r alike and no empty line after a final line break
        return text == null ? List.of() : text.lines().toList();
    }
}

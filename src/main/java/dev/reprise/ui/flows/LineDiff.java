package dev.reprise.ui.flows;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;

/**
 * A side-by-side line diff of two texts (two revisions of a flow), as rows a view can show one per line:
 * unchanged lines on both sides, removed lines on the left only, added lines on the right only, and
 * changed lines paired left and right. Computed with java-diff-utils (Myers). Immutable and thread-safe;
 * {@link #of} may run off the FX thread.
 */
public record LineDiff(List<Row> rows, int added, int removed, int changed) {

    public enum Kind { SAME, ADDED, REMOVED, CHANGED }

    /**
     * One line of the side-by-side view. Line numbers are 1-based, 0 where that side has no line;
     * texts are null there.
     */
    public record Row(Kind kind, int leftLine, String left, int rightLine, String right) {
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
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}

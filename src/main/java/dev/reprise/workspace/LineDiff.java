package dev.reprise.workspace;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;

/**
 * The one line diff of two texts (two revisions of a flow file or of one of its files), as side-by-side rows a view can show one per
 * line: unchanged lines on both sides, removed lines on the left only, added lines on the right only, and
 * changed lines paired left and right. Computed with java-diff-utils (Myers). A unified listing (removed
 * lines, then the added ones, for each change) is derived from the same rows by {@link #unified()}, for views
 * with room for one column only, and the hunks of a unified diff with a few lines of context, as
 * {@code git diff} prints them, by {@link #hunks(int)}. Immutable and thread-safe; {@link #of} may run off the
 * FX thread.
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

    /**
     * One hunk of a unified diff: the lines of one stretch of changes with their context. {@code leftStart} and
     * {@code rightStart} are the 1-based first line of each side; when a side has no line in the hunk
     * ({@code leftCount} or {@code rightCount} 0), the line after which the other side's lines go (0 at the
     * start of the file), as {@code diff -u} writes them.
     */
    public record Hunk(int leftStart, int leftCount, int rightStart, int rightCount, List<UnifiedLine> lines) {

        public Hunk {
            lines = List.copyOf(lines);
        }

        /** The hunk's header line, {@code @@ -3,7 +3,8 @@} (a count of 1 left out, as {@code diff -u} does). */
        public String header() {
            return "@@ -" + range(leftStart, leftCount) + " +" + range(rightStart, rightCount) + " @@";
        }

        private static String range(int start, int count) {
            return count == 1 ? String.valueOf(start) : start + "," + count;
        }
    }

    public LineDiff {
        rows = List.copyOf(rows);
    }

    /** Lines on the right that are not on the left: the added ones and the new side of the changed ones. */
    public int linesAdded() {
        return added + changed;
    }

    /** Lines on the left that are not on the right: the removed ones and the old side of the changed ones. */
    public int linesRemoved() {
        return removed + changed;
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

    /**
     * The {@link #unified()} lines grouped into hunks: each change with up to {@code context} unchanged lines
     * before and after it, changes whose context would meet sharing one hunk. None when the texts are identical.
     */
    public List<Hunk> hunks(int context) {
        if (context < 0) {
            throw new IllegalArgumentException("lines of context cannot be negative: " + context);
        }
        List<UnifiedLine> lines = unified();
        List<Integer> changes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).side() != Side.BOTH) {
                changes.add(i);
            }
        }
        List<Hunk> hunks = new ArrayList<>();
        int c = 0;
        while (c < changes.size()) {
            int first = changes.get(c);
            int last = first;
            // a change whose context would meet this hunk's joins it, as diff -u does
            while (c + 1 < changes.size() && changes.get(c + 1) - last <= 2 * context + 1) {
                last = changes.get(++c);
            }
            c++;
            hunks.add(hunk(lines, Math.max(0, first - context), Math.min(lines.size(), last + 1 + context)));
        }
        return List.copyOf(hunks);
    }

    /** The hunk of {@code lines} from {@code start} (inclusive) to {@code end}, numbered from the lines before. */
    private static Hunk hunk(List<UnifiedLine> lines, int start, int end) {
        int leftBefore = 0;
        int rightBefore = 0;
        for (int i = start - 1; i >= 0; i--) {
            UnifiedLine line = lines.get(i);
            // the last line before the hunk that each side has gives its count of lines before
            if (leftBefore == 0 && line.leftLine() > 0) {
                leftBefore = line.leftLine();
            }
            if (rightBefore == 0 && line.rightLine() > 0) {
                rightBefore = line.rightLine();
            }
            if (leftBefore > 0 && rightBefore > 0) {
                break;
            }
        }
        List<UnifiedLine> part = lines.subList(start, end);
        int leftCount = (int) part.stream().filter(l -> l.side() != Side.RIGHT).count();
        int rightCount = (int) part.stream().filter(l -> l.side() != Side.LEFT).count();
        return new Hunk(leftCount == 0 ? leftBefore : leftBefore + 1, leftCount,
                rightCount == 0 ? rightBefore : rightBefore + 1, rightCount, part);
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

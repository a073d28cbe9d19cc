package dev.reprise.ui.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-based diff of two texts (longest common subsequence of lines), as a flow's revisions are compared in
 * the replay form. Lines the two texts share at their start and end are matched first, so that a small change
 * in a large file stays cheap; the middle is compared only up to {@link #MAX_CELLS} line pairs. Stateless.
 */
public final class LineDiff {

    /** How many line pairs the middle part may hold before the diff gives up on matching it line by line. */
    static final long MAX_CELLS = 4_000_000;

    public enum Kind { SAME, ADDED, REMOVED }

    /** One line of the diff; {@code oldLine}/{@code newLine} are 1-based numbers, 0 where the line is absent. */
    public record Line(Kind kind, String text, int oldLine, int newLine) {
    }

    private LineDiff() {
    }

    public static List<Line> diff(String before, String after) {
        List<String> a = before == null ? List.of() : before.lines().toList();
        List<String> b = after == null ? List.of() : after.lines().toList();
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            out.add(new Line(Kind.SAME, a.get(i), i + 1, i + 1));
        }
        middle(a, b, start, endA, endB, out);
        for (int i = endA, j = endB; i < a.size(); i++, j++) {
            out.add(new Line(Kind.SAME, a.get(i), i + 1, j + 1));
        }
        return out;
    }

    private static void middle(List<String> a, List<String> b, int start, int endA, int endB, List<Line> out) {
        int n = endA - start;
        int m = endB - start;
        if ((long) n * m > MAX_CELLS) {
            for (int i = start; i < endA; i++) {
                out.add(new Line(Kind.REMOVED, a.get(i), i + 1, 0));
            }
            for (int j = start; j < endB; j++) {
                out.add(new Line(Kind.ADDED, b.get(j), 0, j + 1));
            }
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(start + i).equals(b.get(start + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(start + i).equals(b.get(start + j))) {
                out.add(new Line(Kind.SAME, a.get(start + i), start + i + 1, start + j + 1));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(new Line(Kind.ADDED, b.get(start + j), 0, start + j + 1));
                j++;
            } else {
                out.add(new Line(Kind.REMOVED, a.get(start + i), start + i + 1, 0));
                i++;
            }
        }
    }

    /** True if the two texts differ in any line. */
    public static boolean changed(List<Line> diff) {
        return diff.stream().anyMatch(l -> l.kind() != Kind.SAME);
    }
}

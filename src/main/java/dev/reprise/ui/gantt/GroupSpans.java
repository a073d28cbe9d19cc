package dev.reprise.ui.gantt;

import dev.reprise.run.StepState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the group row of a fan-out sums up: the run and reused bars of its instances, in order of start, merged
 * into spans each toned by the worst state it covers. Filled in any order and sorted once when first summed up;
 * from then on a bar joins or leaves at its place found by binary search, so a live change of some instances of
 * a wide fan-out costs what those changes cost plus one merging pass, not a sort of every bar. Not thread-safe.
 */
final class GroupSpans {

    private static final Comparator<GanttRows.Bar> BY_START = Comparator.comparingLong(GanttRows.Bar::start);

    private final List<GanttRows.Bar> bars = new ArrayList<>();
    private boolean sorted;

    /** Takes the run and reused bars among {@code rowBars} (one instance's bars). */
    void add(List<GanttRows.Bar> rowBars) {
        for (GanttRows.Bar bar : rowBars) {
            if (counts(bar)) {
                bars.add(sorted ? firstStartingAtOrAfter(bar.start()) : bars.size(), bar);
            }
        }
    }

    /** Lets go of the run and reused bars among {@code rowBars}, which {@link #add} took before. */
    void remove(List<GanttRows.Bar> rowBars) {
        sort();
        for (GanttRows.Bar bar : rowBars) {
            if (counts(bar)) {
                int i = firstStartingAtOrAfter(bar.start());
                while (!bars.get(i).equals(bar)) {
                    i++;
                }
                bars.remove(i);
            }
        }
    }

    /** The union of the bars' time, each merged span toned by the worst state among the bars it covers. */
    List<GanttRows.Bar> summary() {
        sort();
        List<GanttRows.Bar> merged = new ArrayList<>();
        long start = 0;
        long end = 0;
        StepState tone = null;
        for (GanttRows.Bar bar : bars) {
            if (tone != null && bar.start() <= end) {
                end = end == GanttRows.OPEN || bar.open() ? GanttRows.OPEN : Math.max(end, bar.end());
                tone = StepStates.worse(tone, bar.tone());
            } else {
                if (tone != null) {
                    merged.add(new GanttRows.Bar(GanttRows.BarKind.SUMMARY, start, end, tone, 0));
                }
                start = bar.start();
                end = bar.end();
                tone = bar.tone();
            }
        }
        if (tone != null) {
            merged.add(new GanttRows.Bar(GanttRows.BarKind.SUMMARY, start, end, tone, 0));
        }
        return List.copyOf(merged);
    }

    private static boolean counts(GanttRows.Bar bar) {
        return bar.kind() == GanttRows.BarKind.RUN || bar.kind() == GanttRows.BarKind.REUSED;
    }

    private void sort() {
        if (!sorted) {
            bars.sort(BY_START);
            sorted = true;
        }
    }

    private int firstStartingAtOrAfter(long start) {
        int lo = 0;
        int hi = bars.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bars.get(mid).start() < start) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

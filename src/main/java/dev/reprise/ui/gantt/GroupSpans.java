package dev.reprise.ui.gantt;

import dev.reprise.run.StepState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the group row of a fan-out sums up: the run and reused bars of its instances, in order of start, merged
 * into spans each toned by the worst state it covers. Filled in any order and sorted once when first summed up;
 * from then on a bar joins or leaves at its place found by binary search, and the spans that end before the
 * earliest bar that changed are kept, so a live change of the latest instances of a wide fan-out costs what
 * those changes cost, not a sort and a merge of every bar. Not thread-safe.
 */
final class GroupSpans {

    private static final Comparator<GanttRows.Bar> BY_START = Comparator.comparingLong(GanttRows.Bar::start);

    private final List<GanttRows.Bar> bars = new ArrayList<>();
    private boolean sorted;
    /** The merged spans as last summed up, in order of time (their ends rise too: they are disjoint). */
    private final List<GanttRows.Bar> merged = new ArrayList<>();
    private List<GanttRows.Bar> summary = List.of();
    /** The earliest start of a bar taken or let go since the last summary; {@code Long.MAX_VALUE} for none. */
    private long changedFrom = Long.MIN_VALUE;

    /** Takes the run and reused bars among {@code rowBars} (one instance's bars). */
    void add(List<GanttRows.Bar> rowBars) {
        for (GanttRows.Bar bar : rowBars) {
            if (counts(bar)) {
                bars.add(sorted ? firstStartingAtOrAfter(bar.start()) : bars.size(), bar);
                changedFrom = Math.min(changedFrom, bar.start());
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
                changedFrom = Math.min(changedFrom, bar.start());
            }
        }
    }

    /**
     * The union of the bars' time, each merged span toned by the worst state among the bars it covers. A span
     * that ends before every bar changed since the last call holds the same bars as then and is kept; the bars
     * from the first span that may have changed on are merged again.
     */
    List<GanttRows.Bar> summary() {
        if (changedFrom == Long.MAX_VALUE) {
            return summary;
        }
        sort();
        int kept = firstEndingAtOrAfter(changedFrom);
        long restart = kept < merged.size() ? Math.min(merged.get(kept).start(), changedFrom) : changedFrom;
        merged.subList(kept, merged.size()).clear();
        long start = 0;
        long end = 0;
        StepState tone = null;
        for (int i = firstStartingAtOrAfter(restart); i < bars.size(); i++) {
            GanttRows.Bar bar = bars.get(i);
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
        summary = List.copyOf(merged);
        changedFrom = Long.MAX_VALUE;
        return summary;
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

    private int firstEndingAtOrAfter(long time) {
        int lo = 0;
        int hi = merged.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (merged.get(mid).end() < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package dev.reprise.ui.gantt;

import dev.reprise.flow.Flow;
import dev.reprise.run.Run;
import dev.reprise.run.StepAddress;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.workspace.RunDetail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the Gantt knows except how to paint: its rows and bars (see {@link GanttRows}), the time
 * range, and the viewport — which instant is at the plot's left edge, how many milliseconds a pixel
 * spans, how tall a row is and how far the rows are scrolled — with the math between time, pixels and
 * rows, zooming around a point, visible ranges, hit testing and axis ticks. Plot coordinates start at
 * the plot's top-left corner (right of the label column, under the axis). Pure; FX thread only in the app.
 */
public final class GanttModel {

    public static final double DEFAULT_ROW_HEIGHT = 24;
    /** Rows can be squeezed below a pixel: 10,000 rows then fit on a screen, painted per pixel. */
    public static final double MIN_ROW_HEIGHT = 0.02;
    private static final double MIN_MS_PER_PX = 0.01;
    /** Salience of an overview code ({@code ordinal + 1}; 0 = empty, below every state). */
    private static final int[] SALIENCE_BY_CODE = new int[StepState.values().length + 1];

    static {
        for (StepState state : StepState.values()) {
            SALIENCE_BY_CODE[state.ordinal() + 1] = StepStates.salience(state);
        }
    }

    /** What a point of the plot hits: a row, and the bar on it if any. */
    public record Hit(int rowIndex, GanttRows.Row row, GanttRows.Bar bar) {
    }

    /** An axis tick at plot x {@code x}, {@code millis} after the run's start, labelled {@code label}. */
    public record Tick(double x, long millis, String label) {
    }

    private final GanttRows rows = new GanttRows(12);
    private double width = 800;
    private double height = 400;
    private double originMs;
    private double msPerPx = 1;
    private double rowHeight = DEFAULT_ROW_HEIGHT;
    private double scrollY;
    private long now;
    private boolean followLive = true;
    private boolean everShown;

    /** Reads a new detail; the viewport stays, unless the user has not moved it since the last fit. */
    public void update(RunDetail detail, Flow flow) {
        rows.update(detail, flow);
        afterUpdate();
    }

    /**
     * Reads the run last read as it is now, given the step runs that changed since then: costs what they
     * cost, not what the whole run does (see {@link GanttRows#apply}); {@code detail} gives the whole run if
     * the rows must be read again.
     */
    public void apply(Run run, Supplier<RunDetail> detail, Flow flow, Collection<StepRun> changed) {
        rows.apply(run, detail, flow, changed);
        afterUpdate();
    }

    private void afterUpdate() {
        if (!everShown || followLive) {
            everShown = true;
            fitTime();
        }
        clampScroll();
    }

    // ---- rows ----

    public int rowCount() {
        return rows.rows().size();
    }

    GanttRows.Row row(int index) {
        return rows.rows().get(index);
    }

    List<GanttRows.Row> rows() {
        return rows.rows();
    }

    /** Index of the row with this id (instance id or group step name), or -1. */
    public int indexOf(String id) {
        return rows.indexOf(id);
    }

    /**
     * The row that shows a selected step instance ({@code parse}, {@code count[3]}): its own, or its fan-out's
     * group row while the group is collapsed; -1 for none.
     */
    public int rowOfSelection(String stepId) {
        if (stepId == null) {
            return -1;
        }
        int index = indexOf(stepId);
        if (index >= 0) {
            return index;
        }
        StepAddress address = StepAddress.parse(stepId);
        return address.isInstance() ? indexOf(address.step()) : -1;
    }

    public boolean isExpanded(String stepName) {
        int i = indexOf(stepName);
        return i >= 0 && row(i).expanded();
    }

    public void setExpanded(String stepName, boolean expanded) {
        rows.setExpanded(stepName, expanded);
        clampScroll();
    }

    /** Whether some bar is still growing (a running attempt, a queue, a retry wait). */
    public boolean isLive() {
        return rows.anyOpen();
    }

    // ---- time range and viewport ----

    public long startTime() {
        return rows.minTime();
    }

    /** The latest instant any bar reaches, "now" while a bar is open. */
    public long endTime() {
        return rows.anyOpen() ? Math.max(rows.maxTime(), now) : rows.maxTime();
    }

    public void setNow(long nowMillis) {
        this.now = nowMillis;
        if (followLive && rows.anyOpen()) {
            fitTime();
        }
    }

    public long now() {
        return now;
    }

    public void setViewport(double plotWidth, double plotHeight) {
        // a view that is not laid out yet may report NaN: keep a usable size instead
        this.width = Double.isFinite(plotWidth) ? Math.max(1, plotWidth) : 1;
        this.height = Double.isFinite(plotHeight) ? Math.max(1, plotHeight) : 1;
        if (followLive) {
            fitTime();
        }
        clampScroll();
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public double msPerPixel() {
        return msPerPx;
    }

    public double originMillis() {
        return originMs;
    }

    public double rowHeight() {
        return rowHeight;
    }

    public double scrollY() {
        return scrollY;
    }

    /** Whether the chart follows the run (refits as it grows); moving the view by hand stops it. */
    public boolean isFollowingLive() {
        return followLive;
    }

    public double timeToX(long millis) {
        return (millis - originMs) / msPerPx;
    }

    public double xToTime(double x) {
        return originMs + x * msPerPx;
    }

    /** Zooms the time axis by {@code factor} (> 1 zooms in) keeping the instant under {@code x} in place. */
    public void zoomAround(double x, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            return;
        }
        double at = xToTime(x);
        double maxMsPerPx = Math.max(1, (endTime() - startTime())) * 4 / width;
        msPerPx = clamp(msPerPx / factor, MIN_MS_PER_PX, Math.max(MIN_MS_PER_PX, maxMsPerPx));
        originMs = at - x * msPerPx;
        followLive = false;
    }

    /** Moves the time axis by {@code dx} pixels (positive: content moves right, earlier time shows). */
    public void panBy(double dx) {
        originMs -= dx * msPerPx;
        followLive = false;
    }

    public void scrollBy(double dy) {
        scrollY += dy;
        clampScroll();
    }

    public void scrollTo(double y) {
        scrollY = y;
        clampScroll();
    }

    /** Total height of all rows. */
    public double contentHeight() {
        return rowCount() * rowHeight;
    }

    /** Scales the row height by {@code factor} keeping the row under plot y {@code y} in place. */
    public void zoomRowsAround(double y, double factor) {
        double row = (y + scrollY) / rowHeight;
        rowHeight = clamp(rowHeight * factor, MIN_ROW_HEIGHT, DEFAULT_ROW_HEIGHT * 2);
        scrollY = row * rowHeight - y;
        clampScroll();
    }

    /** Shows the whole run: the time range across the width, and every row if they fit, or a full-height overview. */
    public void fit() {
        fitTime();
        int n = Math.max(1, rowCount());
        rowHeight = clamp(height / n, MIN_ROW_HEIGHT, DEFAULT_ROW_HEIGHT);
        scrollY = 0;
    }

    private void fitTime() {
        long start = startTime();
        long span = Math.max(1, endTime() - start);
        double margin = 16;
        msPerPx = Math.max(MIN_MS_PER_PX, span / Math.max(1, width - 2 * margin));
        originMs = start - margin * msPerPx;
        followLive = true;
    }

    /** Makes row {@code index} visible, scrolling as little as possible. */
    public void reveal(int index) {
        double top = index * rowHeight;
        if (top < scrollY) {
            scrollY = top;
        } else if (top + rowHeight > scrollY + height) {
            scrollY = top + rowHeight - height;
        }
        clampScroll();
    }

    private void clampScroll() {
        scrollY = clamp(scrollY, 0, Math.max(0, contentHeight() - height));
    }

    /** First row intersecting the plot. */
    public int firstVisibleRow() {
        return (int) clamp(Math.floor(scrollY / rowHeight), 0, Math.max(0, rowCount() - 1));
    }

    /** One past the last row intersecting the plot. */
    public int endVisibleRow() {
        return (int) clamp(Math.ceil((scrollY + height) / rowHeight), 0, rowCount());
    }

    /** Plot y of the top of row {@code index}. */
    public double rowTop(int index) {
        return index * rowHeight - scrollY;
    }

    /** Row at plot y, or -1. */
    public int rowAt(double y) {
        if (y < 0 || y >= height) {
            return -1;
        }
        int index = (int) Math.floor((y + scrollY) / rowHeight);
        return index >= 0 && index < rowCount() ? index : -1;
    }

    /** Where a bar ends for drawing: at "now" while it is open. */
    public long endOf(GanttRows.Bar bar) {
        return bar.open() ? Math.max(bar.start(), now) : bar.end();
    }

    /** Index of the first bar of {@code bars} that ends at or after {@code t}: bars before it are left of the view. */
    int firstBarEndingAfter(List<GanttRows.Bar> bars, double t) {
        int lo = 0;
        int hi = bars.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (endOf(bars.get(mid)) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * What plot point ({@code x}, {@code y}) hits. A bar counts as at least {@code minWidthPx} wide (centred
     * on itself), so a step of a millisecond stays clickable; a bar under the point wins over a near one,
     * and a run wins over a queue or retry gap.
     */
    public Optional<Hit> hitTest(double x, double y, double minWidthPx) {
        int index = rowAt(y);
        if (index < 0) {
            return Optional.empty();
        }
        GanttRows.Row row = row(index);
        List<GanttRows.Bar> bars = row.bars();
        double slack = minWidthPx / 2 * msPerPx;
        int from = firstBarEndingAfter(bars, xToTime(x) - slack);
        GanttRows.Bar best = null;
        double bestScore = Double.MAX_VALUE;
        for (int i = from; i < bars.size(); i++) {
            GanttRows.Bar bar = bars.get(i);
            double x0 = timeToX(bar.start());
            double x1 = timeToX(endOf(bar));
            if (x0 > x + minWidthPx) {
                break;
            }
            double w = x1 - x0;
            if (w < minWidthPx) {
                double c = (x0 + x1) / 2;
                x0 = c - minWidthPx / 2;
                x1 = c + minWidthPx / 2;
            }
            if (x < x0 || x > x1) {
                continue;
            }
            boolean inside = x >= timeToX(bar.start()) && x <= timeToX(endOf(bar));
            double distance = inside ? 0 : Math.abs(x - (x0 + x1) / 2);
            double score = distance * 4 + (bar.kind() == GanttRows.BarKind.GAP ? 2
                    : bar.kind() == GanttRows.BarKind.QUEUE ? 1 : 0);
            if (score < bestScore) {
                bestScore = score;
                best = bar;
            }
        }
        return Optional.of(new Hit(index, row, best));
    }

    /** Ticks at a "nice" step (1, 2, 5 × a power of ten, or whole seconds, minutes, hours) at least {@code minSpacingPx} apart. */
    public List<Tick> ticks(double minSpacingPx) {
        // a view not laid out yet (width 0) or a degenerate scale has no axis, rather than an endless one
        if (!(width > 0) || !(minSpacingPx > 0) || !(msPerPx > 0) || !Double.isFinite(msPerPx * width)) {
            return List.of();
        }
        long step = TimeAxis.niceStep(minSpacingPx * msPerPx);
        long start = startTime();
        double t0 = xToTime(0) - start;
        long first = (long) Math.ceil(t0 / step) * step;
        int most = (int) Math.min(10_000, width / minSpacingPx + 2);
        List<Tick> ticks = new ArrayList<>();
        for (long t = first; ticks.size() < most && timeToX(start + t) <= width; t += step) {
            ticks.add(new Tick(timeToX(start + t), t, TimeAxis.label(t, step)));
        }
        return ticks;
    }

    /**
     * Paints the overview used when rows are thinner than a few pixels: for each plot pixel, the most
     * salient state of the bars that cover it, as {@code StepState.ordinal() + 1} (0 = nothing) in
     * {@code out} (row-major, {@code w × h}). Only the visible rows are read, and each bar costs its width
     * in pixels clipped to the view, so a 10,000-row run costs a few hundred thousand array writes.
     */
    public void overview(byte[] out, int w, int h) {
        Arrays.fill(out, 0, w * h, (byte) 0);
        int first = firstVisibleRow();
        int end = endVisibleRow();
        double tLeft = xToTime(0);
        for (int i = first; i < end; i++) {
            GanttRows.Row row = row(i);
            int y0 = (int) Math.floor(rowTop(i));
            int y1 = Math.max(y0 + 1, (int) Math.floor(rowTop(i + 1)));
            y0 = Math.max(0, y0);
            y1 = Math.min(h, y1);
            if (y0 >= y1) {
                continue;
            }
            List<GanttRows.Bar> bars = row.bars();
            for (int b = firstBarEndingAfter(bars, tLeft); b < bars.size(); b++) {
                GanttRows.Bar bar = bars.get(b);
                if (bar.kind() == GanttRows.BarKind.GAP || bar.kind() == GanttRows.BarKind.QUEUE) {
                    continue;
                }
                int x0 = (int) Math.floor(timeToX(bar.start()));
                if (x0 >= w) {
                    break;
                }
                int x1 = Math.max(x0 + 1, (int) Math.ceil(timeToX(endOf(bar))));
                x0 = Math.max(0, x0);
                x1 = Math.min(w, x1);
                byte code = (byte) (bar.tone().ordinal() + 1);
                int salience = SALIENCE_BY_CODE[code];
                for (int y = y0; y < y1; y++) {
                    int base = y * w;
                    for (int x = x0; x < x1; x++) {
                        if (SALIENCE_BY_CODE[out[base + x]] < salience) {
                            out[base + x] = code;
                        }
                    }
                }
            }
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

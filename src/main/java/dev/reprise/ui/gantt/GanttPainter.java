package dev.reprise.ui.gantt;

import dev.reprise.run.StepState;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Paints a {@link GanttModel} on a canvas: only the visible rows and, in each, only the bars in the
 * visible time range (binary-searched); neighbouring bars that fall into the same pixel columns are
 * merged into one rectangle. Rows thinner than a few pixels are painted as one overview image, a pixel
 * per cell. No clip, save/restore or effects per bar; the fill changes only when the colour does.
 * FX thread only.
 */
final class GanttPainter {

    static final double AXIS_HEIGHT = 28;
    /** Below this row height the rows are painted as an overview image. */
    static final double OVERVIEW_BELOW = 3;
    private static final Font FONT = Font.font(12);
    private static final Font SMALL = Font.font(11);

    private final ChartPalette palette;
    private WritableImage overview;
    private byte[] cells = new byte[0];
    private int[] pixels = new int[0];
    private int[] runs = new int[0];
    private final int[] argbByCode = new int[StepState.values().length + 1];
    private Color fill;

    GanttPainter(ChartPalette palette) {
        this.palette = palette;
    }

    /** Paints everything; {@code selectedRow} is -1 for none, {@code hoverRow} likewise. */
    void paint(GraphicsContext gc, GanttModel model, double width, double height, double labelWidth,
               int selectedRow, boolean live) {
        fill = null;
        gc.setFill(palette.get(ChartPalette.BG));
        gc.fillRect(0, 0, width, height);
        double plotW = model.width();
        int first = model.firstVisibleRow();
        int end = model.endVisibleRow();
        boolean overviewMode = model.rowHeight() < OVERVIEW_BELOW;
        List<GanttModel.Tick> ticks = model.ticks(90);

        if (!overviewMode) {
            paintRowBands(gc, model, first, end, width, selectedRow);
        }
        gc.setStroke(palette.get(ChartPalette.GRID));
        gc.setLineWidth(1);
        for (GanttModel.Tick tick : ticks) {
            double x = Math.round(labelWidth + tick.x()) + 0.5;
            gc.strokeLine(x, AXIS_HEIGHT, x, height);
        }
        if (overviewMode) {
            paintOverview(gc, model, labelWidth);
        } else {
            for (int i = first; i < end; i++) {
                GanttRows.Row row = model.row(i);
                if (row.pending()) {
                    paintPending(gc, model, labelWidth, AXIS_HEIGHT + model.rowTop(i), plotW, live);
                } else {
                    paintBars(gc, model, row, labelWidth, AXIS_HEIGHT + model.rowTop(i), plotW, i == selectedRow);
                }
            }
        }
        if (overviewMode && selectedRow >= 0) {
            gc.setFill(palette.get(ChartPalette.SELECTION));
            double y = AXIS_HEIGHT + model.rowTop(selectedRow);
            gc.fillRect(labelWidth, Math.max(AXIS_HEIGHT, y - 1), plotW, Math.max(2, model.rowHeight()));
            fill = null;
        }
        if (live) {
            double x = labelWidth + model.timeToX(model.now());
            if (x >= labelWidth && x <= labelWidth + plotW) {
                gc.setStroke(palette.get(ChartPalette.NOW));
                gc.setLineWidth(1.5);
                gc.strokeLine(x, AXIS_HEIGHT - 6, x, height);
            }
        }
        paintLabels(gc, model, first, end, labelWidth, height, selectedRow, overviewMode);
        paintAxis(gc, ticks, labelWidth, width);
    }

    private void paintRowBands(GraphicsContext gc, GanttModel model, int first, int end, double width, int selectedRow) {
        double rowH = model.rowHeight();
        Color alt = palette.get(ChartPalette.ROW_ALT);
        gc.setFill(alt);
        for (int i = first; i < end; i++) {
            if ((i & 1) == 1) {
                double top = Math.round(AXIS_HEIGHT + model.rowTop(i));
                gc.fillRect(0, top, width, Math.round(AXIS_HEIGHT + model.rowTop(i + 1)) - top);
            }
        }
        if (selectedRow >= first && selectedRow < end) {
            Color sel = palette.get(ChartPalette.SELECTION);
            gc.setFill(Color.color(sel.getRed(), sel.getGreen(), sel.getBlue(), 0.14));
            double top = Math.round(AXIS_HEIGHT + model.rowTop(selectedRow));
            gc.fillRect(0, top, width, Math.round(AXIS_HEIGHT + model.rowTop(selectedRow + 1)) - top);
        }
    }

    private void setFill(GraphicsContext gc, Color color) {
        if (color != fill) {
            gc.setFill(color);
            fill = color;
        }
    }

    private void paintBars(GraphicsContext gc, GanttModel model, GanttRows.Row row, double left, double rowTop,
                           double plotW, boolean selected) {
        // whole pixels everywhere: the software pipeline fills pixel-aligned rectangles far faster
        double top = Math.round(rowTop);
        double rowH = model.rowHeight();
        double barH = Math.max(1, Math.round(rowH * (row.kind() == GanttRows.RowKind.GROUP ? 0.46 : 0.62)));
        double barY = top + Math.round((rowH - barH) / 2);
        double queueH = Math.max(1, Math.round(barH * 0.45));
        double queueY = top + Math.round((rowH - queueH) / 2);
        List<GanttRows.Bar> bars = row.bars();
        // a run of merged solid bars, in plot pixels: [runX0, runX1) of one colour
        double runX0 = 0;
        double runX1 = -1;
        Color runColor = null;
        for (int b = model.firstBarEndingAfter(bars, model.xToTime(0)); b < bars.size(); b++) {
            GanttRows.Bar bar = bars.get(b);
            double x0 = model.timeToX(bar.start());
            if (x0 > plotW) {
                break;
            }
            double x1 = model.timeToX(model.endOf(bar));
            x0 = Math.max(-2, x0);
            x1 = Math.min(plotW + 2, Math.max(x1, x0 + 1));
            Color color = palette.state(bar.tone());
            switch (bar.kind()) {
                case RUN, SUMMARY -> {
                    if (color == runColor && x0 <= runX1 + 0.5) {
                        runX1 = Math.max(runX1, x1);
                        continue;
                    }
                    flush(gc, runColor, left, runX0, runX1, barY, barH);
                    runColor = color;
                    runX0 = x0;
                    runX1 = x1;
                    if (bar.attempt() > 1 && x1 - x0 > 30 && barH >= 12) {
                        flush(gc, runColor, left, runX0, runX1, barY, barH);
                        runColor = null;
                        gc.setFill(palette.get(ChartPalette.BG));
                        fill = null;
                        gc.setFont(SMALL);
                        gc.setTextBaseline(VPos.CENTER);
                        gc.setTextAlign(TextAlignment.LEFT);
                        gc.fillText("#" + bar.attempt(), left + x0 + 4, barY + barH / 2);
                    }
                }
                case QUEUE -> {
                    setFill(gc, fade(color, 0.4));
                    fillSnapped(gc, left + x0, queueY, left + x1, queueH);
                }
                case GAP -> {
                    setFill(gc, fade(color, 0.75));
                    double mid = top + Math.round(rowH / 2);
                    for (double x = x0; x < x1; x += 6) {
                        gc.fillRect(Math.round(left + x), mid, Math.max(1, Math.round(Math.min(3, x1 - x))), 1);
                    }
                }
                case REUSED -> paintGhost(gc, row, color, Math.round(left + x0), Math.round(Math.max(x1 - x0, 10)), barY, barH);
            }
        }
        flush(gc, runColor, left, runX0, runX1, barY, barH);
        if (selected && !bars.isEmpty()) {
            gc.setStroke(palette.get(ChartPalette.SELECTION));
            gc.setLineWidth(2);
            double x0 = Math.max(-2, model.timeToX(bars.get(0).start()));
            double x1 = Math.min(plotW + 2, Math.max(x0 + 3, model.timeToX(model.endOf(bars.get(bars.size() - 1)))));
            gc.strokeRect(left + x0 - 1, barY - 1, x1 - x0 + 2, barH + 2);
        }
    }

    /**
     * A step not started yet: while the run goes on, a hollow dashed placeholder from "now", where it would start
     * at the earliest; once the run has ended, nothing (it never ran).
     */
    private void paintPending(GraphicsContext gc, GanttModel model, double left, double rowTop, double plotW,
                              boolean live) {
        if (!live) {
            return;
        }
        double rowH = model.rowHeight();
        double barH = Math.max(1, Math.round(rowH * 0.62));
        if (barH < 6) {
            return;
        }
        double x0 = Math.max(0, Math.min(plotW - PENDING_WIDTH, model.timeToX(model.now()) + 2));
        double y = Math.round(rowTop) + Math.round((rowH - barH) / 2) + 0.5;
        gc.setStroke(fade(palette.state(StepState.PENDING), 0.9));
        gc.setLineWidth(1);
        gc.setLineDashes(3, 3);
        gc.strokeRect(Math.round(left + x0) + 0.5, y, PENDING_WIDTH, barH - 1);
        gc.setLineDashes((double[]) null);
    }

    /** The width of a pending step's placeholder, in pixels. */
    static final double PENDING_WIDTH = 36;

    private void flush(GraphicsContext gc, Color color, double left, double x0, double x1, double y, double h) {
        if (color != null && x1 > x0) {
            setFill(gc, color);
            fillSnapped(gc, left + x0, y, left + x1, h);
        }
    }

    private static void fillSnapped(GraphicsContext gc, double x0, double y, double x1, double h) {
        double a = Math.round(x0);
        double b = Math.max(a + 1, Math.round(x1));
        gc.fillRect(a, y, b - a, h);
    }

    private void paintGhost(GraphicsContext gc, GanttRows.Row row, Color color, double x, double w, double y, double h) {
        setFill(gc, fade(color, 0.18));
        gc.fillRect(x, y, w, h);
        gc.setStroke(fade(color, 0.9));
        gc.setLineWidth(1);
        gc.setLineDashes(3, 3);
        gc.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
        gc.setLineDashes((double[]) null);
        if (row.step() != null && row.step().reusedFrom() != null && h >= 10) {
            gc.setFont(SMALL);
            gc.setTextBaseline(VPos.CENTER);
            gc.setTextAlign(TextAlignment.LEFT);
            setFill(gc, palette.get(ChartPalette.TEXT_MUTED));
            gc.fillText("↩ " + GanttText.shortRunId(row.step().reusedFrom().runId()), x + w + 6, y + h / 2);
        }
    }

    private void paintOverview(GraphicsContext gc, GanttModel model, double left) {
        int w = (int) Math.max(1, Math.floor(model.width()));
        int h = (int) Math.max(1, Math.floor(model.height()));
        if (overview == null || overview.getWidth() != w || overview.getHeight() != h) {
            overview = new WritableImage(w, h);
            cells = new byte[w * h];
            pixels = new int[w * h];
        }
        argbByCode[0] = argb(palette.get(ChartPalette.BG));
        for (StepState state : StepState.values()) {
            argbByCode[state.ordinal() + 1] = argb(palette.state(state));
        }
        model.overview(cells, w, h);
        if (!paintOverviewRuns(gc, left, w, h)) {
            int n = w * h;
            for (int i = 0; i < n; i++) {
                pixels[i] = argbByCode[cells[i]];
            }
            overview.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), pixels, 0, w);
            gc.drawImage(overview, left, AXIS_HEIGHT);
        }
    }

    /**
     * Paints the overview cells as horizontal runs of one state, a pixel-aligned rectangle each, grouped by
     * colour; gives up (false) when there are so many runs that one image is cheaper.
     */
    private boolean paintOverviewRuns(GraphicsContext gc, double left, int w, int h) {
        int codes = argbByCode.length;
        int[] count = new int[codes];
        int total = 0;
        int limit = 8_000;
        // pass 1: count runs per code, abandon early if there are too many
        for (int y = 0; y < h && total <= limit; y++) {
            int base = y * w;
            int x = 0;
            while (x < w) {
                byte c = cells[base + x];
                int x1 = x + 1;
                while (x1 < w && cells[base + x1] == c) {
                    x1++;
                }
                if (c != 0) {
                    count[c]++;
                    total++;
                }
                x = x1;
            }
        }
        if (total > limit) {
            return false;
        }
        if (runs.length < total * 3) {
            runs = new int[total * 3];
        }
        int[] start = new int[codes];
        for (int c = 1, at = 0; c < codes; c++) {
            start[c] = at;
            at += count[c] * 3;
        }
        int[] next = start.clone();
        for (int y = 0; y < h; y++) {
            int base = y * w;
            int x = 0;
            while (x < w) {
                byte c = cells[base + x];
                int x1 = x + 1;
                while (x1 < w && cells[base + x1] == c) {
                    x1++;
                }
                if (c != 0) {
                    int at = next[c];
                    runs[at] = y;
                    runs[at + 1] = x;
                    runs[at + 2] = x1;
                    next[c] = at + 3;
                }
                x = x1;
            }
        }
        StepState[] states = StepState.values();
        for (int c = 1; c < codes; c++) {
            if (count[c] == 0) {
                continue;
            }
            setFill(gc, palette.state(states[c - 1]));
            for (int at = start[c]; at < next[c]; at += 3) {
                gc.fillRect(left + runs[at + 1], AXIS_HEIGHT + runs[at], runs[at + 2] - runs[at + 1], 1);
            }
        }
        return true;
    }

    private void paintLabels(GraphicsContext gc, GanttModel model, int first, int end, double labelWidth,
                             double height, int selectedRow, boolean overviewMode) {
        setFill(gc, palette.get(ChartPalette.LABEL_BG));
        gc.fillRect(0, AXIS_HEIGHT, labelWidth, height - AXIS_HEIGHT);
        gc.setStroke(palette.get(ChartPalette.GRID));
        gc.setLineWidth(1);
        gc.strokeLine(labelWidth - 0.5, AXIS_HEIGHT, labelWidth - 0.5, height);
        gc.setFont(FONT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        double rowH = model.rowHeight();
        // in the overview, label a row only every 16 pixels
        int every = overviewMode || rowH < 12 ? Math.max(1, (int) Math.ceil(16 / rowH)) : 1;
        int start = overviewMode || rowH < 12 ? (first / every) * every : first;
        for (int i = start; i < end; i += every) {
            GanttRows.Row row = model.row(i);
            double top = AXIS_HEIGHT + model.rowTop(i);
            double mid = every > 1 ? top : top + rowH / 2;
            if (mid < AXIS_HEIGHT + 6 || mid > height - 4) {
                continue;
            }
            if (i == selectedRow && !overviewMode && rowH >= 12) {
                Color sel = palette.get(ChartPalette.SELECTION);
                setFill(gc, Color.color(sel.getRed(), sel.getGreen(), sel.getBlue(), 0.14));
                gc.fillRect(0, top, labelWidth - 1, rowH);
            }
            double x = 8 + row.depth() * 14;
            if (row.kind() == GanttRows.RowKind.GROUP) {
                setFill(gc, palette.get(ChartPalette.TEXT_MUTED));
                gc.fillText(row.expanded() ? "▾" : "▸", x, mid);
            }
            x += 12;
            if (every == 1 && row.pending()) {
                // not started: a hollow dot and a muted name
                gc.setStroke(palette.state(row.state()));
                gc.setLineWidth(1.2);
                gc.strokeOval(x + 0.5, mid - 3, 6, 6);
            } else if (every == 1) {
                setFill(gc, palette.state(row.state()));
                gc.fillOval(x, mid - 3.5, 7, 7);
            }
            x += 12;
            setFill(gc, i == selectedRow ? palette.get(ChartPalette.SELECTION)
                    : row.pending() ? palette.get(ChartPalette.TEXT_MUTED) : palette.get(ChartPalette.TEXT));
            String label = GanttText.rowLabel(row);
            int maxChars = (int) ((labelWidth - x - 6) / 7);
            if (label.length() > maxChars) {
                label = label.substring(0, Math.max(1, maxChars - 1)) + "…";
            }
            gc.fillText(label, x, mid);
        }
    }

    private void paintAxis(GraphicsContext gc, List<GanttModel.Tick> ticks, double labelWidth, double width) {
        setFill(gc, palette.get(ChartPalette.BG));
        gc.fillRect(0, 0, width, AXIS_HEIGHT);
        gc.setStroke(palette.get(ChartPalette.GRID));
        gc.setLineWidth(1);
        gc.strokeLine(0, AXIS_HEIGHT - 0.5, width, AXIS_HEIGHT - 0.5);
        gc.setFont(SMALL);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        setFill(gc, palette.get(ChartPalette.TEXT_MUTED));
        for (GanttModel.Tick tick : ticks) {
            double x = Math.round(labelWidth + tick.x()) + 0.5;
            if (x < labelWidth) {
                continue;
            }
            gc.strokeLine(x, AXIS_HEIGHT - 6, x, AXIS_HEIGHT);
            gc.fillText(tick.label(), x + 3, AXIS_HEIGHT / 2 - 1);
        }
    }

    private record Faded(Color color, double opacity) {
    }

    private final Map<Faded, Color> faded = new HashMap<>();

    /** The colour at an opacity, one instance per pair, so that {@link #setFill} sees repeats. */
    private Color fade(Color c, double opacity) {
        return faded.computeIfAbsent(new Faded(c, opacity),
                k -> Color.color(c.getRed(), c.getGreen(), c.getBlue(), opacity));
    }

    private static int argb(Color c) {
        return 0xff000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}

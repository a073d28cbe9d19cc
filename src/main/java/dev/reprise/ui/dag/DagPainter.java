package dev.reprise.ui.dag;

import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.ChartPalette;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.Map;

/**
 * Paints the DAG seen through a {@link DagViewport}: the edges as polylines with arrowheads, the nodes as
 * rounded boxes with a state-coloured stripe, title, subtitle and, for a fan-out, a bar split by its
 * instances' states; the selected node outlined and its edges drawn on top in the selection colour. Only
 * the nodes and edges whose layout bounds meet the view are painted; all edges go into one path, the
 * nodes are filled a colour at a time, and there is no clip, save/restore or effect per node. Below
 * {@link #FAR_BELOW} scale the text is unreadable anyway: nodes become plain state-coloured boxes. Also
 * holds each node's state and its texts cut to the box. FX thread only.
 */
final class DagPainter {

    /** Below this scale nodes are painted as plain boxes, without text or arrowheads. */
    static final double FAR_BELOW = 0.4;
    private static final double STRIPE = 5;
    private static final double ARC = 12;
    private static final double ARROW = 7;
    private static final double TITLE_SIZE = 12.5;
    private static final double SUBTITLE_SIZE = 11;
    private static final StepState[] STATES = StepState.values();

    private final ChartPalette palette;
    private final Map<Integer, Font> fonts = new HashMap<>();
    private final Map<Color, Color> faded = new HashMap<>();
    private StepState[] states = new StepState[0];
    private DagModel.NodeState[] nodeStates = new DagModel.NodeState[0];
    private String[] titles = new String[0];
    private String[] subtitles = new String[0];
    private int[] visible = new int[0];
    private int visibleCount;

    DagPainter(ChartPalette palette) {
        this.palette = palette;
    }

    /** Takes each node's state from {@code byId} (missing nodes are pending), in the viewport's node order. */
    void setStates(DagViewport viewport, Map<String, DagModel.NodeState> byId) {
        int n = viewport.nodeCount();
        if (states.length != n) {
            states = new StepState[n];
            nodeStates = new DagModel.NodeState[n];
            titles = new String[n];
            subtitles = new String[n];
        }
        for (int i = 0; i < n; i++) {
            String id = viewport.nodeId(i);
            DagModel.NodeState state = byId.get(id);
            setState(viewport, i, state != null ? state
                    : new DagModel.NodeState(id, StepState.PENDING, false, 0, 0, Map.of()));
        }
    }

    /** Takes the state of node {@code index} alone, once {@link #setStates} has filled the viewport's nodes. */
    void setState(DagViewport viewport, int index, DagModel.NodeState state) {
        if (state.equals(nodeStates[index])) {
            return;
        }
        nodeStates[index] = state;
        states[index] = state.state();
        double[] boxes = viewport.boxes();
        double room = boxes[index * 4 + 2] - boxes[index * 4] - 22;
        // estimated widths per character: measuring thousands of texts would cost more than the frame
        titles[index] = cut(state.title(), room / 7.6);
        subtitles[index] = cut(state.subtitle(), room / 6.1);
    }

    /** Forgets the states: the next {@link #setStates} fills every node afresh, as for a new layout. */
    void clearStates() {
        states = new StepState[0];
        nodeStates = new DagModel.NodeState[0];
        titles = new String[0];
        subtitles = new String[0];
    }

    /** The state shown for node {@code index}, or null before any {@link #setStates}. */
    DagModel.NodeState state(int index) {
        return index < nodeStates.length ? nodeStates[index] : null;
    }

    private static String cut(String text, double maxChars) {
        int max = Math.max(2, (int) maxChars);
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Paints a frame; {@code selected} and {@code hovered} are node indexes or -1. */
    void paint(GraphicsContext gc, DagViewport vp, int selected, int hovered) {
        gc.setLineDashes((double[]) null);
        gc.setFill(palette.get(ChartPalette.BG));
        gc.fillRect(0, 0, vp.width(), vp.height());
        if (vp.nodeCount() == 0 || states.length != vp.nodeCount()) {
            return;
        }
        double s = vp.scale();
        boolean far = s < FAR_BELOW;
        String selectedId = selected >= 0 ? vp.nodeId(selected) : null;
        paintEdges(gc, vp, selectedId, far, false);
        collectVisibleNodes(vp);
        if (far) {
            paintPlainBoxes(gc, vp, selected);
        } else {
            paintBoxes(gc, vp, selected, hovered);
            paintTexts(gc, vp);
        }
        if (selectedId != null) {
            paintEdges(gc, vp, selectedId, far, true);
        }
    }

    // ---- edges ----

    private void paintEdges(GraphicsContext gc, DagViewport vp, String selectedId, boolean far, boolean emphasised) {
        double s = vp.scale();
        double slack = ARROW * s + 2;
        Color color = emphasised ? palette.get(ChartPalette.SELECTION) : fade(palette.get(ChartPalette.TEXT_MUTED));
        gc.setStroke(color);
        gc.setLineWidth(emphasised ? 2 : far ? 1 : Math.max(1, 1.2 * Math.min(1, s)));
        gc.beginPath();
        int painted = 0;
        int[] selectedEdges = vp.edgesOf(selectedId);
        if (emphasised) {
            for (int e : selectedEdges) {
                if (vp.edgeVisible(e, slack)) {
                    addLine(gc, vp, vp.route(e).points());
                    painted++;
                }
            }
        } else {
            for (int e = 0; e < vp.edgeCount(); e++) {
                if (vp.edgeVisible(e, slack) && !contains(selectedEdges, e)) {
                    addLine(gc, vp, vp.route(e).points());
                    painted++;
                }
            }
        }
        if (painted == 0) {
            return;
        }
        gc.stroke();
        if (far && !emphasised) {
            return;
        }
        gc.setFill(color);
        gc.beginPath();
        double size = ARROW * Math.max(s, emphasised && far ? FAR_BELOW : 0);
        if (emphasised) {
            for (int e : selectedEdges) {
                addArrow(gc, vp, vp.route(e).points(), size);
            }
        } else {
            for (int e = 0; e < vp.edgeCount(); e++) {
                if (vp.edgeVisible(e, slack) && !contains(selectedEdges, e)) {
                    addArrow(gc, vp, vp.route(e).points(), size);
                }
            }
        }
        gc.fill();
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static void addLine(GraphicsContext gc, DagViewport vp, double[] p) {
        gc.moveTo(vp.toViewX(p[0]), vp.toViewY(p[1]));
        for (int i = 2; i < p.length; i += 2) {
            gc.lineTo(vp.toViewX(p[i]), vp.toViewY(p[i + 1]));
        }
    }

    private static void addArrow(GraphicsContext gc, DagViewport vp, double[] p, double size) {
        int n = p.length;
        double x = vp.toViewX(p[n - 2]);
        double y = vp.toViewY(p[n - 1]);
        double angle = Math.atan2(p[n - 1] - p[n - 3], p[n - 2] - p[n - 4]);
        gc.moveTo(x, y);
        gc.lineTo(x - size * Math.cos(angle - 0.45), y - size * Math.sin(angle - 0.45));
        gc.lineTo(x - size * Math.cos(angle + 0.45), y - size * Math.sin(angle + 0.45));
        gc.closePath();
    }

    // ---- nodes ----

    private void collectVisibleNodes(DagViewport vp) {
        if (visible.length < vp.nodeCount()) {
            visible = new int[vp.nodeCount()];
        }
        visibleCount = 0;
        for (int i = 0; i < vp.nodeCount(); i++) {
            if (vp.nodeVisible(i, 4)) {
                visible[visibleCount++] = i;
            }
        }
    }

    /** Far out: a pixel-aligned box per node in its state's colour, one colour at a time. */
    private void paintPlainBoxes(GraphicsContext gc, DagViewport vp, int selected) {
        double[] boxes = vp.boxes();
        for (StepState state : STATES) {
            boolean filled = false;
            for (int k = 0; k < visibleCount; k++) {
                int i = visible[k];
                if (states[i] != state) {
                    continue;
                }
                if (!filled) {
                    gc.setFill(palette.state(state));
                    filled = true;
                }
                double x0 = Math.round(vp.toViewX(boxes[i * 4]));
                double y0 = Math.round(vp.toViewY(boxes[i * 4 + 1]));
                double x1 = Math.max(x0 + 1, Math.round(vp.toViewX(boxes[i * 4 + 2])));
                double y1 = Math.max(y0 + 1, Math.round(vp.toViewY(boxes[i * 4 + 3])));
                gc.fillRect(x0, y0, x1 - x0, y1 - y0);
            }
        }
        if (selected >= 0 && vp.nodeVisible(selected, 4)) {
            gc.setStroke(palette.get(ChartPalette.SELECTION));
            gc.setLineWidth(2);
            double x0 = Math.round(vp.toViewX(boxes[selected * 4]));
            double y0 = Math.round(vp.toViewY(boxes[selected * 4 + 1]));
            double x1 = Math.round(vp.toViewX(boxes[selected * 4 + 2]));
            double y1 = Math.round(vp.toViewY(boxes[selected * 4 + 3]));
            gc.strokeRect(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4);
        }
    }

    private void paintBoxes(GraphicsContext gc, DagViewport vp, int selected, int hovered) {
        double[] boxes = vp.boxes();
        double s = vp.scale();
        double arc = ARC * s;
        double stripe = STRIPE * s;
        // the state colour under the whole box, then the body over all but the stripe
        for (StepState state : STATES) {
            boolean filled = false;
            for (int k = 0; k < visibleCount; k++) {
                int i = visible[k];
                if (states[i] == state) {
                    if (!filled) {
                        gc.setFill(palette.state(state));
                        filled = true;
                    }
                    int b = i * 4;
                    double x = vp.toViewX(boxes[b]);
                    double y = vp.toViewY(boxes[b + 1]);
                    gc.fillRoundRect(x, y, (boxes[b + 2] - boxes[b]) * s, (boxes[b + 3] - boxes[b + 1]) * s, arc, arc);
                }
            }
        }
        gc.setFill(palette.get(ChartPalette.BG));
        for (int k = 0; k < visibleCount; k++) {
            int b = visible[k] * 4;
            double x = vp.toViewX(boxes[b]);
            double y = vp.toViewY(boxes[b + 1]);
            double w = (boxes[b + 2] - boxes[b]) * s;
            double h = (boxes[b + 3] - boxes[b + 1]) * s;
            gc.fillRect(x + stripe, y, w - stripe - arc / 2, h);
            gc.fillRoundRect(x + w - arc, y, arc, h, arc, arc);
        }
        paintSummaries(gc, vp);
        gc.setStroke(palette.get(ChartPalette.GRID));
        gc.setLineWidth(1);
        boolean anyReused = false;
        for (int k = 0; k < visibleCount; k++) {
            int i = visible[k];
            if (states[i] == StepState.REUSED) {
                anyReused = true;
            } else if (i != selected && i != hovered) {
                strokeBox(gc, vp, i, 0);
            }
        }
        if (anyReused) {
            gc.setLineDashes(4, 3);
            for (int k = 0; k < visibleCount; k++) {
                int i = visible[k];
                if (states[i] == StepState.REUSED && i != selected && i != hovered) {
                    strokeBox(gc, vp, i, 0);
                }
            }
            gc.setLineDashes((double[]) null);
        }
        if (hovered >= 0 && hovered != selected && vp.nodeVisible(hovered, 4)) {
            gc.setStroke(palette.get(ChartPalette.TEXT_MUTED));
            strokeBox(gc, vp, hovered, 0);
        }
        if (selected >= 0 && vp.nodeVisible(selected, 4)) {
            Color sel = palette.get(ChartPalette.SELECTION);
            gc.setStroke(Color.color(sel.getRed(), sel.getGreen(), sel.getBlue(), 0.25));
            gc.setLineWidth(5);
            strokeBox(gc, vp, selected, 2);
            gc.setStroke(sel);
            gc.setLineWidth(2);
            strokeBox(gc, vp, selected, 0);
        }
    }

    private static void strokeBox(GraphicsContext gc, DagViewport vp, int i, double grow) {
        double[] boxes = vp.boxes();
        double s = vp.scale();
        int b = i * 4;
        gc.strokeRoundRect(vp.toViewX(boxes[b]) + 0.5 - grow, vp.toViewY(boxes[b + 1]) + 0.5 - grow,
                (boxes[b + 2] - boxes[b]) * s - 1 + 2 * grow, (boxes[b + 3] - boxes[b + 1]) * s - 1 + 2 * grow,
                ARC * s + grow, ARC * s + grow);
    }

    /** A fan-out's thin bar along the bottom, split in proportion to its instances' states. */
    private void paintSummaries(GraphicsContext gc, DagViewport vp) {
        double[] boxes = vp.boxes();
        double s = vp.scale();
        for (int k = 0; k < visibleCount; k++) {
            int i = visible[k];
            DagModel.NodeState state = nodeStates[i];
            if (!state.fanOut() || state.instances() == 0) {
                continue;
            }
            int b = i * 4;
            double inset = (STRIPE + 6) * s;
            double x = vp.toViewX(boxes[b]) + inset;
            double w = (boxes[b + 2] - boxes[b]) * s - inset - 6 * s;
            double y = vp.toViewY(boxes[b + 3]) - 8 * s;
            for (Map.Entry<StepState, Integer> part : state.counts().entrySet()) {
                double pw = w * part.getValue() / state.instances();
                gc.setFill(palette.state(part.getKey()));
                gc.fillRect(x, y, pw, Math.max(1, 4 * s));
                x += pw;
            }
        }
    }

    private void paintTexts(GraphicsContext gc, DagViewport vp) {
        double[] boxes = vp.boxes();
        double s = vp.scale();
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.setFont(font(TITLE_SIZE * s, true));
        gc.setFill(palette.get(ChartPalette.TEXT));
        for (int k = 0; k < visibleCount; k++) {
            int b = visible[k] * 4;
            gc.fillText(titles[visible[k]], vp.toViewX(boxes[b]) + 14 * s, vp.toViewY(boxes[b + 1]) + 6 * s);
        }
        gc.setFont(font(SUBTITLE_SIZE * s, false));
        Color muted = palette.get(ChartPalette.TEXT_MUTED);
        Color failed = palette.state(StepState.FAILED);
        Color fill = null;
        for (int k = 0; k < visibleCount; k++) {
            int i = visible[k];
            Color next = states[i] == StepState.FAILED ? failed : muted;
            if (next != fill) {
                gc.setFill(next);
                fill = next;
            }
            int b = i * 4;
            gc.fillText(subtitles[i], vp.toViewX(boxes[b]) + 14 * s, vp.toViewY(boxes[b + 1]) + 23 * s);
        }
    }

    /** One font per half pixel of size: zooming does not create a font per frame. */
    private Font font(double size, boolean bold) {
        int halfPixels = (int) Math.round(size * 2);
        return fonts.computeIfAbsent(bold ? -halfPixels : halfPixels,
                k -> Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL, halfPixels / 2.0));
    }

    private Color fade(Color c) {
        return faded.computeIfAbsent(c, k -> Color.color(c.getRed(), c.getGreen(), c.getBlue(), 0.7));
    }
}

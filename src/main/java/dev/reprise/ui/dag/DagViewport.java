package dev.reprise.ui.dag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the DAG sits on screen, without JavaFX: a laid-out graph seen through a view of some size at a
 * scale and a pan ({@code view = graph × scale + pan}), with fitting, zooming around a point, the
 * conversions between graph and view coordinates, the node at a point and the nodes and edges that meet
 * the visible area. The layout's boxes and edge bounds are kept as flat arrays so that a frame of
 * thousands of nodes culls without allocating. Pure; FX thread only in the app.
 */
public final class DagViewport {

    public static final double MAX_FIT_SCALE = 1.5;
    public static final double MIN_SCALE = 0.02;
    public static final double MAX_SCALE = 4;
    /** Room left above the graph by a fit, for the Fit button. */
    public static final double FIT_TOP = 36;
    public static final double FIT_MARGIN = 24;

    private static final int[] NONE = new int[0];

    private DagLayout layout;
    private String[] ids = new String[0];
    private double[] boxes = new double[0];
    private double[] edgeBounds = new double[0];
    private List<DagLayout.Route> routes = List.of();
    private final Map<String, Integer> indexById = new HashMap<>();
    private final Map<String, int[]> edgesByNode = new HashMap<>();
    private double width = 800;
    private double height = 400;
    private double scale = 1;
    private double panX;
    private double panY;
    private boolean moved;

    /** Shows {@code next} (null for none); the view is fitted again unless the user has moved it. */
    public void setLayout(DagLayout next) {
        layout = next;
        indexById.clear();
        edgesByNode.clear();
        if (next == null) {
            ids = new String[0];
            boxes = new double[0];
            edgeBounds = new double[0];
            routes = List.of();
            return;
        }
        int n = next.nodes().size();
        ids = new String[n];
        boxes = new double[n * 4];
        int i = 0;
        for (Map.Entry<String, DagLayout.Box> e : next.nodes().entrySet()) {
            DagLayout.Box b = e.getValue();
            ids[i] = e.getKey();
            boxes[i * 4] = b.x();
            boxes[i * 4 + 1] = b.y();
            boxes[i * 4 + 2] = b.x() + b.width();
            boxes[i * 4 + 3] = b.y() + b.height();
            indexById.put(e.getKey(), i);
            i++;
        }
        routes = next.edges();
        edgeBounds = new double[routes.size() * 4];
        Map<String, int[]> counts = new HashMap<>();
        for (int r = 0; r < routes.size(); r++) {
            double[] p = routes.get(r).points();
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (int k = 0; k < p.length; k += 2) {
                minX = Math.min(minX, p[k]);
                maxX = Math.max(maxX, p[k]);
                minY = Math.min(minY, p[k + 1]);
                maxY = Math.max(maxY, p[k + 1]);
            }
            edgeBounds[r * 4] = minX;
            edgeBounds[r * 4 + 1] = minY;
            edgeBounds[r * 4 + 2] = maxX;
            edgeBounds[r * 4 + 3] = maxY;
            counts.computeIfAbsent(routes.get(r).from(), k -> new int[1])[0]++;
            counts.computeIfAbsent(routes.get(r).to(), k -> new int[1])[0]++;
        }
        counts.forEach((id, count) -> edgesByNode.put(id, new int[count[0]]));
        Map<String, int[]> filled = new HashMap<>();
        for (int r = 0; r < routes.size(); r++) {
            for (String end : new String[]{routes.get(r).from(), routes.get(r).to()}) {
                int at = filled.computeIfAbsent(end, k -> new int[1])[0]++;
                edgesByNode.get(end)[at] = r;
            }
        }
        if (!moved) {
            fit();
        }
    }

    public DagLayout layout() {
        return layout;
    }

    /** The view's size in pixels; a view the user has not moved is fitted again. */
    public void setSize(double width, double height) {
        this.width = width;
        this.height = height;
        if (!moved) {
            fit();
        }
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public double scale() {
        return scale;
    }

    public double panX() {
        return panX;
    }

    public double panY() {
        return panY;
    }

    /** Whether the user has zoomed or panned since the last {@link #zoomToFit()}. */
    public boolean moved() {
        return moved;
    }

    // ---- moving ----

    /** Fits the graph again and follows later size changes with fits, until the user moves. */
    public void zoomToFit() {
        moved = false;
        fit();
    }

    /**
     * Scales and centres the graph to fit below the Fit button with a margin: never above
     * {@link #MAX_FIT_SCALE} (a small graph stays readable, not huge), never below {@link #MIN_SCALE}.
     */
    private void fit() {
        if (layout == null || width <= 0 || height <= 0) {
            return;
        }
        double fitted = Math.min((width - 2 * FIT_MARGIN) / Math.max(1, layout.width()),
                (height - FIT_TOP - FIT_MARGIN) / Math.max(1, layout.height()));
        scale = Math.max(MIN_SCALE, Math.min(MAX_FIT_SCALE, fitted));
        panX = (width - layout.width() * scale) / 2;
        panY = FIT_TOP + (height - FIT_TOP - FIT_MARGIN - layout.height() * scale) / 2;
    }

    /** Scales by {@code factor} keeping the graph point under view point ({@code x}, {@code y}) in place. */
    public void zoomAround(double x, double y, double factor) {
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
        double gx = toGraphX(x);
        double gy = toGraphY(y);
        scale = next;
        panX = x - gx * scale;
        panY = y - gy * scale;
        moved = true;
    }

    /** Moves the graph by ({@code dx}, {@code dy}) view pixels. */
    public void panBy(double dx, double dy) {
        panX += dx;
        panY += dy;
        moved = true;
    }

    // ---- coordinates ----

    public double toViewX(double graphX) {
        return graphX * scale + panX;
    }

    public double toViewY(double graphY) {
        return graphY * scale + panY;
    }

    public double toGraphX(double viewX) {
        return (viewX - panX) / scale;
    }

    public double toGraphY(double viewY) {
        return (viewY - panY) / scale;
    }

    // ---- nodes and edges ----

    public int nodeCount() {
        return ids.length;
    }

    public String nodeId(int index) {
        return ids[index];
    }

    /** The index of node {@code id}, or -1. */
    public int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    /** Node {@code index}'s box in graph coordinates: {@code x0, y0, x1, y1} at {@code 4 × index}. */
    double[] boxes() {
        return boxes;
    }

    public DagLayout.Route route(int index) {
        return routes.get(index);
    }

    public int edgeCount() {
        return routes.size();
    }

    /** The edges that start or end at node {@code id}, as indexes of {@link #route}. */
    public int[] edgesOf(String id) {
        return id == null ? NONE : edgesByNode.getOrDefault(id, NONE);
    }

    /** The node whose box holds view point ({@code x}, {@code y}), or -1; the last painted wins. */
    public int nodeAt(double x, double y) {
        double gx = toGraphX(x);
        double gy = toGraphY(y);
        for (int i = ids.length - 1; i >= 0; i--) {
            int b = i * 4;
            if (gx >= boxes[b] && gx <= boxes[b + 2] && gy >= boxes[b + 1] && gy <= boxes[b + 3]) {
                return i;
            }
        }
        return -1;
    }

    /** Whether node {@code index} meets the view, grown by {@code slack} pixels on every side. */
    public boolean nodeVisible(int index, double slack) {
        int b = index * 4;
        return meets(boxes[b], boxes[b + 1], boxes[b + 2], boxes[b + 3], slack);
    }

    /** Whether edge {@code index}'s bounds meet the view, grown by {@code slack} pixels on every side. */
    public boolean edgeVisible(int index, double slack) {
        int b = index * 4;
        return meets(edgeBounds[b], edgeBounds[b + 1], edgeBounds[b + 2], edgeBounds[b + 3], slack);
    }

    private boolean meets(double x0, double y0, double x1, double y1, double slack) {
        return toViewX(x1) >= -slack && toViewX(x0) <= width + slack
                && toViewY(y1) >= -slack && toViewY(y0) <= height + slack;
    }
}

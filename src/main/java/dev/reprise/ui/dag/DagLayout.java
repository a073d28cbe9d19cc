package dev.reprise.ui.dag;

import org.eclipse.elk.alg.layered.options.GreedySwitchType;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A laid-out DAG: a box per node and a polyline per edge, as Eclipse ELK's layered algorithm places them,
 * left to right. {@link #compute} is slow for large graphs (hundreds of milliseconds for a thousand
 * nodes, seconds for ten thousand): call it off the FX thread. Immutable and thread-safe.
 */
public record DagLayout(double width, double height, Map<String, Box> nodes, List<Route> edges) {

    public record Box(double x, double y, double width, double height) {
        public double centerX() {
            return x + width / 2;
        }
    }

    /** An edge's route as x, y pairs: start, bend points, end. */
    public record Route(String from, String to, double[] points) {
    }

    public DagLayout {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
    }

    /**
     * From this many nodes on, ELK is asked for a quicker, plainer layout: on 10,000 connected nodes its
     * defaults take several seconds and spread the graph out far wider than it needs.
     */
    public static final int LARGE = 2_000;
    /**
     * ELK walks the graph recursively, a stack frame or more per node along a path: a chain of a few
     * thousand steps overflows an ordinary thread's stack. The layout runs on a thread of its own with
     * this much stack (reserved, not committed until used).
     */
    private static final long STACK_BYTES = 512L << 20;

    /** Lays {@code structure} out; blocks the calling thread while a thread with a deep stack does the work. */
    public static DagLayout compute(DagModel.Structure structure) {
        DagLayout[] result = new DagLayout[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = computeHere(structure);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "dag-layout", STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while laying out the graph of " + structure.flowId(), e);
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return result[0];
    }

    private static DagLayout computeHere(DagModel.Structure structure) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 18.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 16.0);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(16));
        if (structure.nodes().size() >= LARGE) {
            // measured on 10,000 nodes in 100 cross-linked chains: 7.6 s cold / 5.9 s warm with the
            // defaults, about 3 s / under 1 s with these, and a layout a twentieth as wide
            root.setProperty(LayeredOptions.THOROUGHNESS, 1);
            root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.LONGEST_PATH);
            root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.LINEAR_SEGMENTS);
            root.setProperty(LayeredOptions.CROSSING_MINIMIZATION_GREEDY_SWITCH_TYPE, GreedySwitchType.OFF);
        }
        Map<String, ElkNode> elkNodes = new HashMap<>();
        for (DagModel.NodeSpec spec : structure.nodes()) {
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setIdentifier(spec.id());
            node.setDimensions(spec.width(), spec.height());
            elkNodes.put(spec.id(), node);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (DagModel.Edge edge : structure.edges()) {
            ElkNode from = elkNodes.get(edge.from());
            ElkNode to = elkNodes.get(edge.to());
            if (from != null && to != null) {
                elkEdges.add(ElkGraphUtil.createSimpleEdge(from, to));
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, Box> boxes = new LinkedHashMap<>();
        for (DagModel.NodeSpec spec : structure.nodes()) {
            ElkNode n = elkNodes.get(spec.id());
            boxes.put(spec.id(), new Box(n.getX(), n.getY(), n.getWidth(), n.getHeight()));
        }
        List<Route> routes = new ArrayList<>(elkEdges.size());
        for (ElkEdge edge : elkEdges) {
            String from = ElkGraphUtil.connectableShapeToNode(edge.getSources().get(0)).getIdentifier();
            String to = ElkGraphUtil.connectableShapeToNode(edge.getTargets().get(0)).getIdentifier();
            for (ElkEdgeSection section : edge.getSections()) {
                double[] points = new double[4 + section.getBendPoints().size() * 2];
                int i = 0;
                points[i++] = section.getStartX();
                points[i++] = section.getStartY();
                for (ElkBendPoint bend : section.getBendPoints()) {
                    points[i++] = bend.getX();
                    points[i++] = bend.getY();
                }
                points[i++] = section.getEndX();
                points[i] = section.getEndY();
                routes.add(new Route(from, to, points));
            }
        }
        return new DagLayout(root.getWidth(), root.getHeight(), boxes, routes);
    }
}

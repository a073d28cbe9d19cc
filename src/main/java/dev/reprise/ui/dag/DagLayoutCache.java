package dev.reprise.ui.dag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Layouts by graph structure, so reopening a run of the same flow revision, or a live update, does not
 * lay the graph out again. Keeps the most recent {@code capacity} structures. Thread-safe.
 */
public final class DagLayoutCache {

    private final Map<DagModel.Structure, CompletableFuture<DagLayout>> layouts;

    public DagLayoutCache(int capacity) {
        this.layouts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<DagModel.Structure, CompletableFuture<DagLayout>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The layout of {@code structure}: cached, or computed on {@code executor}. A failed layout is not kept. */
    public synchronized CompletableFuture<DagLayout> layout(DagModel.Structure structure, Executor executor) {
        CompletableFuture<DagLayout> layout = layouts.get(structure);
        if (layout == null || layout.isCompletedExceptionally()) {
            layout = CompletableFuture.supplyAsync(() -> DagLayout.compute(structure), executor);
            layouts.put(structure, layout);
        }
        return layout;
    }

    /** The layout if it is ready, else null. */
    public synchronized DagLayout ready(DagModel.Structure structure) {
        CompletableFuture<DagLayout> layout = layouts.get(structure);
        return layout != null && layout.isDone() && !layout.isCompletedExceptionally() ? layout.join() : null;
    }
}

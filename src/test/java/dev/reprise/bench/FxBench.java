package dev.reprise.bench;

import javafx.application.Platform;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What the JavaFX benchmarks share: a 1600×1000 headless screen, calls on the FX thread, percentiles. */
final class FxBench {

    static final int WIDTH = 1600;
    static final int HEIGHT = 1000;

    private FxBench() {
    }

    /** Starts the toolkit (once per JVM) on a headless screen large enough for a 1600×1000 stage. */
    static void startToolkit() {
        // Monocle's headless screen is 1280x800 unless told otherwise; the stage must fit on it
        System.setProperty("headless.geometry", WIDTH + "x" + HEIGHT + "-32");
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        started.join();
        Platform.setImplicitExit(false);
    }

    /** Runs {@code call} on the FX thread and returns its result (60 s at most). */
    static <T> T fx(Callable<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p} of the values at or below it. */
    static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}

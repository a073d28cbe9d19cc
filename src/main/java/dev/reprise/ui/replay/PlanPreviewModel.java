package dev.reprise.ui.replay;

import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.Scheduler;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live plan of a replay being set up: each {@link #request} (every edit of the form) waits a moment for
 * the next one, then asks {@link Workspace#plan} away from the UI thread; a plan that comes back after a newer
 * request was made is dropped, so the preview always shows the latest request's plan. UI thread only.
 */
public final class PlanPreviewModel {

    static final Duration DEBOUNCE = Duration.ofMillis(250);

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Scheduler scheduler;
    private final Duration debounce;

    private final ReadOnlyObjectWrapper<ReplayPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyObjectWrapper<ReplayRequest> planned = new ReadOnlyObjectWrapper<>(this, "planned");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure");

    private long latest;
    private Runnable pending;
    private boolean closed;

    public PlanPreviewModel(Workspace workspace, UiExecutor ui, Scheduler scheduler, Duration debounce) {
        this.workspace = workspace;
        this.ui = ui;
        this.scheduler = scheduler;
        this.debounce = debounce;
    }

    /** Plans replaying {@code runId} with {@code request} once the requests stop coming for a moment. */
    public void request(String runId, ReplayRequest request) {
        long generation = ++latest;
        if (pending != null) {
            pending.run();
        }
        busy.set(true);
        pending = scheduler.schedule(debounce, () -> {
            pending = null;
            ask(generation, runId, request);
        });
    }

    private void ask(long generation, String runId, ReplayRequest request) {
        if (closed || generation != latest) {
            return;
        }
        ui.submit(() -> workspace.plan(runId, request), result -> {
            if (closed || generation != latest) {
                return; // a newer request is on its way; this plan is stale
            }
            busy.set(false);
            failure.set(null);
            planned.set(request);
            plan.set(result);
        }, error -> {
            if (closed || generation != latest) {
                return;
            }
            busy.set(false);
            plan.set(null);
            planned.set(request);
            failure.set(Messages.describe(error));
        });
    }

    /** Stops planning; late plans are dropped. */
    public void close() {
        closed = true;
        if (pending != null) {
            pending.run();
            pending = null;
        }
    }

    /** The plan of the latest request; null before the first one arrives, or when planning failed. */
    public ReadOnlyObjectProperty<ReplayPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** The request {@link #planProperty()} answers. */
    public ReadOnlyObjectProperty<ReplayRequest> plannedRequestProperty() {
        return planned.getReadOnlyProperty();
    }

    /** True from a request until its plan arrives. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the workspace could not plan (not an error of the request: those are in the plan); null if it could. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** The plan's errors by the request field they name ({@code parameters.month}), several joined. */
    public static Map<String, String> errorsByField(ReplayPlan plan) {
        Map<String, String> result = new LinkedHashMap<>();
        if (plan != null) {
            plan.errors().forEach(e -> result.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        }
        return result;
    }
}

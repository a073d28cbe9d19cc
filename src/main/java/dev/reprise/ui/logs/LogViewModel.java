package dev.reprise.ui.logs;

import dev.reprise.run.Attempt;
import dev.reprise.run.LogChunk;
import dev.reprise.run.StepRun;
import dev.reprise.run.SuggestedFix;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The log of one attempt of one step, as lines, read a chunk at a time: the first chunk when the
 * attempt is chosen, the next ones when the view scrolls near the end ({@link #loadMore()}) or, while
 * following a running attempt, whenever the view polls ({@link #poll()}). A huge log is never read
 * whole. Search looks through the lines read so far. UI thread only.
 */
public final class LogViewModel {

    public static final int CHUNK_BYTES = 64 * 1024;

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;

    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObservableList<Integer> attempts = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> attempt = new SimpleObjectProperty<>(this, "attempt");
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper(this, "complete");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyIntegerWrapper match = new ReadOnlyIntegerWrapper(this, "match", -1);
    private final ReadOnlyObjectWrapper<SuggestedFix> fix = new ReadOnlyObjectWrapper<>(this, "fix");
    private List<Attempt> stepAttempts = List.of();

    private String runId;
    private String stepId;
    private long offset;
    private long size;
    private long generation;
    private boolean adjusting;
    private final StringBuilder partial = new StringBuilder();

    public LogViewModel(Workspace workspace, UiExecutor ui, Messages messages) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        attempt.addListener((o, before, now) -> {
            updateFix();
            if (!adjusting && now != null && !Objects.equals(before, now)) {
                restart();
            }
        });
    }

    /**
     * Shows the log of {@code step}: its latest attempt, or {@code number} when given. Called again as the
     * step changes; a new attempt is followed when following is on.
     */
    public void show(String runId, StepRun step, Integer number) {
        boolean sameStep = step != null && Objects.equals(this.runId, runId) && Objects.equals(stepId, step.stepId());
        this.runId = runId;
        this.stepId = step == null ? null : step.stepId();
        this.stepAttempts = step == null ? List.of() : step.attempts();
        updateFix();
        List<Integer> numbers = step == null ? List.of() : step.attempts().stream().map(Attempt::number).toList();
        if (!numbers.equals(attempts)) {
            attempts.setAll(numbers);
        }
        Integer latest = numbers.isEmpty() ? null : numbers.get(numbers.size() - 1);
        Integer current = attempt.get();
        Integer wanted;
        if (number != null) {
            wanted = number;
        } else if (sameStep && current != null && !(follow.get() && latest != null && latest > current)) {
            wanted = current;
        } else {
            wanted = latest;
        }
        if (sameStep && Objects.equals(wanted, current)) {
            if (!complete.get()) {
                poll();
            }
            return;
        }
        adjusting = true;
        try {
            attempt.set(wanted);
        } finally {
            adjusting = false;
        }
        if (wanted == null) {
            clear(step == null ? "" : "This step has no attempt yet, so no log.");
        } else {
            restart();
        }
    }

    private void updateFix() {
        Integer number = attempt.get();
        fix.set(stepAttempts.stream().filter(a -> number != null && a.number() == number).findFirst()
                .map(Attempt::fix).orElse(null));
    }

    /** The fix suggested by the attempt shown, if it failed with one; else null. */
    public ReadOnlyObjectProperty<SuggestedFix> fixProperty() {
        return fix.getReadOnlyProperty();
    }

    private void clear(String message) {
        generation++;
        lines.clear();
        partial.setLength(0);
        offset = 0;
        size = 0;
        complete.set(false);
        loading.set(false);
        match.set(-1);
        status.set(message);
    }

    private void restart() {
        clear("");
        if (runId != null && stepId != null && attempt.get() != null) {
            loadMore();
        }
    }

    /** Reads the next chunk unless one is being read or everything has been read. */
    public void loadMore() {
        if (loading.get() || complete.get() || runId == null || stepId == null || attempt.get() == null) {
            return;
        }
        long mine = generation;
        String run = runId;
        String step = stepId;
        int number = attempt.get();
        long from = offset;
        loading.set(true);
        ui.submit(() -> workspace.log(run, step, number, from, CHUNK_BYTES), chunk -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            append(chunk);
        }, failure -> {
            if (mine == generation) {
                loading.set(false);
                complete.set(true);
                messages.error("Reading the log of " + step + " attempt " + number, failure);
            }
        });
    }

    /** While following, reads what a running attempt wrote since the last read. */
    public void poll() {
        if (follow.get() && !complete.get()) {
            loadMore();
        }
    }

    private void append(LogChunk chunk) {
        offset = chunk.nextOffset();
        size = chunk.size();
        String text = partial + chunk.text();
        partial.setLength(0);
        int start = 0;
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                fresh.add(text.substring(start, i));
                start = i + 1;
            }
        }
        String rest = text.substring(start);
        if (chunk.complete() && offset >= size) {
            if (!rest.isEmpty()) {
                fresh.add(rest);
            }
            complete.set(true);
        } else {
            partial.append(rest);
        }
        lines.addAll(fresh);
        status.set(lines.isEmpty() && complete.get() ? "The log is empty." : describe());
    }

    private String describe() {
        String read = offset < size ? "read " + percent() + " of " + Formats.size(size)
                : Formats.size(size);
        return lines.size() + " lines · " + read + (complete.get() ? "" : follow.get() && offset >= size ? " · following" : "");
    }

    private String percent() {
        return size == 0 ? "0%" : (offset * 100 / size) + "%";
    }

    /** Finds the next line (after the current match, wrapping) that contains {@code text}, case-insensitive. */
    public void find(String text, boolean forward) {
        if (text == null || text.isBlank() || lines.isEmpty()) {
            match.set(-1);
            return;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        int n = lines.size();
        int from = match.get();
        for (int step = 1; step <= n; step++) {
            int i = Math.floorMod(from + (forward ? step : -step), n);
            if (from < 0 && forward) {
                i = step - 1;
            }
            if (lines.get(i).toLowerCase(Locale.ROOT).contains(needle)) {
                match.set(i);
                return;
            }
        }
        match.set(-1);
        status.set("\"" + text + "\" is not in the " + lines.size() + " lines read" + (complete.get() ? "" : " so far"));
    }

    public ObservableList<String> lines() {
        return lines;
    }

    public ObservableList<Integer> attempts() {
        return attempts;
    }

    public ObjectProperty<Integer> attemptProperty() {
        return attempt;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public ReadOnlyBooleanProperty completeProperty() {
        return complete.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The index of the line the last search found, or -1. */
    public ReadOnlyIntegerProperty matchProperty() {
        return match.getReadOnlyProperty();
    }

    public String stepId() {
        return stepId;
    }
}

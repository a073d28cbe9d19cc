package dev.reprise.ui.replay;

import dev.reprise.run.ReplayScope;

/** The replay actions offered on a step or a run, each opening the replay form with its scope. */
public enum ReplayAction {
    ONLY("Replay this step only", ReplayScope.Kind.ONLY, true),
    FROM("Replay from here", ReplayScope.Kind.FROM, true),
    FAILED("Replay failed", ReplayScope.Kind.FAILED, false),
    WHOLE("Replay whole run", ReplayScope.Kind.WHOLE, false),
    CHANGES("Replay with changes…", null, false);

    private final String label;
    private final ReplayScope.Kind kind;
    private final boolean needsStep;

    ReplayAction(String label, ReplayScope.Kind kind, boolean needsStep) {
        this.label = label;
        this.kind = kind;
        this.needsStep = needsStep;
    }

    public String label() {
        return label;
    }

    /** True for the actions that only make sense on a step. */
    public boolean needsStep() {
        return needsStep;
    }

    /** The scope the form starts with: with changes, from the step if there is one, else the whole run. */
    public ReplayScope.Kind kind(String stepId) {
        return kind != null ? kind : stepId != null ? ReplayScope.Kind.FROM : ReplayScope.Kind.WHOLE;
    }
}

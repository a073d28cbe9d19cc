package dev.reprise.ui.run;

import dev.reprise.run.StepRun;
import javafx.collections.ModifiableObservableListBase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A run's step instances as an observable list that tells its listeners of a live batch in at most two changes:
 * the rows it replaces are one change however many there are, the rows it adds another, so the steps list, its
 * cells and the charts hear of a batch of a wide fan-out twice rather than once per row. FX thread only.
 */
final class StepList extends ModifiableObservableListBase<StepRun> {

    private final List<StepRun> steps = new ArrayList<>();

    /**
     * Replaces the rows at the keys of {@code replaced} in one change, then adds {@code added} at the end in
     * another (kept apart, so that a listener sees which rows are new).
     */
    void apply(Map<Integer, StepRun> replaced, List<StepRun> added) {
        if (!replaced.isEmpty()) {
            beginChange();
            try {
                replaced.forEach(this::set);
            } finally {
                endChange();
            }
        }
        addAll(added);
    }

    /** Adds the rows at the end in one step, not one row at a time. */
    @Override
    public boolean addAll(Collection<? extends StepRun> rows) {
        if (rows.isEmpty()) {
            return false;
        }
        beginChange();
        try {
            int from = steps.size();
            steps.addAll(rows);
            modCount++;
            nextAdd(from, steps.size());
        } finally {
            endChange();
        }
        return true;
    }

    /** Replaces every row in one step: a list of thousands is not emptied one row at a time. */
    @Override
    public boolean setAll(Collection<? extends StepRun> rows) {
        if (steps.isEmpty() && rows.isEmpty()) {
            return false;
        }
        beginChange();
        try {
            List<StepRun> removed = new ArrayList<>(steps);
            steps.clear();
            steps.addAll(rows);
            modCount++;
            nextReplace(0, steps.size(), removed);
        } finally {
            endChange();
        }
        return true;
    }

    @Override
    public StepRun get(int index) {
        return steps.get(index);
    }

    @Override
    public int size() {
        return steps.size();
    }

    @Override
    protected void doAdd(int index, StepRun element) {
        steps.add(index, element);
    }

    @Override
    protected StepRun doSet(int index, StepRun element) {
        return steps.set(index, element);
    }

    @Override
    protected StepRun doRemove(int index) {
        return steps.remove(index);
    }
}

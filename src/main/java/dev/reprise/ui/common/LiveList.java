package dev.reprise.ui.common;

import javafx.collections.ModifiableObservableListBase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Rows kept current by live batches (a run's step instances, their values) as an observable list that tells its
 * listeners of a batch in at most two changes: the rows it replaces are one change however many there are, the
 * rows it adds another, so the lists, their cells and the charts hear of a batch of a wide fan-out twice rather
 * than once per row. FX thread only.
 */
public final class LiveList<E> extends ModifiableObservableListBase<E> {

    private final List<E> rows = new ArrayList<>();

    /**
     * Replaces the rows at the keys of {@code replaced} in one change, then adds {@code added} at the end in
     * another (kept apart, so that a listener sees which rows are new).
     */
    public void apply(Map<Integer, E> replaced, List<E> added) {
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
    public boolean addAll(Collection<? extends E> added) {
        if (added.isEmpty()) {
            return false;
        }
        beginChange();
        try {
            int from = rows.size();
            rows.addAll(added);
            modCount++;
            nextAdd(from, rows.size());
        } finally {
            endChange();
        }
        return true;
    }

    /** Replaces every row in one step: a list of thousands is not emptied one row at a time. */
    @Override
    public boolean setAll(Collection<? extends E> fresh) {
        if (rows.isEmpty() && fresh.isEmpty()) {
            return false;
        }
        beginChange();
        try {
            List<E> removed = new ArrayList<>(rows);
            rows.clear();
            rows.addAll(fresh);
            modCount++;
            nextReplace(0, rows.size(), removed);
        } finally {
            endChange();
        }
        return true;
    }

    @Override
    public E get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    protected void doAdd(int index, E element) {
        rows.add(index, element);
    }

    @Override
    protected E doSet(int index, E element) {
        return rows.set(index, element);
    }

    @Override
    protected E doRemove(int index) {
        return rows.remove(index);
    }
}

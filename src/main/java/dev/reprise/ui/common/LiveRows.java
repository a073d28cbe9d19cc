package dev.reprise.ui.common;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A read-through view of live rows (a run's steps, the listed runs) for a list or table control that tells its
 * listeners of rows added, removed or reordered, but not of rows replaced in place: those it hands to a callback
 * with the range they cover. A live batch of a wide fan-out replaces hundreds of rows; told of that as a change, a
 * list control clears and restores its selection, looks for its focused row among all rows and updates every cell
 * it shows, where refreshing the few shown cells of those rows is enough. {@link #get} always reads the source, so
 * the rows are never stale. A replacement of the whole list (a run read again, a table sorted) is passed on as a
 * change; {@link #setAll} (how a table sorts its rows) replaces the source's rows. FX thread only.
 */
public final class LiveRows<E> extends ObservableListBase<E> {

    private final ObservableList<E> source;

    /** @param replaced told, after any change passed on, of each range {@code [from, to)} replaced in place */
    public LiveRows(ObservableList<E> source, BiConsumer<Integer, Integer> replaced) {
        this.source = source;
        source.addListener((ListChangeListener<E>) change -> {
            List<int[]> quiet = new ArrayList<>();
            beginChange();
            try {
                while (change.next()) {
                    passOn(change, quiet);
                }
            } finally {
                endChange();
            }
            for (int[] range : quiet) {
                replaced.accept(range[0], range[1]);
            }
        });
    }

    private void passOn(ListChangeListener.Change<? extends E> change, List<int[]> quiet) {
        int from = change.getFrom();
        int to = change.getTo();
        if (change.wasPermutated()) {
            int[] permutation = new int[to - from];
            for (int i = from; i < to; i++) {
                permutation[i - from] = change.getPermutation(i);
            }
            nextPermutation(from, to, permutation);
        } else if (change.wasUpdated()) {
            for (int i = from; i < to; i++) {
                nextUpdate(i);
            }
        } else if (change.wasReplaced() && change.getAddedSize() == change.getRemovedSize()
                && change.getAddedSize() < change.getList().size()) {
            quiet.add(new int[] {from, to});
        } else {
            if (change.wasRemoved()) {
                nextRemove(from, new ArrayList<>(change.getRemoved()));
            }
            if (change.wasAdded()) {
                nextAdd(from, to);
            }
        }
    }

    /** Replaces the source's rows: a table sorts its rows in place this way. */
    @Override
    public boolean setAll(Collection<? extends E> rows) {
        return source.setAll(rows);
    }

    @Override
    public E get(int index) {
        return source.get(index);
    }

    @Override
    public int size() {
        return source.size();
    }
}

package dev.reprise.ui.common;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a list control hears of a run's rows through {@link LiveRows}, no toolkit. */
class LiveRowsTest {

    private final ObservableList<String> source = FXCollections.observableArrayList("a", "b", "c", "d");
    private final List<String> replaced = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final LiveRows<String> rows = new LiveRows<>(source, (from, to) -> replaced.add(from + ".." + to));

    LiveRowsTest() {
        rows.addListener((ListChangeListener<String>) change -> {
            while (change.next()) {
                told.add((change.wasReplaced() ? "replaced " : change.wasAdded() ? "added " : "removed ")
                        + change.getFrom() + ".." + change.getTo() + " " + change.getAddedSubList()
                        + change.getRemoved());
            }
        });
    }

    @Test
    void rowsReplacedInPlaceAreHandedToTheCallbackNotToldAsAChange() {
        source.set(1, "B");

        assertThat(told).isEmpty();
        assertThat(replaced).containsExactly("1..2");
        assertThat(rows).containsExactly("a", "B", "c", "d");
    }

    @Test
    void rowsAddedAtTheEndAreToldAsAdded() {
        source.addAll("e", "f");

        assertThat(told).containsExactly("added 4..6 [e, f][]");
        assertThat(replaced).isEmpty();
        assertThat(rows).hasSize(6).endsWith("e", "f");
    }

    @Test
    void aWholeListReplacedIsToldAsAChange() {
        source.setAll("w", "x", "y", "z");

        assertThat(told).containsExactly("replaced 0..4 [w, x, y, z][a, b, c, d]");
        assertThat(replaced).isEmpty();
    }

    @Test
    void sortingTheRowsSortsTheSource() {
        source.setAll("c", "a", "d", "b");
        told.clear();

        FXCollections.sort(rows);

        assertThat(source).containsExactly("a", "b", "c", "d");
        assertThat(told).containsExactly("replaced 0..4 [a, b, c, d][c, a, d, b]");
    }

    @Test
    void rowsRemovedAreToldAsRemoved() {
        source.remove(2);

        assertThat(told).containsExactly("removed 2..2 [][c]");
        assertThat(rows).containsExactly("a", "b", "d");
    }
}

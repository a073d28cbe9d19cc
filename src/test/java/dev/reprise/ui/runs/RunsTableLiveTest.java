package dev.reprise.ui.runs;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.workspace.LocalWorkspace;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The runs table following runs that change while listed, on a real workspace, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class RunsTableLiveTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;
    private RunsViewModel model;
    private RunsView view;

    @Start
    void start(Stage stage) {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        for (int i = 0; i < 3; i++) {
            TestWorkspaces.runToEnd(workspace, TestWorkspaces.QUICK);
        }
        model = new RunsViewModel(workspace, new InlineUiExecutor(), new Messages(), ZoneOffset.UTC);
        model.refresh();
        view = new RunsView(model);
        stage.setScene(new Scene(view, 1100, 400));
        stage.show();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(call).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    /** The text the row showing {@code index} shows in the column titled {@code title}. */
    private String shownText(int index, String title) {
        TableRow<?> row = view.table().lookupAll(".table-row-cell").stream().map(n -> (TableRow<?>) n)
                .filter(r -> r.isVisible() && r.getIndex() == index).findFirst().orElseThrow();
        return row.lookupAll(".table-cell").stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && title.equals(c.getTableColumn().getText()))
                .findFirst().orElseThrow().getText();
    }

    @Test
    void aRunChangedWhileListedRefreshesItsRowAndStaysSelected() throws Exception {
        List<String> told = new ArrayList<>();
        Run listed = fx(() -> {
            view.table().getItems().addListener((ListChangeListener<Run>) c -> told.add(c.toString()));
            view.table().getSelectionModel().select(1);
            return view.table().getItems().get(1);
        });
        assertThat(fx(() -> shownText(1, "Duration"))).isNotEqualTo("42.0 s");

        Run changed = listed.withTimes(listed.startedAt(), listed.startedAt().plus(Duration.ofSeconds(42)))
                .withSeq(listed.seq() + 1);
        fx(() -> {
            model.apply(List.of(new RunEvent.RunChanged(changed, changed.endedAt())));
            return null;
        });

        assertThat(told).as("changes the table was told of").isEmpty();
        assertThat(fx(() -> shownText(1, "Duration"))).isEqualTo("42.0 s");
        assertThat(fx(() -> view.table().getSelectionModel().getSelectedIndex())).isEqualTo(1);
        assertThat(fx(() -> view.table().getSelectionModel().getSelectedItem())).isSameAs(changed);
        assertThat(fx(() -> view.table().getSelectionModel().getSelectedItems())).containsExactly(changed);
    }

    @Test
    void sortingByAColumnStillSortsTheListedRuns() throws Exception {
        List<String> newestFirst = fx(() -> model.runs().stream().map(Run::id).toList());
        assertThat(newestFirst).isNotEqualTo(newestFirst.stream().sorted().toList());

        fx(() -> {
            // the run column shows a run by its name and id, and sorts by them
            TableColumn<Run, ?> run = view.table().getColumns().stream()
                    .filter(c -> "Run".equals(c.getText())).findFirst().orElseThrow();
            run.setSortType(TableColumn.SortType.ASCENDING);
            view.table().getSortOrder().setAll(List.of(run));
            return null;
        });

        assertThat(fx(() -> model.runs().stream().map(Run::id).toList()))
                .containsExactlyElementsOf(newestFirst.stream().sorted().toList());
    }
}

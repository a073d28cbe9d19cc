package dev.reprise.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** A node that changes inside a {@link LayoutBoundary} is laid out alone, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class LayoutBoundaryTest {

    private Label ticking;
    private LayoutBoundary boundary;
    private VBox column;
    private HBox row;

    @Start
    void start(Stage stage) {
        ticking = new Label("843 ms");
        ticking.setMaxWidth(Double.MAX_VALUE);
        boundary = new LayoutBoundary(ticking);
        column = new VBox(2, new Label("title"), boundary);
        row = new HBox(8, new Label("state"), column);
        HBox.setHgrow(column, javafx.scene.layout.Priority.ALWAYS);
        stage.setScene(new Scene(row, 500, 100));
        stage.show();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(call).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    @Test
    void theContentTakesTheSizeItsParentGivesTheBoundary() throws Exception {
        assertThat(fx(() -> ticking.getWidth())).isEqualTo(fx(() -> boundary.getWidth())).isGreaterThan(300);
        assertThat(fx(() -> ticking.getHeight())).isEqualTo(fx(() -> boundary.getHeight())).isPositive();
        assertThat(fx(() -> boundary.prefHeight(-1))).isEqualTo(fx(() -> ticking.prefHeight(-1)));
    }

    @Test
    void aChangeInsideLaysOutTheContentAloneNotThePanesAroundIt() throws Exception {
        boolean[] marked = fx(() -> {
            ticking.setText("1.2 s and then some more");
            return new boolean[] {ticking.isNeedsLayout(), column.isNeedsLayout(), row.isNeedsLayout()};
        });

        assertThat(marked[0]).as("the label").isTrue();
        assertThat(marked[1]).as("its column").isFalse();
        assertThat(marked[2]).as("the row").isFalse();
        assertThat(fx(() -> ticking.isNeedsLayout())).as("the label after a pulse").isFalse();
        assertThat(fx(() -> ticking.getWidth())).isEqualTo(fx(() -> boundary.getWidth()));
    }
}

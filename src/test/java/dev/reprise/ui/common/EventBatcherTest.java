package dev.reprise.ui.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventBatcherTest {

    @Test
    void itemsFromAnotherThreadReachTheUiAsOneBatch() throws InterruptedException {
        InlineUiExecutor ui = new InlineUiExecutor();
        List<List<Integer>> batches = new ArrayList<>();
        EventBatcher<Integer> batcher = new EventBatcher<>(ui, batches::add);

        Thread engine = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                batcher.accept(i);
            }
        });
        engine.start();
        engine.join();
        ui.runPending();

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(500).startsWith(0, 1, 2).endsWith(499);
    }

    @Test
    void aClosedBatcherDropsWhatArrives() throws InterruptedException {
        InlineUiExecutor ui = new InlineUiExecutor();
        List<List<String>> batches = new ArrayList<>();
        EventBatcher<String> batcher = new EventBatcher<>(ui, batches::add);
        batcher.close();

        Thread engine = new Thread(() -> batcher.accept("late"));
        engine.start();
        engine.join();
        ui.runPending();

        assertThat(batches).isEmpty();
    }

    @Test
    void theStatePaletteDefinesATokenForEveryState() {
        String css = new String(java.util.Base64.getDecoder().decode(
                StatePalette.LIGHT.stylesheet().substring("data:text/css;base64,".length())));
        for (dev.reprise.run.StepState state : dev.reprise.run.StepState.values()) {
            assertThat(css).contains(StatePalette.tone(state).token() + ":");
        }
        assertThat(StatePalette.DARK.color(dev.reprise.run.StepState.FAILED))
                .isNotEqualTo(StatePalette.LIGHT.color(dev.reprise.run.StepState.FAILED));
    }
}

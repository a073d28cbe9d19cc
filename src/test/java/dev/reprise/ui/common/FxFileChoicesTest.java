package dev.reprise.ui.common;

import javafx.stage.FileChooser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The system file dialog as {@link FxFileChoices} sets it up: its title, the kinds of file offered, a name. */
class FxFileChoicesTest {

    private static String filters(FileChooser chooser) {
        return chooser.getExtensionFilters().stream()
                .map(f -> f.getDescription() + " " + f.getExtensions()).toList().toString();
    }

    @Test
    void eachKindIsOfferedFirstAndAllFilesAfterIt() {
        assertThat(filters(FxFileChoices.chooser("t", null, FileChoices.Kind.FLOW)))
                .isEqualTo("[Flow files (YAML) [*.yaml, *.yml], All files [*]]");
        assertThat(filters(FxFileChoices.chooser("t", null, FileChoices.Kind.RUN_ARCHIVE)))
                .isEqualTo("[Exported runs (zip) [*.zip], All files [*]]");
        assertThat(filters(FxFileChoices.chooser("t", null, FileChoices.Kind.RUN_CONFIGURATION)))
                .isEqualTo("[YAML files [*.yaml, *.yml], All files [*]]");
        assertThat(filters(FxFileChoices.chooser("t", null, FileChoices.Kind.ANY))).isEqualTo("[All files [*]]");
    }

    @Test
    void theTitleIsTheQuestionAndOnlyASaveSuggestsAName() {
        FileChooser save = FxFileChoices.chooser("Export run r-1", "greet-r-1.zip", FileChoices.Kind.RUN_ARCHIVE);
        assertThat(save.getTitle()).isEqualTo("Export run r-1");
        assertThat(save.getInitialFileName()).isEqualTo("greet-r-1.zip");
        assertThat(FxFileChoices.chooser("Import a run", null, FileChoices.Kind.RUN_ARCHIVE).getInitialFileName())
                .isNull();
    }
}

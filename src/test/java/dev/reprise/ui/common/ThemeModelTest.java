package dev.reprise.ui.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The theme's choice and look, no toolkit. */
class ThemeModelTest {

    private final InlineUiExecutor ui = new InlineUiExecutor();

    @Test
    void followingTheSystemShowsWhatItPrefers() {
        ThemeModel theme = new ThemeModel(ThemeSettings.inMemory(ThemeMode.SYSTEM, true), ui, new Messages());
        theme.start();

        assertThat(theme.modeProperty().get()).isEqualTo(ThemeMode.SYSTEM);
        assertThat(theme.darkProperty().get()).isTrue();
    }

    @Test
    void aSavedChoiceWinsOverTheSystemWhichIsNotAsked() {
        AtomicInteger asked = new AtomicInteger();
        ThemeSettings settings = new ThemeSettings() {
            @Override
            public ThemeMode load() {
                return ThemeMode.LIGHT;
            }

            @Override
            public void save(ThemeMode mode) {
            }

            @Override
            public boolean systemPrefersDark() {
                asked.incrementAndGet();
                return true;
            }
        };
        ThemeModel theme = new ThemeModel(settings, ui, new Messages());
        theme.start();

        assertThat(theme.darkProperty().get()).isFalse();
        assertThat(asked).hasValue(0);
    }

    @Test
    void togglingSavesTheOppositeOfWhatIsShown() {
        ThemeSettings settings = ThemeSettings.inMemory(ThemeMode.SYSTEM, true);
        ThemeModel theme = new ThemeModel(settings, ui, new Messages());
        theme.start();

        theme.toggle();

        assertThat(theme.darkProperty().get()).isFalse();
        assertThat(settings.load()).isEqualTo(ThemeMode.LIGHT);
        theme.choose(ThemeMode.SYSTEM);
        assertThat(theme.darkProperty().get()).isTrue();
        assertThat(settings.load()).isEqualTo(ThemeMode.SYSTEM);
    }
}

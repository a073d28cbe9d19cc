package dev.reprise.cli;

import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a command line prints for: a terminal's width and colours, or plain text for anything else. */
class ScreenTest {

    private static final Terminal WIDE = new ShowingTerminal(132);

    @Test
    void outputThatIsNoTerminalIsPlainAndUncutEvenWithColumnsSet() {
        Screen screen = Screen.of(Terminal.NONE, Map.of("COLUMNS", "40"), false);

        assertThat(screen.terminal()).isFalse();
        assertThat(screen.colour()).isFalse();
        assertThat(screen.width()).isEqualTo(Screen.UNLIMITED);
        assertThat(screen.state(RunState.FAILED)).isEqualTo("FAILED");
    }

    @Test
    void aTerminalIsAsWideAsColumnsSaysElseAsItSaysElseEighty() {
        assertThat(Screen.of(WIDE, Map.of("COLUMNS", "61"), false).width()).isEqualTo(61);
        assertThat(Screen.of(WIDE, Map.of(), false).width()).isEqualTo(132);
        assertThat(Screen.of(WIDE, Map.of("COLUMNS", "wide"), false).width()).isEqualTo(132);
        assertThat(Screen.of(new ShowingTerminal(0), Map.of(), false).width()).isEqualTo(Screen.DEFAULT_WIDTH);
    }

    @Test
    void aTerminalColoursStatesUnlessNoColorIsSetOrRefused() {
        assertThat(Screen.of(WIDE, Map.of(), false).state(RunState.SUCCEEDED)).isEqualTo("\u001b[32mSUCCEEDED\u001b[0m");
        assertThat(Screen.of(WIDE, Map.of(), false).state(StepState.FAILED)).isEqualTo("\u001b[31mFAILED\u001b[0m");
        assertThat(Screen.of(WIDE, Map.of("NO_COLOR", "1"), false).state(RunState.SUCCEEDED)).isEqualTo("SUCCEEDED");
        assertThat(Screen.of(WIDE, Map.of(), true).state(RunState.SUCCEEDED)).isEqualTo("SUCCEEDED");
        assertThat(Screen.of(WIDE, Map.of("TERM", "dumb"), false).colour()).isFalse();
    }

    @Test
    void anEmptyNoColorLeavesColoursOn() {
        assertThat(Screen.of(WIDE, Map.of("NO_COLOR", ""), false).colour()).isTrue();
    }

    @Test
    void fittingCountsOnlyWhatShowsAndKeepsTheColourCodes() {
        String red = "\u001b[31mFAILED\u001b[0m";

        assertThat(Screen.visibleLength(red)).isEqualTo(6);
        assertThat(Screen.fit(red, 6)).isEqualTo(red);
        assertThat(Screen.fit(red, 4)).isEqualTo("\u001b[31mFAI…\u001b[0m");
        assertThat(Screen.fit("a long description", 7)).isEqualTo("a long…");
        assertThat(Screen.fit("short", 7)).isEqualTo("short");
    }
}

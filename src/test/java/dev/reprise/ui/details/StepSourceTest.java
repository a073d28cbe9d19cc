package dev.reprise.ui.details;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepSourceTest {

    private static final String FLOW = """
            id: f
            steps:
              a:
                type: noop
              b:
                type: shell
                run: |
                  echo one

                  echo two
              c: { type: noop }
            outputs:
              x: "{{ steps.b.outputs.y }}"
            """;

    @Test
    void aStepIsCutOutWithItsBlockAndBlankLinesInside() {
        assertThat(StepSource.snippet(FLOW, "b")).isEqualTo("""
                b:
                  type: shell
                  run: |
                    echo one

                    echo two""");
        assertThat(StepSource.snippet(FLOW, "c")).isEqualTo("c: { type: noop }");
    }

    @Test
    void aStepThatIsNotThereGivesNothing() {
        assertThat(StepSource.snippet(FLOW, "x")).isNull();
        assertThat(StepSource.snippet(FLOW, "z")).isNull();
    }
}

package dev.reprise.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionChoiceTest {

    @Test
    void eachChoiceReadsBackFromItsText() {
        for (RevisionChoice choice : new RevisionChoice[] {new RevisionChoice.Original(), new RevisionChoice.Latest(),
                new RevisionChoice.Numbered(3)}) {
            assertThat(RevisionChoice.parse(choice.text())).isEqualTo(choice);
        }
        assertThat(RevisionChoice.parse(null)).isEqualTo(new RevisionChoice.Original());
        assertThat(RevisionChoice.parse(" 2 ")).isEqualTo(new RevisionChoice.Numbered(2));
    }

    @Test
    void textNamingNoRevisionIsRefusedSayingWhatWasExpected() {
        assertThatThrownBy(() -> RevisionChoice.parse("newest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected original, latest or a revision number, got 'newest'");
        assertThatThrownBy(() -> RevisionChoice.parse("0")).hasMessageContaining("1 or more");
    }
}

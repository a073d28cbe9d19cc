package dev.reprise.flow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatesTest {

    private final Templates templates = new Templates();

    @Test
    void simplePathsAreAcceptedWithoutCompilingExactlyWhenPebbleAcceptsThem() {
        List<String> words = List.of("and", "or", "not", "is", "in", "equals", "contains", "matches", "true",
                "null", "none", "order", "notes", "isx", "item", "index", "loop", "_x", "if", "for", "endif");
        for (String word : words) {
            for (String text : List.of("{{ " + word + " }}", "{{ " + word + ".x }}", "{{ steps." + word
                    + ".outputs.out }}", "{{x . " + word + "}}")) {
                boolean pebbleAccepts = new Templates().syntaxError(text + " {# compiled #}").isEmpty();
                assertThat(Templates.isSimplePath(text) && !pebbleAccepts).as(text).isFalse();
                assertThat(templates.syntaxError(text).isEmpty()).as(text).isEqualTo(pebbleAccepts);
            }
        }
    }

    @Test
    void syntaxErrorGivesPebblesReason() {
        assertThat(templates.syntaxError("{% if x %}")).contains(
                "Unexpected end of template. Pebble was looking for the \"endif\" tag");
    }

    @Test
    void textWithoutTemplatesHasNoSyntaxError() {
        assertThat(templates.syntaxError("plain {text}")).isEmpty();
    }
}

package dev.reprise.ui.flows;

import dev.reprise.ui.flows.YamlHighlighter.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class YamlHighlighterTest {

    /** The kind of each character, to assert on by position. */
    private static Kind[] kinds(String text) {
        Kind[] kinds = new Kind[text.length()];
        int at = 0;
        for (YamlHighlighter.Span span : YamlHighlighter.spans(text)) {
            for (int i = 0; i < span.length(); i++) {
                kinds[at++] = span.kind();
            }
        }
        assertThat(at).isEqualTo(text.length());
        return kinds;
    }

    private static Kind kindAt(String text, String part) {
        return kinds(text)[text.indexOf(part)];
    }

    @Test
    void coloursKeysStringsNumbersBooleansAndComments() {
        String text = "id: demo   # a comment\nsize: 42\nflag: true\nname: \"text # not a comment\"\n";

        assertThat(kindAt(text, "id")).isEqualTo(Kind.KEY);
        assertThat(kindAt(text, "demo")).isNull();
        assertThat(kindAt(text, "# a comment")).isEqualTo(Kind.COMMENT);
        assertThat(kindAt(text, "42")).isEqualTo(Kind.NUMBER);
        assertThat(kindAt(text, "true")).isEqualTo(Kind.BOOLEAN);
        assertThat(kindAt(text, "# not")).isEqualTo(Kind.STRING);
    }

    @Test
    void templatesStandOutInsideStringsAndScripts() {
        String text = "inputs: { month: \"{{ inputs.month }}\", rows: 5 }\nrun: |\n  echo {{ item }} x: y\nnext: 1\n";
        Kind[] kinds = kinds(text);

        assertThat(kinds[text.indexOf("month:")]).isEqualTo(Kind.KEY);
        assertThat(kinds[text.indexOf("{{ inputs")]).isEqualTo(Kind.TEMPLATE);
        assertThat(kinds[text.indexOf("\"{{")]).isEqualTo(Kind.STRING);
        assertThat(kinds[text.indexOf("5 }")]).isEqualTo(Kind.NUMBER);
        assertThat(kinds[text.indexOf("echo")]).isEqualTo(Kind.BLOCK);
        assertThat(kinds[text.indexOf("{{ item")]).isEqualTo(Kind.TEMPLATE);
        assertThat(kinds[text.indexOf("x: y")]).isEqualTo(Kind.BLOCK);
        assertThat(kinds[text.indexOf("next")]).isEqualTo(Kind.KEY);
    }

    @Test
    void theSpansCoverEmptyAndUnfinishedText() {
        assertThat(YamlHighlighter.spans("")).isEqualTo(List.of(new YamlHighlighter.Span(0, null)));
        assertThat(kinds("key: \"unclosed {{ inputs")).isNotEmpty();
    }
}

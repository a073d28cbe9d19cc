package dev.reprise.flow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateNamesTest {

    @Test
    void flowInputsAreFoundInExpressionsAndTags() {
        TemplateNames.Names names = TemplateNames.scan(
                "{{ inputs.month }}-{% if inputs.full %}all{% endif %}{{ inputs . rows | default(1) }}");

        assertThat(names.inputs()).containsExactly("month", "full", "rows");
    }

    @Test
    void namesInsideStringLiteralsAreNotUses() {
        TemplateNames.Names names = TemplateNames.scan("{{ 'inputs.month and item' ~ \"index\" }}");

        assertThat(names).isEqualTo(TemplateNames.Names.NONE);
    }

    @Test
    void attributesNamedLikeVariablesAreNotUses() {
        TemplateNames.Names names = TemplateNames.scan("{{ steps.a.outputs.item }}{{ loop.index }}");

        assertThat(names.item()).isFalse();
        assertThat(names.index()).isFalse();
    }

    @Test
    void foreachVariablesAreFound() {
        TemplateNames.Names names = TemplateNames.scan("row {{ index }}: {{ item.name }}");

        assertThat(names.item()).isTrue();
        assertThat(names.index()).isTrue();
    }
}

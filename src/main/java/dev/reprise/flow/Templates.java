package dev.reprise.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{ … }}} templates of flow files, evaluated with Pebble. A string that is exactly one
 * expression ({@code "{{ inputs.rows }}"}) keeps the type of its value (a number stays a number, a list a
 * list); any other string renders to text. Values in the context are plain Java values (maps, lists,
 * strings, numbers, booleans) and {@link FileValue}s, which render as their path in text and stay file
 * references when they are the whole value. Thread-safe; compiled templates are cached.
 */
public final class Templates {

    /** A file artifact inside a template context: its reference (JSON) and where its bytes are. */
    public record FileValue(JsonNode ref, String path) {
        @Override
        public String toString() {
            return path;
        }
    }

    /** A {@code steps.<step>.outputs.<output>} reference found in a template. */
    public record Reference(String step, String output) {
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern WHOLE = Pattern.compile("^\\s*\\{\\{((?:(?!\\{\\{|}}).)*)}}\\s*$", Pattern.DOTALL);
    private static final Pattern STEP_REF = Pattern.compile(
            "\\bsteps\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\.\\s*outputs\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*))?");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** {@code {{ a.b.c }}}: the commonest template, valid Pebble whenever no name is one of its word operators. */
    private static final Pattern SIMPLE_PATH = Pattern.compile(
            "\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*(?:\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_]*)*\\s*}}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> WORD_OPERATORS = Set.of("and", "or", "not", "is", "equals", "contains");

    private final PebbleEngine pebble;
    private final Map<String, PebbleTemplate> cache = new ConcurrentHashMap<>();

    public Templates() {
        this.pebble = new PebbleEngine.Builder()
                .loader(new StringLoader())
                .autoEscaping(false)
                .strictVariables(true)
                .newLineTrimming(false)
                .cacheActive(false)
                .extension(new AbstractExtension() {
                    @Override
                    public Map<String, Filter> getFilters() {
                        return Map.of("json", new JsonFilter());
                    }
                })
                .build();
    }

    public static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%"));
    }

    /** Every step output a template refers to (a bare {@code steps.X} counts as a reference to X). */
    public static Set<Reference> references(String text) {
        Set<Reference> refs = new LinkedHashSet<>();
        if (!isTemplate(text)) {
            return refs;
        }
        Matcher expr = EXPRESSION.matcher(text);
        while (expr.find()) {
            String body = expr.group(1) != null ? expr.group(1) : expr.group(2);
            Matcher ref = STEP_REF.matcher(body);
            while (ref.find()) {
                refs.add(new Reference(ref.group(1), ref.group(2)));
            }
        }
        return refs;
    }

    /** Every reference in every string of a JSON value. */
    public static Set<Reference> references(JsonNode value) {
        Set<Reference> refs = new LinkedHashSet<>();
        if (value == null) {
            return refs;
        }
        if (value.isTextual()) {
            refs.addAll(references(value.asText()));
        } else {
            for (JsonNode child : value) {
                refs.addAll(references(child));
            }
        }
        return refs;
    }

    /** The flow inputs ({@code inputs.X}) that the templates inside a JSON value read. */
    public static Set<String> inputReferences(JsonNode value) {
        Set<String> names = new LinkedHashSet<>();
        if (value == null) {
            return names;
        }
        if (value.isTextual()) {
            names.addAll(TemplateNames.scan(value.asText()).inputs());
        } else {
            for (JsonNode child : value) {
                names.addAll(inputReferences(child));
            }
        }
        return names;
    }

    /** The Pebble syntax error of {@code text}, if it has one. */
    public Optional<String> syntaxError(String text) {
        if (!isTemplate(text) || isSimplePath(text)) {
            return Optional.empty();
        }
        try {
            compile(text);
            return Optional.empty();
        } catch (PebbleException e) {
            return Optional.of(e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage());
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Whether {@code text} is a single {@code {{ a.b.c }}} that Pebble would accept; checking these without
     * compiling keeps validating a flow of 10,000 distinct references fast.
     */
    static boolean isSimplePath(String text) {
        if (!SIMPLE_PATH.matcher(text).matches()) {
            return false;
        }
        Matcher name = NAME.matcher(text);
        while (name.find()) {
            if (WORD_OPERATORS.contains(name.group())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Renders every template string inside {@code value} against {@code context}; throws
     * {@link TemplateException} with Pebble's reason when a variable is missing or an expression fails.
     */
    public JsonNode render(JsonNode value, Map<String, Object> context) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return renderText(value.asText(), context);
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode child : value) {
                out.add(render(child, context));
            }
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.set(field.getKey(), render(field.getValue(), context));
            }
            return out;
        }
        return value;
    }

    private JsonNode renderText(String text, Map<String, Object> context) {
        if (!isTemplate(text)) {
            return TextNode.valueOf(text);
        }
        Matcher whole = WHOLE.matcher(text);
        if (whole.matches()) {
            String json = evaluate("{{ (" + whole.group(1).trim() + ") | json }}", text, context);
            try {
                return MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw new TemplateException(text, "value is not representable as JSON: " + e.getOriginalMessage());
            }
        }
        return TextNode.valueOf(evaluate(text, text, context));
    }

    private String evaluate(String template, String original, Map<String, Object> context) {
        try {
            StringWriter out = new StringWriter();
            compile(template).evaluate(out, context);
            return out.toString();
        } catch (PebbleException e) {
            throw new TemplateException(original, e.getPebbleMessage() != null ? e.getPebbleMessage() : e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new TemplateException(original, String.valueOf(e.getMessage()));
        }
    }

    private PebbleTemplate compile(String text) {
        PebbleTemplate cached = cache.get(text);
        if (cached != null) {
            return cached;
        }
        PebbleTemplate template = pebble.getTemplate(text);
        if (cache.size() < 10_000) {
            cache.put(text, template);
        }
        return template;
    }

    /** A template that could not be evaluated, with the template text and the reason. */
    public static final class TemplateException extends RuntimeException {
        private final String template;

        public TemplateException(String template, String reason) {
            super("cannot evaluate '" + template + "': " + reason);
            this.template = template;
        }

        public String template() {
            return template;
        }
    }

    /** {@code x | json}: the value as JSON text; a {@link FileValue} as its reference object. */
    private static final class JsonFilter implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            try {
                return MAPPER.writeValueAsString(toJson(input));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e.getOriginalMessage(), e);
            }
        }

        private static JsonNode toJson(Object input) {
            if (input instanceof FileValue file) {
                return file.ref();
            }
            if (input instanceof JsonNode node) {
                return node;
            }
            if (input instanceof Map<?, ?> map) {
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                map.forEach((k, v) -> out.set(String.valueOf(k), toJson(v)));
                return out;
            }
            if (input instanceof Iterable<?> list) {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                list.forEach(v -> out.add(toJson(v)));
                return out;
            }
            return MAPPER.valueToTree(input);
        }
    }
}

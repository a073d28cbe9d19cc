package dev.reprise.flow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a Jackson tree while recording where every value and key is. Walks the
 * parser's tokens itself (rather than letting Jackson bind a tree) because a bound tree forgets positions
 * and silently keeps the last of two equal keys; here a repeated key is a problem and the first one wins.
 * Flow files and run configuration files are read with it. One instance reads one source; not thread-safe.
 */
public final class YamlTree {

    /** The tree (null when the source could not be read at all), its positions and what was wrong. */
    public record Result(JsonNode root, SourceMap positions, List<Problem> problems) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String FLOW_FILE = "flow file";

    private final String file;
    /** What the document is, for messages: "flow file". */
    private final String what;
    private final Map<String, SourcePos> values;
    private final Map<String, SourcePos> keys;
    private final List<Problem> problems = new ArrayList<>();
    private JsonParser parser;

    private YamlTree(String file, String what, int expectedNodes) {
        this.file = file;
        this.what = what;
        this.values = HashMap.newHashMap(expectedNodes);
        this.keys = HashMap.newHashMap(expectedNodes);
    }

    static Result read(YAMLFactory factory, String source, String file) {
        return read(factory, source, file, FLOW_FILE);
    }

    /** Reads {@code source}, a {@code what} (such as "run configuration", for messages) named {@code file}. */
    public static Result read(YAMLFactory factory, String source, String file, String what) {
        // a flow file has a node every 15 to 20 characters; sizing the maps up front spares rehashing them
        return new YamlTree(file, what, source.length() / 16).read(factory, source);
    }

    private Result read(YAMLFactory factory, String source) {
        JsonNode root = null;
        try (JsonParser p = factory.createParser(source)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new Problem(new SourcePos(file, 1, 1), "the " + what + " is empty"));
            } else {
                root = value(first, "");
                JsonToken extra = p.nextToken();
                if (extra != null) {
                    problems.add(new Problem(pos(), "a " + what + " holds one YAML document; remove the '---' and "
                            + "what follows it"));
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
            root = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(root, new SourceMap(file, values, keys), problems);
    }

    private JsonNode value(JsonToken token, String pointer) throws IOException {
        SourcePos at = pos();
        values.put(pointer, at);
        return switch (token) {
            case START_OBJECT -> object(pointer);
            case START_ARRAY -> array(pointer);
            case VALUE_STRING -> {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    problems.add(new Problem(at, "YAML aliases (*" + parser.getText()
                            + ") are not supported in " + what + "s; write the value out"));
                }
                yield NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> floatNumber();
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("unexpected YAML token " + token + " at " + at);
        };
    }

    private JsonNode floatNumber() throws IOException {
        try {
            return NODES.numberNode(parser.getDecimalValue());
        } catch (NumberFormatException e) {
            return NODES.numberNode(parser.getDoubleValue()); // .inf and .nan have no decimal form
        }
    }

    private ObjectNode object(String pointer) throws IOException {
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            SourcePos keyPos = pos();
            String child = SourceMap.child(pointer, name);
            JsonToken valueToken = parser.nextToken();
            if (object.has(name)) {
                SourcePos first = keys.get(child);
                problems.add(new Problem(keyPos, "duplicate key '" + name + "'" + where(pointer)
                        + " (first at line " + first.line() + ", column " + first.column() + ")"));
                parser.skipChildren();
                continue;
            }
            keys.put(child, keyPos);
            object.set(name, value(valueToken, child));
        }
        expect(token, JsonToken.END_OBJECT);
        return object;
    }

    private ArrayNode array(String pointer) throws IOException {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        int index = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            array.add(value(token, SourceMap.child(pointer, index++)));
        }
        expect(token, JsonToken.END_ARRAY);
        return array;
    }

    private void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("YAML parser ended a container with " + actual + " at " + pos());
        }
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? "" : " in " + pointer.substring(1).replace('/', '.');
    }

    private SourcePos pos() {
        JsonLocation location = parser.currentTokenLocation();
        return new SourcePos(file, location.getLineNr(), location.getColumnNr());
    }

    /** SnakeYAML knows where the problem is; Jackson's own location is the last token it read. */
    private Problem syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            StringBuilder message = new StringBuilder("YAML syntax error: ").append(marked.getProblem());
            Mark context = marked.getContextMark();
            if (marked.getContext() != null) {
                message.append(" (").append(marked.getContext());
                if (context != null) {
                    message.append(" that starts at line ").append(context.getLine() + 1)
                            .append(", column ").append(context.getColumn() + 1);
                }
                message.append(')');
            }
            return new Problem(new SourcePos(file, mark.getLine() + 1, mark.getColumn() + 1), message.toString());
        }
        JsonLocation location = e.getLocation();
        SourcePos at = location == null ? SourcePos.unknown(file)
                : new SourcePos(file, location.getLineNr(), location.getColumnNr());
        return new Problem(at, "YAML syntax error: " + e.getOriginalMessage());
    }
}

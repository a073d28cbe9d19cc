package dev.reprise.flow;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The context variables a template reads, as far as validation needs them: which flow inputs
 * ({@code inputs.X}) and whether it uses the {@code foreach} variables {@code item} and {@code index}. Reads
 * the expressions with patterns (as {@link Templates#references} does) after removing string literals, and
 * ignores variables the template declares itself ({@code {% for item in … %}}, {@code {% set x = … %}}).
 * Stateless.
 */
final class TemplateNames {

    record Names(Set<String> inputs, boolean item, boolean index) {
        static final Names NONE = new Names(Set.of(), false, false);
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern ROOT = Pattern.compile(
            "(?<![\\w.])([A-Za-z_][A-Za-z0-9_]*)(?:\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*))?");
    private static final Pattern DECLARED = Pattern.compile(
            "^\\s*(?:for\\s+([A-Za-z_]\\w*)(?:\\s*,\\s*([A-Za-z_]\\w*))?\\s+in\\b|set\\s+([A-Za-z_]\\w*))");

    private TemplateNames() {
    }

    static Names scan(String text) {
        if (!Templates.isTemplate(text)) {
            return Names.NONE;
        }
        Set<String> declared = new LinkedHashSet<>();
        Set<String> inputs = new LinkedHashSet<>();
        boolean item = false;
        boolean index = false;
        Matcher expr = EXPRESSION.matcher(text);
        while (expr.find()) {
            String body = expr.group(1) != null ? expr.group(1) : expr.group(2);
            if (expr.group(2) != null) {
                Matcher d = DECLARED.matcher(body);
                if (d.find()) {
                    for (int g = 1; g <= 3; g++) {
                        if (d.group(g) != null) {
                            declared.add(d.group(g));
                        }
                    }
                    // the declared name itself is not a use
                    body = body.substring(d.end());
                }
            }
            if (body.indexOf('\'') >= 0 || body.indexOf('"') >= 0) {
                body = STRING.matcher(body).replaceAll("''");
            }
            Matcher root = ROOT.matcher(body);
            while (root.find()) {
                String name = root.group(1);
                if (declared.contains(name)) {
                    continue;
                }
                switch (name) {
                    case "inputs" -> {
                        if (root.group(2) != null) {
                            inputs.add(root.group(2));
                        }
                    }
                    case "item" -> item = true;
                    case "index" -> index = true;
                    default -> {
                        // other names (steps, filters, loop variables, keywords) are not checked here
                    }
                }
            }
        }
        return new Names(inputs, item, index);
    }
}

package dev.reprise.ui.details;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cuts one step's definition out of a flow file, as written, for the details pane. Stateless. */
final class StepSource {

    private static final Pattern STEPS = Pattern.compile("^steps\\s*:\\s*(#.*)?$");

    private StepSource() {
    }

    /** The lines of step {@code stepName} under {@code steps:}, or null when they cannot be found. */
    static String snippet(String source, String stepName) {
        if (source == null || stepName == null) {
            return null;
        }
        List<String> lines = source.lines().toList();
        int i = 0;
        while (i < lines.size() && !STEPS.matcher(lines.get(i)).matches()) {
            i++;
        }
        Pattern key = Pattern.compile("^(\\s+)[\"']?" + Pattern.quote(stepName) + "[\"']?\\s*:.*$");
        for (i = i + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                return null; // left the steps section
            }
            Matcher m = key.matcher(line);
            if (m.matches()) {
                int indent = m.group(1).length();
                StringBuilder out = new StringBuilder(line.substring(indent));
                for (int j = i + 1; j < lines.size(); j++) {
                    String next = lines.get(j);
                    if (!next.isBlank() && indentOf(next) <= indent) {
                        break;
                    }
                    out.append('\n').append(next.length() >= indent ? next.substring(indent) : next.strip());
                }
                return out.toString().stripTrailing();
            }
        }
        return null;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && Character.isWhitespace(line.charAt(n))) {
            n++;
        }
        return n;
    }
}

package dev.reprise.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which route template a request path belongs to ({@code /api/v1/runs/r-1a2b…} is {@code /api/v1/runs/{runId}}),
 * so that the request metrics have one series per route, whatever ids the paths carry. It answers for requests
 * that never reached an operation too (refused for want of a token, or with a wrong method), which is why it
 * matches the paths itself rather than asking Javalin which handler ran. Immutable; thread-safe.
 */
final class RouteTemplates {

    private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z0-9_]+}");

    private record Template(String template, Pattern pattern) {
    }

    private final List<Template> templates = new ArrayList<>();

    /**
     * The templates, tried with the fewest parameters first, so that {@code /flows/validate} is itself and not
     * {@code /flows/{flowId}}.
     */
    RouteTemplates(List<String> templates) {
        List<String> sorted = templates.stream().distinct()
                .sorted(Comparator.comparingLong(t -> PARAMETER.matcher(t).results().count())).toList();
        for (String template : sorted) {
            StringBuilder regex = new StringBuilder();
            Matcher parameter = PARAMETER.matcher(template);
            int at = 0;
            while (parameter.find()) {
                regex.append(Pattern.quote(template.substring(at, parameter.start()))).append("[^/]+");
                at = parameter.end();
            }
            regex.append(Pattern.quote(template.substring(at)));
            this.templates.add(new Template(template, Pattern.compile(regex.toString())));
        }
    }

    /** The template {@code path} matches, or {@link ServerMetrics#UNMATCHED}. */
    String of(String path) {
        for (Template template : templates) {
            if (template.pattern().matcher(path).matches()) {
                return template.template();
            }
        }
        return ServerMetrics.UNMATCHED;
    }
}

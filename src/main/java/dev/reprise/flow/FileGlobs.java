package dev.reprise.flow;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Globs over the files of a flow folder, as {@code files:} names them — the flow's (what a revision stores) and a
 * step's (what the step uses): {@code *} stays within a folder, {@code **} crosses folders, paths are
 * {@code /}-separated and relative to the folder. The one place that matches such globs. Stateless.
 */
public final class FileGlobs {

    private static final Pattern GOES_UP = Pattern.compile("(^|/)\\.\\.?(/|$)");

    private FileGlobs() {
    }

    /** What is wrong with {@code glob} as a glob of a flow folder's files (it reaches outside); null if nothing. */
    public static String outside(String glob) {
        return glob.startsWith("/") || GOES_UP.matcher(glob).find()
                ? "files: glob '" + glob + "' reaches outside the flow folder" : null;
    }

    /** Whether {@code path} (relative to the folder) goes up or starts at the root rather than staying inside. */
    public static boolean leaves(String path) {
        return outside(path) != null;
    }

    /**
     * Whether {@code command} (an interpreter) is a path relative to the flow folder, which a step finds in its
     * working folder: it holds a {@code /} and does not start with one.
     */
    public static boolean isFolderPath(String command) {
        return command.contains("/") && !command.startsWith("/");
    }

    /** The paths of {@code paths} that {@code glob} matches, in their order. */
    public static List<String> matching(String glob, List<String> paths) {
        PathMatcher matcher = matcher(glob);
        return paths.stream().filter(p -> matcher.matches(Path.of(p))).toList();
    }

    /**
     * The files of {@code code} that {@code step} uses: those its {@code files:} globs match, or every one when it
     * names none. Cheap to call once per distinct glob list; callers that meet many steps keep the answer by list.
     */
    public static List<FlowFile> usedBy(StepDef step, List<FlowFile> code) {
        return select(code, step.files());
    }

    /** The files of {@code code} that any of {@code globs} matches, in their order; all of them for no globs. */
    public static List<FlowFile> select(List<FlowFile> code, List<String> globs) {
        if (globs.isEmpty() || code.isEmpty()) {
            return code;
        }
        List<PathMatcher> matchers = new ArrayList<>(globs.size());
        globs.forEach(glob -> matchers.add(matcher(glob)));
        List<FlowFile> chosen = new ArrayList<>();
        for (FlowFile file : code) {
            Path path = Path.of(file.path());
            if (matchers.stream().anyMatch(m -> m.matches(path))) {
                chosen.add(file);
            }
        }
        return List.copyOf(chosen);
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
}

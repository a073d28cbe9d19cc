package dev.reprise.server;

import dev.reprise.flow.Problem;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the workspace folder's absolute path in error messages as {@code <workspace>}, so that an answer
 * to a client says which file of the workspace a problem concerns without telling where the server keeps
 * it. Messages built deep in the store or the engine name files in full, which is right in a log or on the
 * command line of the machine itself. Immutable, thread-safe.
 */
final class PathScrubber {

    static final String PLACEHOLDER = "<workspace>";

    /** The spellings of the folder's path, longest first, so that none replaces part of a longer one. */
    private final List<String> spellings;

    PathScrubber(String location) {
        Set<String> found = new LinkedHashSet<>();
        try {
            Path folder = Path.of(location);
            if (folder.isAbsolute()) {
                found.add(folder.toString());
            }
            found.add(folder.toAbsolutePath().normalize().toString());
            try {
                found.add(folder.toRealPath().toString());
            } catch (IOException e) {
                // a folder that cannot be resolved has no other spelling
            }
        } catch (InvalidPathException e) {
            // not a local folder: nothing of it to hide
        }
        found.removeIf(spelling -> spelling.length() < 2);
        this.spellings = found.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String scrub(String message) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (String spelling : spellings) {
            out = out.replace(spelling, PLACEHOLDER);
        }
        return out;
    }

    ApiError scrub(ApiError error) {
        List<Problem> problems = error.problems().stream()
                .map(p -> new Problem(p.pos(), scrub(p.message())))
                .toList();
        return new ApiError(scrub(error.error()), problems);
    }
}

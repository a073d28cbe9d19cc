package dev.reprise.run;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** One page of a run listing; {@code nextCursor} is null on the last page. */
public record RunPage(List<Run> runs, @Nullable String nextCursor) {

    public RunPage {
        runs = List.copyOf(runs);
    }
}

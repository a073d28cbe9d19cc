package dev.reprise.run;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * What replaying several runs at once did, or would do ({@code dryRun}): one item per run selected, in the
 * order they were named (then the query's, newest first), each with its own plan and either the replay
 * started or the reason it was refused. A refused run does not stop the others.
 */
public record BulkReplay(boolean dryRun, List<Item> items) {

    public BulkReplay {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * One run of the selection.
     *
     * @param reference how the run was named (its id when the query found it)
     * @param runId     the run found; null when the reference names none
     * @param flowId    its flow; null when no run was found
     * @param state     its state; null when no run was found
     * @param scope     the scope it is replayed with; null when no run was found
     * @param plan      its plan; null when it was refused before planning (not found, not ended)
     * @param replay    the replay started; null on a dry run or when refused
     * @param refusal   why it is not replayed; null when it is (or would be, on a dry run)
     */
    public record Item(String reference, @Nullable String runId, @Nullable String flowId, @Nullable RunState state,
                       @Nullable ReplayScope scope, @Nullable ReplayPlan plan, @Nullable Run replay,
                       @Nullable String refusal) {

        /** A run refused before it was planned. */
        public static Item refused(String reference, @Nullable Run run, String why) {
            return new Item(reference, run == null ? null : run.id(), run == null ? null : run.flowId(),
                    run == null ? null : run.state(), null, null, null, why);
        }

        @JsonIgnore
        public boolean isRefused() {
            return refusal != null;
        }
    }

    /** The items not refused: replays started, or on a dry run that would start. */
    @JsonIgnore
    public List<Item> accepted() {
        return items.stream().filter(i -> !i.isRefused()).toList();
    }

    /** The items refused, each with its reason. */
    @JsonIgnore
    public List<Item> refused() {
        return items.stream().filter(Item::isRefused).toList();
    }
}

package dev.reprise.engine;

import dev.reprise.run.ResumeRule;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.StepRun;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Joins a catch-up read from the store with the live stream of a run, so that a subscriber resuming after
 * sequence number n gets the latest state of everything that changed after n, without duplicates. Live
 * events that arrive during the catch-up are held back and merged with it in sequence order; an event is
 * delivered only if it is newer than what was already delivered for the same run or step, because the
 * store read may already contain changes whose events are still on their way. Thread-safe.
 */
final class ResumingListener implements Consumer<RunEvent> {

    private final Consumer<RunEvent> target;
    private final ResumeRule rule;
    private final List<RunEvent> held = new ArrayList<>();
    private boolean live;

    ResumingListener(Consumer<RunEvent> target, long afterSeq) {
        this.target = target;
        this.rule = new ResumeRule(afterSeq);
    }

    @Override
    public synchronized void accept(RunEvent event) {
        if (live) {
            deliver(event);
        } else {
            held.add(event);
        }
    }

    /** Delivers the stored state newer than the resume point merged with what was held back, then goes live. */
    synchronized void catchUp(Run run, List<StepRun> changedSteps, Instant now) {
        List<RunEvent> events = new ArrayList<>(held);
        if (run != null) {
            events.add(new RunEvent.RunChanged(run, now));
        }
        changedSteps.forEach(s -> events.add(new RunEvent.StepChanged(s, now)));
        events.sort(Comparator.comparingLong(RunEvent::seq));
        held.clear();
        live = true;
        events.forEach(this::deliver);
    }

    private void deliver(RunEvent event) {
        if (rule.admit(event)) {
            target.accept(event);
        }
    }
}

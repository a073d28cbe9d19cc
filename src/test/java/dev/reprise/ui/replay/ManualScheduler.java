package dev.reprise.ui.replay;

import dev.reprise.ui.common.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler whose delays end when the test says so ({@link #fire()}); cancelled actions never run. */
final class ManualScheduler implements Scheduler {

    private final List<Runnable> waiting = new ArrayList<>();
    private int scheduled;

    @Override
    public Runnable schedule(Duration delay, Runnable action) {
        scheduled++;
        Runnable[] self = new Runnable[1];
        self[0] = action;
        waiting.add(action);
        return () -> waiting.remove(self[0]);
    }

    /** Runs every action whose delay has not been cancelled. */
    void fire() {
        List<Runnable> now = new ArrayList<>(waiting);
        waiting.clear();
        now.forEach(Runnable::run);
    }

    int waiting() {
        return waiting.size();
    }

    int scheduled() {
        return scheduled;
    }
}

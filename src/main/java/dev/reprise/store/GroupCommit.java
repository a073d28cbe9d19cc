package dev.reprise.store;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for a store whose transactions commit in memory and reach the file later (H2's MVStore):
 * each commit takes a position, and {@link #awaitDurable} returns once a flush that began after that position
 * was taken has returned. The first thread that waits while no flush is going on flushes for every commit made
 * so far; threads that wait meanwhile sleep until a flush covers them, so the transitions of all runs
 * committed while one flush runs share the next one. Positions only grow and a flush covers every commit
 * before it, so what a crash can lose is always a suffix of the commits no one has been told of.
 * Thread-safe.
 */
final class GroupCommit {

    /** Writes everything committed so far to the file and forces it to the device. */
    @FunctionalInterface
    interface Flush {
        void run();
    }

    private final Flush flush;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    /** The position of the last commit made. */
    private long committed;
    /** Every commit up to this position is durable. */
    private long durable;
    private boolean flushing;
    private long flushes;
    private long flushNanos;

    GroupCommit(Flush flush) {
        this.flush = flush;
    }

    /** Call after a transaction has committed: returns its position, to pass to {@link #awaitDurable}. */
    long committed() {
        lock.lock();
        try {
            return ++committed;
        } finally {
            lock.unlock();
        }
    }

    /** The position of the newest commit, whose durability covers everything a reader can see now. */
    long position() {
        lock.lock();
        try {
            return committed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once every commit up to {@code position} is durable, flushing if no flush under way covers it.
     *
     * @throws StoreException if the flush fails (the next waiter tries again)
     */
    void awaitDurable(long position) {
        lock.lock();
        try {
            while (durable < position) {
                if (flushing) {
                    flushed.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                long target = committed;
                lock.unlock();
                boolean done = false;
                long start = System.nanoTime();
                try {
                    flush.run();
                    done = true;
                } finally {
                    lock.lock();
                    flushing = false;
                    if (done) {
                        durable = Math.max(durable, target);
                        flushes++;
                        flushNanos += System.nanoTime() - start;
                    }
                    flushed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until everything committed so far is durable. */
    void awaitAll() {
        awaitDurable(position());
    }

    /** How many flushes have run, and how many commits they covered. */
    Stats stats() {
        lock.lock();
        try {
            return new Stats(committed, flushes, flushNanos);
        } finally {
            lock.unlock();
        }
    }

    /** Commits made, flushes run and the time spent flushing since the store opened. */
    record Stats(long commits, long flushes, long flushNanos) {
    }
}

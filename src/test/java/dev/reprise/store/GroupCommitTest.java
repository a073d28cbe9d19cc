package dev.reprise.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    @Test
    void oneFlushCoversEveryCommitMadeBeforeIt() {
        AtomicInteger flushes = new AtomicInteger();
        GroupCommit group = new GroupCommit(flushes::incrementAndGet);
        group.committed();
        group.committed();
        long third = group.committed();

        group.awaitDurable(third);
        group.awaitDurable(1);
        group.awaitAll();

        assertThat(flushes).hasValue(1);
        assertThat(group.stats().flushes()).isEqualTo(1);
        assertThat(group.stats().commits()).isEqualTo(3);
    }

    @Test
    void aCommitMadeWhileAFlushRunsWaitsForTheNextFlush() throws Exception {
        FirstFlushHeld held = new FirstFlushHeld();
        GroupCommit group = held.group;
        AtomicInteger flushes = held.flushes;
        CompletableFuture<Void> leader = held.startFirstFlush();

        long late = group.committed(); // not in the flush under way
        CompletableFuture<Void> follower = CompletableFuture.runAsync(() -> group.awaitDurable(late));
        Thread.sleep(100);
        assertThat(follower).as("a commit after the flush began is not covered by it").isNotDone();

        held.release.countDown();
        leader.get(10, TimeUnit.SECONDS);
        follower.get(10, TimeUnit.SECONDS);
        assertThat(flushes).hasValue(2);
    }

    @Test
    void commitsWaitingDuringAFlushShareTheNextOne() throws Exception {
        FirstFlushHeld held = new FirstFlushHeld();
        GroupCommit group = held.group;
        AtomicInteger flushes = held.flushes;
        CompletableFuture<Void> leader = held.startFirstFlush();
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long position = group.committed();
            waiting.add(CompletableFuture.runAsync(() -> group.awaitDurable(position), runnable -> {
                Thread thread = new Thread(runnable);
                thread.start();
            }));
        }
        Thread.sleep(100);
        assertThat(waiting).as("no commit made during the flush is covered by it").noneMatch(CompletableFuture::isDone);

        held.release.countDown();
        leader.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(flushes).as("eight commits made during one flush share the next").hasValue(2);
    }

    @Test
    void aFailedFlushIsReportedAndTheNextWaiterFlushesAgain() {
        AtomicInteger attempts = new AtomicInteger();
        GroupCommit group = new GroupCommit(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new StoreException("disk full", null);
            }
        });
        long position = group.committed();

        assertThatThrownBy(() -> group.awaitDurable(position)).isInstanceOf(StoreException.class)
                .hasMessageContaining("disk full");
        assertThat(group.stats().flushes()).isZero();

        group.awaitDurable(position);
        assertThat(attempts).hasValue(2);
        assertThat(group.stats().flushes()).isEqualTo(1);
    }

    /** A group commit whose first flush, started by a commit of its own, waits until released. */
    private static final class FirstFlushHeld {
        final CountDownLatch flushing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger flushes = new AtomicInteger();
        final GroupCommit group = new GroupCommit(() -> {
            if (flushes.incrementAndGet() == 1) {
                flushing.countDown();
                awaitQuietly(release);
            }
        });

        CompletableFuture<Void> startFirstFlush() throws InterruptedException {
            long first = group.committed();
            CompletableFuture<Void> leader = CompletableFuture.runAsync(() -> group.awaitDurable(first));
            assertThat(flushing.await(10, TimeUnit.SECONDS)).isTrue();
            return leader;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

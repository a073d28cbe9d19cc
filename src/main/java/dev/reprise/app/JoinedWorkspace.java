package dev.reprise.app;

import dev.reprise.run.RunEvent;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A command's workspace joined through the process that holds it, which goes on when that holder ends: the
 * command then takes the workspace over (recording the runs the holder left going as INTERRUPTED) or joins
 * whoever did (see {@link LocalHolding}), says so, sends its calls there, and moves its event subscriptions
 * there, resuming each after the last event it delivered, so that a command following a run hears how the run
 * ended instead of losing its connection. A call that fails because the holder has just gone is made again
 * on the next one. Thread-safe.
 */
final class JoinedWorkspace {

    /** How long a call that found no holder waits for the next one. */
    private static final Duration HANDOVER = Duration.ofSeconds(5);

    private final LocalHolding holding;
    private final Consumer<String> notice;
    private final List<Moving> subscriptions = new CopyOnWriteArrayList<>();

    private JoinedWorkspace(LocalHolding holding, Consumer<String> notice) {
        this.holding = holding;
        this.notice = notice;
        holding.onChange(words -> {
            notice.accept(words);
            Workspace now = holding.current();
            subscriptions.forEach(s -> s.move(now));
        });
    }

    /** The workspace joined through {@code joined}; closing it lets go of whatever it has become. */
    static Workspace of(LocalHolding holding, Consumer<String> notice) {
        JoinedWorkspace joined = new JoinedWorkspace(holding, notice);
        return (Workspace) Proxy.newProxyInstance(JoinedWorkspace.class.getClassLoader(),
                new Class<?>[] {Workspace.class}, (self, method, args) -> joined.invoke(self, method, args));
    }

    private Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            // the proxy is one object whoever holds the workspace: callers keep it in maps
            return switch (name) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "workspace " + holding.current().location();
            };
        }
        if (name.equals("close") && method.getParameterCount() == 0) {
            subscriptions.forEach(Moving::close);
            holding.closeAfterClientRuns(notice);
            return null;
        }
        if (name.equals("subscribe") && method.getParameterCount() == 3) {
            return subscribe((String) args[0], (Long) args[1], cast(args[2]));
        }
        if (name.equals("subscribeAll") && method.getParameterCount() == 1) {
            return subscribe(null, 0, cast(args[0]));
        }
        Workspace before = holding.current();
        try {
            return call(before, method, args);
        } catch (WorkspaceException e) {
            if (!holderGone(e)) {
                throw e;
            }
            Workspace after = nextHolder(before);
            if (after == before) {
                throw e;
            }
            return call(after, method, args);
        }
    }

    /**
     * The workspace once the holder that stopped answering has gone and another process (or this one) holds it;
     * {@code before} if that does not happen within {@link #HANDOVER}. A killed process stops answering a moment
     * before it is seen to have ended.
     */
    private Workspace nextHolder(Workspace before) throws InterruptedException {
        long deadline = System.nanoTime() + HANDOVER.toNanos();
        while (true) {
            holding.checkHolder();
            Workspace now = holding.current();
            if (now != before || System.nanoTime() > deadline) {
                return now;
            }
            Thread.sleep(100);
        }
    }

    private static Object call(Workspace workspace, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(workspace, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Whether a call failed for want of an answer from the holder (refused, reset, timed out), as when it has
     * gone, rather than with an answer.
     */
    private static boolean holderGone(WorkspaceException e) {
        return e.getCause() instanceof IOException;
    }

    @SuppressWarnings("unchecked")
    private static Consumer<RunEvent> cast(Object listener) {
        return (Consumer<RunEvent>) listener;
    }

    private Subscription subscribe(String runId, long afterSeq, Consumer<RunEvent> listener)
            throws InterruptedException {
        Moving moving = new Moving(runId, afterSeq, listener);
        subscriptions.add(moving);
        Workspace before = holding.current();
        try {
            moving.move(before);
        } catch (WorkspaceException e) {
            Workspace after = holderGone(e) ? nextHolder(before) : before;
            if (after == before) {
                subscriptions.remove(moving);
                throw e;
            }
            moving.move(after); // a move the handover made meanwhile is made again, from where it got to
        }
        return () -> {
            subscriptions.remove(moving);
            moving.close();
        };
    }

    /**
     * A subscription that follows the workspace from holder to holder, resuming where it was. Its lock is never
     * held while a subscription is opened or closed, nor while an event is delivered: an event stream delivers
     * under its own lock, and closing one takes that lock.
     */
    private static final class Moving {
        private final String runId;
        private final Consumer<RunEvent> listener;
        private final AtomicLong highest;
        private final Consumer<RunEvent> counting;
        private Subscription inner;
        private boolean closed;

        Moving(String runId, long afterSeq, Consumer<RunEvent> listener) {
            this.runId = runId;
            this.highest = new AtomicLong(afterSeq);
            this.listener = listener;
            this.counting = event -> {
                highest.accumulateAndGet(event.seq(), Math::max);
                this.listener.accept(event);
            };
        }

        void move(Workspace to) {
            Subscription old;
            synchronized (this) {
                if (closed) {
                    return;
                }
                old = inner;
                inner = null;
            }
            if (old != null) {
                old.close();
            }
            Subscription fresh = runId == null ? to.subscribeAll(counting) : to.subscribe(runId, highest.get(), counting);
            Subscription extra;
            synchronized (this) {
                if (closed) {
                    extra = fresh;
                } else {
                    extra = inner; // a move made meanwhile: this one is the newer
                    inner = fresh;
                }
            }
            if (extra != null) {
                extra.close();
            }
        }

        void close() {
            Subscription old;
            synchronized (this) {
                closed = true;
                old = inner;
                inner = null;
            }
            if (old != null) {
                old.close();
            }
        }
    }
}

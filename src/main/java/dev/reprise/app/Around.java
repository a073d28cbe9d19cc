package dev.reprise.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A decorator of the composition root: an object seen through some of its interfaces, each call passed to
 * {@link #invoke} with the way on to the object itself, so that a call or two can be watched or answered
 * differently (a workspace that records the runs it starts, says another location, or does more on close)
 * without a class that forwards every other method by hand.
 */
@FunctionalInterface
interface Around {

    /** What the object does for {@code method}: the call as it would be made, or not made at all. */
    interface Proceed {
        Object call() throws Throwable;
    }

    Object invoke(Method method, Object[] args, Proceed proceed) throws Throwable;

    /** {@code target} as {@code type} (and every other interface of {@code target}'s class), its calls through {@code around}. */
    static <T> T wrap(T target, Class<T> type, Around around) {
        Object proxy = Proxy.newProxyInstance(Around.class.getClassLoader(), target.getClass().getInterfaces(),
                (self, method, args) -> around.invoke(method, args, () -> {
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
        return type.cast(proxy);
    }
}

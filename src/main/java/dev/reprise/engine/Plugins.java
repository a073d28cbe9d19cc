package dev.reprise.engine;

import dev.reprise.engine.spi.StepHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds {@link StepHandler}s with {@link ServiceLoader}: those on the application's class path and those
 * in the jars of a plugins folder (each jar lists its handlers in
 * {@code META-INF/services/dev.reprise.engine.spi.StepHandler}).
 */
public final class Plugins {

    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    private Plugins() {
    }

    /** The handlers of the class path plus those of {@code pluginsDir}'s jars (if the folder exists). */
    @SuppressWarnings("rawtypes")
    public static List<StepHandler<?>> load(Path pluginsDir) {
        List<URL> jars = new ArrayList<>();
        if (pluginsDir != null && Files.isDirectory(pluginsDir)) {
            try (Stream<Path> files = Files.list(pluginsDir)) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(jar.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the plugins folder " + pluginsDir, e);
            }
        }
        ClassLoader parent = Plugins.class.getClassLoader();
        ClassLoader loader = jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
        List<StepHandler<?>> handlers = new ArrayList<>();
        for (StepHandler handler : ServiceLoader.load(StepHandler.class, loader)) {
            handlers.add(handler);
        }
        if (!jars.isEmpty()) {
            LOG.info("loaded {} plugin jar(s) from {}", jars.size(), pluginsDir);
        }
        return handlers;
    }
}

package org.mhhs.backbone.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of the clone the tests run in, for the tests that read the repository itself (README, sources, docs,
 * deploy files). Maven runs a module's tests in the module's folder; the clone's root is the nearest folder up that
 * holds {@code .mvn} and the root {@code pom.xml}, as Maven finds it.
 */
public final class Repository {

    private static final Path ROOT = findRoot();

    private Repository() {}

    public static Path root() {
        return ROOT;
    }

    /** The Java sources (main and test) under a folder of the clone, in path order, build output left out. */
    public static List<Path> javaFiles(Path underRoot) {
        Path dir = ROOT.resolve(underRoot).normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no folder " + dir);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/"))
                    .filter(file -> !file.toString().contains("/target/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(ROOT.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (.mvn and pom.xml) above " + start);
    }
}

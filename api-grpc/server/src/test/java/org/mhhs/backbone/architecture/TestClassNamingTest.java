package org.mhhs.backbone.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.testing.Repository;

/**
 * One name for a test class across the repository: {@code <What>Test} (property tests {@code <What>PropertyTest}),
 * {@code <What>IT} for the image test the build runs after packaging, {@code <What>Benchmark} for the benchmarks run
 * on request. The build runs exactly the classes named {@code *Test}, so a test under another name would never run.
 */
class TestClassNamingTest {

    private static final Pattern RUNS_TESTS = Pattern.compile("@(Test|Property|ArchTest|ParameterizedTest)\\b");
    private static final List<String> SUFFIXES = List.of("Test", "IT", "Benchmark");

    @Test
    void everyClassWithTestsIsNamedAfterItsKindAndEveryTestClassHasTests() {
        List<Path> sources = Repository.javaFiles(Path.of(".")).stream()
                .filter(file -> file.toString().contains("/src/test/java/"))
                .toList();
        assertThat(sources).as("test sources").hasSizeGreaterThan(50);

        List<String> misnamed = sources.stream()
                .filter(file -> RUNS_TESTS.matcher(read(file)).find())
                .map(TestClassNamingTest::className)
                .filter(name -> SUFFIXES.stream().noneMatch(name::endsWith))
                .toList();
        List<String> empty = sources.stream()
                .filter(file -> className(file).endsWith("Test"))
                .filter(file -> !read(file).contains("@interface " + className(file)))
                .filter(file -> !RUNS_TESTS.matcher(read(file)).find())
                .map(TestClassNamingTest::className)
                .toList();

        assertThat(misnamed)
                .as("classes with tests not named *Test, *IT or *Benchmark: the build would not run them")
                .isEmpty();
        assertThat(empty)
                .as("classes (not annotations) named *Test without a test")
                .isEmpty();
    }

    private static String className(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }

    private static String read(Path file) {
        return Repository.read(file);
    }
}

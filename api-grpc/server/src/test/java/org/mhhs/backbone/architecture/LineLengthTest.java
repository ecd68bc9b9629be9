package org.mhhs.backbone.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.testing.Repository;

/**
 * No line of Java over 120 characters. The formatter keeps code within that, but not comments, string literals or
 * what follows a text block; this holds them to it too.
 */
class LineLengthTest {

    static final int MAX = 120;

    @Test
    void noJavaLineIsLongerThan120Characters() {
        List<Path> sources = Repository.javaFiles(Path.of("."));
        List<String> tooLong = new ArrayList<>();
        for (Path file : sources) {
            List<String> lines = Repository.read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                int length = lines.get(i).codePointCount(0, lines.get(i).length());
                if (length > MAX) {
                    tooLong.add(Repository.root().relativize(file) + ":" + (i + 1) + " (" + length + ")");
                }
            }
        }
        assertThat(sources).hasSizeGreaterThan(300);
        assertThat(tooLong).as("lines over %d characters", MAX).isEmpty();
    }
}

package org.mhhs.bench.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The figures of a run: printed as lines for people as they are measured, and written as one JSON document. */
final class Report {

    private final Map<String, Object> document = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> summary = new ArrayList<>();

    Report(Options options) {
        document.put("scenario", options.scenario());
        document.put("started_at", Instant.now().toString());
        document.put("seed", options.seed());
        document.put("processors", Runtime.getRuntime().availableProcessors());
        document.put("figures", figures);
    }

    void parameter(String name, Object value) {
        document.put(name, value);
    }

    /** A figure under a dotted name, e.g. {@code ingest.submissions_per_second}. */
    void figure(String name, Object value) {
        figures.put(name, value instanceof Double d ? Math.round(d * 100) / 100.0 : value);
    }

    void say(String format, Object... arguments) {
        String line = String.format(format, arguments);
        summary.add(line);
        System.out.println(line);
        System.out.flush();
    }

    void write(Path file) {
        document.put("finished_at", Instant.now().toString());
        document.put("summary", summary);
        try {
            Files.writeString(
                    file,
                    JsonMapper.builder()
                                    .enable(SerializationFeature.INDENT_OUTPUT)
                                    .build()
                                    .writeValueAsString(document) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("figures written to " + file.toAbsolutePath());
    }
}

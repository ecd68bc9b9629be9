package org.mhhs.backbone.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mhhs.backbone.kernel.MarketRole;

/**
 * The hand-reviewed entitlement matrix of {@value #RESOURCE}: for each RPC the hub serves, the answer the access layer
 * owes each kind of caller. An oracle written apart from {@link Entitlements}, read from Markdown tables whose header
 * names the columns ({@code RPC} and every caller kind) and whose rows hold {@code allow}, {@code deny} or
 * {@code open}.
 */
final class ExpectedEntitlements {

    static final String RESOURCE = "expected-entitlements.md";
    static final String PATH = "api-grpc/server/src/test/resources/" + RESOURCE;
    static final String NO_ROLE = "NO_ROLE";

    enum Answer {
        /** The access layer lets the caller through to the service. */
        ALLOW,
        /** Refused before the service runs: PERMISSION_DENIED, RoleRequired. */
        DENY,
        /** Answered without any credentials (health checking, reflection). */
        OPEN;

        static Answer parse(String cell) {
            return switch (cell) {
                case "allow" -> ALLOW;
                case "deny" -> DENY;
                case "open" -> OPEN;
                default -> throw new IllegalArgumentException("'" + cell + "' is none of allow, deny, open");
            };
        }

        String cell() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The caller kinds, one column each: every role, then a participant holding none. */
    static List<String> callers() {
        return Stream.concat(Arrays.stream(MarketRole.values()).map(Enum::name), Stream.of(NO_ROLE))
                .toList();
    }

    private final Map<String, Map<String, Answer>> rows;

    private ExpectedEntitlements(Map<String, Map<String, Answer>> rows) {
        this.rows = rows;
    }

    static ExpectedEntitlements load() {
        try (InputStream in = ExpectedEntitlements.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PATH + " is not on the test classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExpectedEntitlements parse(String markdown) {
        Map<String, Map<String, Answer>> rows = new LinkedHashMap<>();
        List<String> header = null;
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(line);
            String where = PATH + ":" + (i + 1);
            if (header == null) {
                header = cells;
                List<String> missing = new ArrayList<>(callers());
                missing.removeAll(header);
                if (!header.getFirst().equals("RPC")
                        || !missing.isEmpty()
                        || header.size() != callers().size() + 1) {
                    throw new IllegalStateException(where + ": a table's header must be RPC and every caller kind "
                            + callers() + " once, but was " + header);
                }
            } else if (cells.stream().allMatch(cell -> cell.matches(":?-+:?"))) {
                continue;
            } else {
                if (cells.size() != header.size()) {
                    throw new IllegalStateException(
                            where + ": " + cells.size() + " cells under a header of " + header.size());
                }
                Map<String, Answer> answers = new LinkedHashMap<>();
                for (int c = 1; c < cells.size(); c++) {
                    try {
                        answers.put(header.get(c), Answer.parse(cells.get(c)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException(where + ", column " + header.get(c) + ": " + e.getMessage());
                    }
                }
                if (rows.put(cells.getFirst(), answers) != null) {
                    throw new IllegalStateException(where + ": a second line for " + cells.getFirst());
                }
            }
        }
        return new ExpectedEntitlements(rows);
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }

    /** Full gRPC method names, in the file's order. */
    List<String> rpcs() {
        return List.copyOf(rows.keySet());
    }

    boolean lists(String fullMethodName) {
        return rows.containsKey(fullMethodName);
    }

    /** The answers of one RPC by caller kind; empty when the file has no line for it. */
    Map<String, Answer> of(String fullMethodName) {
        return Collections.unmodifiableMap(rows.getOrDefault(fullMethodName, Map.of()));
    }

    /** A line to paste into the file for an RPC it lacks, every caller {@code deny}, for the reviewer to decide. */
    static String lineToAdd(String fullMethodName) {
        return "| " + fullMethodName + " | "
                + callers().stream().map(caller -> "deny").collect(Collectors.joining(" | ")) + " |";
    }
}

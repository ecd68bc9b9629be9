package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.testing.Repository;

/**
 * Every error reason the hub can give is produced by at least one test through gRPC. The reasons are read from the
 * sources: the README's "Errors" table, the {@code RULE} of every rule type of the bounded contexts, and every reason
 * the gRPC layer, the access checks and the hub's operations pass to a refusal ({@code RuleViolation.*},
 * {@code refuse}, {@code status}, {@code Refused}, {@code OutOfRange}). A reason counts as produced when a test of
 * this module that talks to the hub over gRPC names it: its literal or the constant that holds it (e.g.
 * {@code EachPeriodOnce.RULE}).
 */
class ReasonCoverageTest {

    /** Reasons no test can produce through gRPC by design, each with why. Keep it short. */
    static final Map<String, String> NOT_PRODUCIBLE = Map.of(
            // GrpcErrors' answer to what nobody foresaw: a test that provokes it has found a bug
            "Internal", "a fault of the hub, not a rule",
            // the gRPC layer reads every name with RequestFields.text(name, 100, required): a blank or longer name is
            // refused there first, as InvalidArgument with a field violation; the aggregates check it again
            "ParticipantName", "the request's field check refuses first",
            "GspGroupName", "the request's field check refuses first",
            "BankHolidayName", "the request's field check refuses first",
            // StartSettlementRun always asks as the operator, and the scheduler starts SF to RF only (fixture-tested)
            "DfOnlyOnOperatorRequest", "no non-operator DF request reaches the aggregate",
            // a data service is appointed only by the supplier in force on its first day, and a supplier's period
            // ends only when the next one's starts, so OnlyTheAppointedDataServiceMaySubmit refuses first
            // (fixture-tested in metering's ResponsibilityRulesTest)
            "SupplierInForceOnDay", "registration never has a data service without a supplier");

    private static final Path ROOT = Repository.root();
    private static final List<String> BOUNDED_CONTEXTS =
            List.of("isd", "registration", "metering", "settlement", "disputes", "notification");
    private static final List<String> HUB_LAYERS = List.of("grpc", "access", "hub");
    private static final Path HUB_MAIN = Path.of("api-grpc/server/src/main/java/org/mhhs/backbone");
    private static final Path HUB_TESTS = Path.of("api-grpc/server/src/test/java");

    /** A reason-like word: upper camel case, with at least one lower-case letter (no status code, no field). */
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*");

    private static final Pattern RULE_CONSTANT = Pattern.compile("static final String RULE\\s*=\\s*\"(\\w+)\"");
    private static final Pattern STRING_CONSTANT = Pattern.compile("static final String (\\w+)\\s*=\\s*\"(\\w+)\"");
    private static final String ARGUMENT = "(\"\\w+\"|[A-Za-z_][\\w.]*+(?!\\s*\\())";

    /** The argument that is the reason, in every way the hub's code refuses a call. */
    private static final List<Pattern> REASON_ARGUMENTS = Stream.of(
                    "RuleViolation\\.(?:invalid|alreadyExists|notFound|precondition|forbidden)\\(\\s*" + ARGUMENT,
                    "new RuleViolation\\(\\s*[\\w.]+\\s*,\\s*" + ARGUMENT,
                    "new (?:Refused|OutOfRange)\\(\\s*" + ARGUMENT,
                    "new Unauthenticated\\(\\s*[^,]+,\\s*" + ARGUMENT,
                    "refuse\\(\\s*\\w+\\s*,\\s*[\\w.]+\\s*,\\s*" + ARGUMENT,
                    "status\\(\\s*Status\\.Code\\.\\w+\\s*,\\s*" + ARGUMENT)
            .map(Pattern::compile)
            .toList();

    /** Where a reason is defined: file and line, relative to the repository root. */
    record Definition(String reason, String where) {}

    @Test
    void everyReasonTheHubCanGiveIsProducedByATestThroughGrpc() {
        List<Definition> defined = definedReasons();
        Set<String> asserted = reasonsNamedByGrpcTests();

        Map<String, List<String>> missing = new TreeMap<>();
        for (Definition definition : defined) {
            if (!asserted.contains(definition.reason()) && !NOT_PRODUCIBLE.containsKey(definition.reason())) {
                List<String> where = missing.computeIfAbsent(definition.reason(), r -> new ArrayList<>());
                String file = definition.where().substring(0, definition.where().lastIndexOf(':'));
                if (where.stream().noneMatch(w -> w.startsWith(file + ":"))) {
                    where.add(definition.where());
                }
            }
        }

        assertThat(defined.stream().map(Definition::reason).distinct())
                .as("the scan finds the reasons")
                .contains("RoleRequired", "EachPeriodOnce", "CertificateNotYetValid", "MalformedRequest");
        assertThat(missing)
                .withFailMessage(() -> "reasons no test under " + HUB_TESTS + " produces through gRPC (assert the"
                        + " reason there, or allow-list it in " + getClass().getSimpleName() + " with why):\n"
                        + missing.entrySet().stream()
                                .map(e -> "  " + e.getKey() + "  (" + String.join(", ", e.getValue()) + ")")
                                .collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Test
    void theAllowListNamesOnlyReasonsTheHubCanGiveThatNoTestProduces() {
        Set<String> defined = definedReasons().stream().map(Definition::reason).collect(Collectors.toSet());
        Set<String> asserted = reasonsNamedByGrpcTests();

        assertThat(NOT_PRODUCIBLE.keySet()).allSatisfy(reason -> {
            assertThat(defined).as("allow-listed reasons the hub gives").contains(reason);
            assertThat(asserted)
                    .as("allow-listed reasons a test produces after all")
                    .doesNotContain(reason);
        });
    }

    @Test
    void aTestMayNameAReasonByTheConstantThatHoldsIt() {
        assertThat(reasonConstants())
                .containsEntry("EachPeriodOnce.RULE", "EachPeriodOnce")
                .containsEntry("MalformedRequests.REASON", "MalformedRequest")
                .containsEntry("DataEntitlement.RULE", "NotEntitledToTheData");
    }

    static List<Definition> definedReasons() {
        List<Definition> defined = new ArrayList<>(readmeReasons());
        for (String context : BOUNDED_CONTEXTS) {
            for (Path file : javaFiles(Path.of(context, "src/main/java"))) {
                defined.addAll(matches(file, RULE_CONSTANT));
                defined.addAll(reasonArguments(file));
            }
        }
        for (String layer : HUB_LAYERS) {
            for (Path file : javaFiles(HUB_MAIN.resolve(layer))) {
                defined.addAll(reasonArguments(file));
            }
        }
        return defined;
    }

    /** The reasons in the rows of the README's "### Errors" table, bar the RPCs and detail types a row names. */
    static List<Definition> readmeReasons() {
        Set<String> rpcs = rpcNames();
        List<String> lines = lines(Path.of("README.md"));
        int start = lines.indexOf("### Errors");
        assertThat(start).as("README.md has a section '### Errors'").isNotNegative();
        List<Definition> reasons = new ArrayList<>();
        Pattern quoted = Pattern.compile("`([^`]+)`");
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            if (!lines.get(i).startsWith("|")) {
                continue;
            }
            Matcher word = quoted.matcher(lines.get(i));
            while (word.find()) {
                if (REASON.matcher(word.group(1)).matches()
                        && !rpcs.contains(word.group(1))
                        && !isErrorDetailType(word.group(1))) {
                    reasons.add(new Definition(word.group(1), "README.md:" + (i + 1)));
                }
            }
        }
        assertThat(reasons).as("reasons in README.md's Errors table").isNotEmpty();
        return reasons;
    }

    /** {@code ErrorInfo}, {@code BadRequest}, ...: the google.rpc detail messages the table names. */
    private static boolean isErrorDetailType(String word) {
        try {
            Class.forName("com.google.rpc." + word, false, ReasonCoverageTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The reasons a test that talks gRPC to the hub names: a string literal that is the reason (or, as in
     * {@code code + "/CertificateExpired"}, the reason after a separator), or the constant that holds it.
     */
    static Set<String> reasonsNamedByGrpcTests() {
        Map<String, String> constants = reasonConstants();
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\\n]|\\\\.)*)\"");
        Pattern word = Pattern.compile("[^A-Za-z0-9]*(" + REASON.pattern() + ")");
        Pattern reference = Pattern.compile("\\b([A-Z]\\w*\\.[A-Z][A-Z_]*)\\b");
        Set<String> named = new TreeSet<>();
        for (Path file : javaFiles(HUB_TESTS)) {
            String source = read(file);
            if (!talksGrpc(file, source)) {
                continue;
            }
            literal.matcher(source)
                    .results()
                    .map(m -> word.matcher(m.group(1)))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .forEach(named::add);
            reference
                    .matcher(source)
                    .results()
                    .map(m -> constants.get(m.group(1)))
                    .filter(r -> r != null)
                    .forEach(named::add);
        }
        return named;
    }

    /** A test of the hub over gRPC: it uses a generated stub or the test support's hub client, and is no fixture. */
    private static boolean talksGrpc(Path file, String source) {
        String path = file.toString().replace('\\', '/');
        return !path.contains("/archfixture/")
                && !path.contains("/architecture/")
                && !path.endsWith("/" + ReasonCoverageTest.class.getSimpleName() + ".java")
                && (source.contains("import org.mhhs.backbone.grpc.v1.") || source.contains("HubClient"));
    }

    /** {@code Type.CONSTANT} of every main source's {@code static final String CONSTANT = "Reason"}. */
    private static Map<String, String> reasonConstants() {
        Map<String, String> constants = new TreeMap<>();
        List<Path> main = new ArrayList<>();
        for (String context : BOUNDED_CONTEXTS) {
            main.addAll(javaFiles(Path.of(context, "src/main/java")));
        }
        main.addAll(javaFiles(HUB_MAIN));
        for (Path file : main) {
            String type = file.getFileName().toString().replace(".java", "");
            STRING_CONSTANT
                    .matcher(read(file))
                    .results()
                    .forEach(m -> constants.put(type + "." + m.group(1), m.group(2)));
        }
        return constants;
    }

    private static List<Definition> reasonArguments(Path file) {
        String source = read(file);
        List<Definition> reasons = new ArrayList<>();
        for (Pattern pattern : REASON_ARGUMENTS) {
            Matcher m = pattern.matcher(source);
            while (m.find()) {
                String argument = m.group(1);
                Optional<String> reason = argument.startsWith("\"")
                        ? Optional.of(argument.substring(1, argument.length() - 1))
                        : constant(file, source, argument);
                assertThat(reason)
                        .as("the reason %s at %s is a literal or a constant", argument, where(file, source, m.start(1)))
                        .isPresent();
                reasons.add(new Definition(reason.get(), where(file, source, m.start(1))));
            }
        }
        return reasons;
    }

    /** A constant of this file ({@code RULE}) or of another type of the hub ({@code EachPeriodOnce.RULE}). */
    private static Optional<String> constant(Path file, String source, String name) {
        String type = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : null;
        String field = name.substring(name.lastIndexOf('.') + 1);
        String declaring = type == null ? source : read(findType(file, type));
        Matcher m = Pattern.compile("static final String " + Pattern.quote(field) + "\\s*=\\s*\"(\\w+)\"")
                .matcher(declaring);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Path findType(Path from, String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1) + ".java";
        Path sibling = from.resolveSibling(simple);
        if (Files.exists(sibling)) {
            return sibling;
        }
        return javaFiles(Path.of(".")).stream()
                .filter(f -> f.getFileName().toString().equals(simple))
                .filter(f -> f.toString().contains("/src/main/"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no main type " + type + " (named in " + from + ")"));
    }

    private static List<Definition> matches(Path file, Pattern pattern) {
        String source = read(file);
        return pattern.matcher(source)
                .results()
                .map(m -> new Definition(m.group(1), where(file, source, m.start(1))))
                .toList();
    }

    private static Set<String> rpcNames() {
        Pattern rpc = Pattern.compile("^\\s*rpc\\s+(\\w+)\\s*\\(", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(ROOT.resolve("api-grpc/contract/src/main"))) {
            Set<String> names = files.filter(f -> f.toString().endsWith(".proto"))
                    .flatMap(f -> rpc.matcher(read(f)).results().map(m -> m.group(1)))
                    .collect(Collectors.toSet());
            assertThat(names).as("RPCs of the contract").contains("GetConsumption");
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Path file, String source, int offset) {
        long line = source.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        return ROOT.relativize(file.toAbsolutePath().normalize()) + ":" + line;
    }

    private static List<Path> javaFiles(Path underRoot) {
        return Repository.javaFiles(underRoot);
    }

    private static List<String> lines(Path underRoot) {
        return read(ROOT.resolve(underRoot)).lines().toList();
    }

    private static String read(Path file) {
        return Repository.read(file);
    }
}

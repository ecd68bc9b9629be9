package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.testing.Repository;

/** The README's "API entry points" table is the entitlement table, rendered: neither can change without the other. */
class EntitlementsReadmeTest {

    static final String SECTION = "### API entry points";

    @Test
    void theReadmeListsEveryRpcWithTheRolesItsEntitlementRowNames() throws IOException {
        String readme = Files.readString(readme());
        String table = markdownTable();

        assertThat(readme.contains(table))
                .withFailMessage(() -> mismatch(readme, table))
                .isTrue();
    }

    @Test
    void aMismatchPrintsTheWholeTableReadyToPasteAndTheRowsThatDiffer() {
        String table = markdownTable();
        String firstRow = table.lines().skip(2).findFirst().orElseThrow();
        String readme =
                "### API entry points\n\n" + table.replace(firstRow + "\n", "| `Old` | `Gone` | OPERATOR | none |\n");

        assertThat(mismatch(readme, table))
                .contains("README.md", "### API entry points")
                .contains(table)
                .contains("missing from README.md:\n" + firstRow)
                .contains("in README.md but not in Entitlements:\n| `Old` | `Gone` | OPERATOR | none |");
    }

    /** The failure: the whole table to paste in place of the README's, then the rows that differ either way. */
    static String mismatch(String readme, String table) {
        List<String> expected = table.lines().toList();
        List<String> present = readme.lines()
                .dropWhile(line -> !line.equals(SECTION))
                .skip(1)
                .dropWhile(line -> !line.startsWith("|"))
                .takeWhile(line -> line.startsWith("|"))
                .toList();
        String missing = expected.stream().filter(row -> !present.contains(row)).collect(Collectors.joining("\n"));
        String extra = present.stream().filter(row -> !expected.contains(row)).collect(Collectors.joining("\n"));
        return """
                README.md's table under '%s' does not match grpc/Entitlements.java. Replace the README's table \
                with this one (every row, rendered from Entitlements):

                %s
                rows missing from README.md:
                %s

                rows in README.md but not in Entitlements:
                %s
                """.formatted(
                        SECTION, table, missing.isEmpty() ? "(none)" : missing, extra.isEmpty() ? "(none)" : extra);
    }

    /** Consecutive rows of one service with the same entitlement share a line. */
    static String markdownTable() {
        record Line(String service, Entitlements.Entitlement entitlement, List<String> rpcs) {}
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, Entitlements.Entitlement> row :
                Entitlements.table().entrySet()) {
            String service = MethodDescriptor.extractFullServiceName(row.getKey());
            String rpc = MethodDescriptor.extractBareMethodName(row.getKey());
            Line last = lines.isEmpty() ? null : lines.getLast();
            if (last != null
                    && last.service().equals(service)
                    && last.entitlement().equals(row.getValue())) {
                last.rpcs().add(rpc);
            } else {
                lines.add(new Line(service, row.getValue(), new ArrayList<>(List.of(rpc))));
            }
        }
        StringBuilder table = new StringBuilder("""
                | service | RPC | roles (held today) | relation to the data (checked by the service) |
                |---|---|---|---|
                """);
        for (Line line : lines) {
            table.append("| `")
                    .append(line.service().substring(line.service().lastIndexOf('.') + 1))
                    .append("` | ")
                    .append(line.rpcs().stream().map(rpc -> "`" + rpc + "`").collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(roles(line.entitlement()))
                    .append(" | ")
                    .append(line.entitlement().relation())
                    .append(" |\n");
        }
        table.append("| `grpc.health.v1.Health`, server reflection | | no credentials | none |\n");
        return table.toString();
    }

    private static String roles(Entitlements.Entitlement entitlement) {
        if (entitlement.anyAuthenticated()) {
            return "any participant, also one with no role";
        }
        return EnumSet.copyOf(entitlement.roles()).stream()
                .map(MarketRole::name)
                .collect(Collectors.joining(", "));
    }

    private static Path readme() {
        return Repository.root().resolve("README.md");
    }
}

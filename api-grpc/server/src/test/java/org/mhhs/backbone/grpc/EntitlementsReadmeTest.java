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
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.MarketRole;

/** The README's "API entry points" table is the entitlement table, rendered: neither can change without the other. */
class EntitlementsReadmeTest {

    @Test
    void theReadmeListsEveryRpcWithTheRolesItsEntitlementRowNames() throws IOException {
        String readme = Files.readString(readme());

        assertThat(readme)
                .as("README.md must contain this table (paste it under 'API entry points')")
                .contains(markdownTable());
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
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        return Objects.requireNonNull(directory, "no project root above the working directory")
                .resolve("README.md");
    }
}

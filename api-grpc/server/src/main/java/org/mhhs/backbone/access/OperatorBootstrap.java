package org.mhhs.backbone.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.time.LocalDate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mhhs.backbone.isd.api.GrantRole;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.RegisterParticipant;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start of an empty hub, registers the central operator as a participant holding OPERATOR and writes
 * its bearer token, once, to a file only the hub's user can read. The token is never logged.
 */
@Component("bootstrap")
class OperatorBootstrap implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);
    private static final long BOOTSTRAP_LOCK = 0x4d484853_0001L;

    private final AccessProperties properties;
    private final BearerTokens tokens;
    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final IsdQueries isd;
    private volatile boolean operatorVisible;

    OperatorBootstrap(AccessProperties properties, BearerTokens tokens, CommandGateway commands, JdbcClient jdbc,
                      TransactionTemplate transaction, Clock clock, IsdQueries isd) {
        this.isd = isd;
        this.properties = properties;
        this.tokens = tokens;
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void bootstrapOnFirstStart() {
        if (!properties.bootstrapOnStart()) {
            operatorVisible = true;
            return;
        }
        ParticipantId bootstrapped = transaction.execute(status -> {
            // Several hub nodes may start at once on one database: the first to take the lock bootstraps.
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", BOOTSTRAP_LOCK).query(Object.class).single();
            boolean done = jdbc.sql("SELECT count(*) FROM access.bootstrap").query(Long.class).single() > 0;
            if (done) {
                return jdbc.sql("SELECT operator_id FROM access.bootstrap").query(String.class).optional()
                        .map(ParticipantId::of).orElseThrow();
            }
            ParticipantId operator = ParticipantId.of(properties.bootstrapOperatorId());
            LocalDate today = SettlementDate.today(clock).date();
            commands.sendAndWait(new RegisterParticipant(operator, properties.bootstrapOperatorName()));
            commands.sendAndWait(new GrantRole(operator, MarketRole.OPERATOR, EffectivePeriod.from(today)));
            BearerTokens.IssuedToken token = tokens.issue(operator, "created on first start", operator);
            jdbc.sql("INSERT INTO access.bootstrap (id, operator_id, done_at) VALUES (1, :operator, :now)")
                    .param("operator", operator.value())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            // Written inside the transaction: if the commit fails, the next start tries again and overwrites it.
            writeOwnerOnly(properties.operatorTokenFile(), token.secret());
            log.info("First start: registered operator {} and wrote its bearer token to {}", operator,
                    properties.operatorTokenFile().toAbsolutePath());
            return operator;
        });
        awaitOperatorInReadModel(bootstrapped);
    }

    /**
     * Until the ISD projection shows the operator's role, the operator's calls would be refused: the hub reports
     * itself not ready (gRPC health NOT_SERVING, readiness DOWN) until then.
     */
    private void awaitOperatorInReadModel(ParticipantId operator) {
        LocalDate today = SettlementDate.today(clock).date();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!isd.holdsRole(operator, MarketRole.OPERATOR, today)) {
            if (System.nanoTime() > deadline) {
                log.warn("Operator {} is still not visible in the ISD read model; is the isd processor running?",
                        operator);
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        operatorVisible = true;
    }

    @Override
    public Health health() {
        return operatorVisible
                ? Health.up().build()
                : Health.outOfService().withDetail("waiting-for", "the operator's role in the ISD read model").build();
    }

    private static void writeOwnerOnly(Path file, String secret) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".operator", ".token");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                log.warn("{} is not on a POSIX file system; restrict its permissions by hand", file);
            }
            Files.writeString(temporary, secret + System.lineSeparator(), StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the operator token to " + file, e);
        }
    }
}

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
import java.time.LocalDate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mhhs.backbone.isd.api.GrantRole;
import org.mhhs.backbone.isd.api.RegisterParticipant;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start of an empty hub, registers the central operator as a participant holding OPERATOR and writes
 * its bearer token, once, to a file only the hub's user can read. The token is never logged.
 */
@Component
class OperatorBootstrap {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);
    private static final long BOOTSTRAP_LOCK = 0x4d484853_0001L;

    private final AccessProperties properties;
    private final BearerTokens tokens;
    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OperatorBootstrap(AccessProperties properties, BearerTokens tokens, CommandGateway commands, JdbcClient jdbc,
                      TransactionTemplate transaction, Clock clock) {
        this.properties = properties;
        this.tokens = tokens;
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void bootstrapOnFirstStart() {
        transaction.executeWithoutResult(status -> {
            // Several hub nodes may start at once on one database: the first to take the lock bootstraps.
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", BOOTSTRAP_LOCK).query(Object.class).single();
            boolean done = jdbc.sql("SELECT count(*) FROM access.bootstrap").query(Long.class).single() > 0;
            if (done) {
                return;
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
        });
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

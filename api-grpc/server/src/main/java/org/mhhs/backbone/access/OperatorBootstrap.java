package org.mhhs.backbone.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
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
    private final SecurityProperties security;
    private final HubTls tls;
    private final ClientCertificates certificates;
    private final AuditTrail audit;
    private volatile boolean operatorVisible;

    OperatorBootstrap(
            AccessProperties properties,
            BearerTokens tokens,
            CommandGateway commands,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Clock clock,
            IsdQueries isd,
            SecurityProperties security,
            HubTls tls,
            ClientCertificates certificates,
            AuditTrail audit) {
        this.isd = isd;
        this.security = security;
        this.tls = tls;
        this.certificates = certificates;
        this.audit = audit;
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
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                    .param("key", BOOTSTRAP_LOCK)
                    .query(Object.class)
                    .single();
            boolean done = jdbc.sql("SELECT count(*) FROM access.bootstrap")
                            .query(Long.class)
                            .single()
                    > 0;
            if (done) {
                return jdbc.sql("SELECT operator_id FROM access.bootstrap")
                        .query(String.class)
                        .optional()
                        .map(ParticipantId::of)
                        .orElseThrow();
            }
            ParticipantId operator = ParticipantId.of(properties.bootstrapOperatorId());
            LocalDate today = SettlementDate.today(clock).date();
            commands.sendAndWait(new RegisterParticipant(operator, properties.bootstrapOperatorName()));
            commands.sendAndWait(new GrantRole(operator, MarketRole.OPERATOR, EffectivePeriod.from(today)));
            List<String> credentials = new ArrayList<>();
            if (security.bearerTokensAccepted()) {
                credentials.add(issueToken(operator));
            }
            if (tls.enabled()) {
                credentials.add(provideCertificate(operator));
            }
            jdbc.sql("INSERT INTO access.bootstrap (id, operator_id, done_at) VALUES (1, :operator, :now)")
                    .param("operator", operator.value())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            audit.record(
                    AuditTrail.Category.CREDENTIAL_CHANGE,
                    Optional.of(operator),
                    "none",
                    "",
                    "first start",
                    "OK",
                    "",
                    "the first operator " + operator + " and its " + String.join(", ", credentials));
            return operator;
        });
        awaitOperatorInReadModel(bootstrapped);
    }

    /** Writes the operator's bearer token (development mode). Written inside the bootstrap transaction. */
    private String issueToken(ParticipantId operator) {
        BearerTokens.IssuedToken token = tokens.issue(operator, "created on first start", operator);
        // Written inside the transaction: if the commit fails, the next start tries again and overwrites it.
        OwnerOnlyFiles.write(properties.operatorTokenFile(), token.secret() + System.lineSeparator());
        log.info(
                "First start: registered operator {} and wrote its bearer token to {}",
                operator,
                properties.operatorTokenFile().toAbsolutePath());
        return "bearer token " + token.tokenId();
    }

    /**
     * With mutual TLS: issues the operator a client certificate from the hub's CA (when the hub holds its key) and
     * writes it with its key; otherwise registers the certificate the operator put at the configured path.
     */
    private String provideCertificate(ParticipantId operator) {
        Optional<CertificateIssuer.Issued> authority = tls.clientCaWithKey();
        X509Certificate certificate;
        if (authority.isPresent()) {
            Instant now = HubTls.CERTIFICATE_CLOCK.instant();
            CertificateIssuer.Issued issued = CertificateIssuer.client(
                    authority.get(),
                    operator.value(),
                    now.minus(Duration.ofMinutes(5)),
                    now.plus(tls.properties().validity()));
            OwnerOnlyFiles.write(properties.operatorPrivateKeyFile(), issued.privateKeyPem());
            OwnerOnlyFiles.writePublic(properties.operatorCertificateFile(), issued.certificatePem());
            certificate = issued.certificate();
            log.info(
                    "First start: registered operator {} and wrote its client certificate and key to {} and {}",
                    operator,
                    properties.operatorCertificateFile().toAbsolutePath(),
                    properties.operatorPrivateKeyFile().toAbsolutePath());
        } else if (Files.isReadable(properties.operatorCertificateFile())) {
            try {
                certificate = HubTls.readCertificates(Files.readString(properties.operatorCertificateFile()))
                        .getFirst();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            certificates.validate(certificate, List.of(certificate)).ifPresent(refused -> {
                throw new IllegalStateException("the operator certificate " + properties.operatorCertificateFile()
                        + " is not acceptable: " + refused.message());
            });
            log.info(
                    "First start: registered operator {} with the certificate {}",
                    operator,
                    properties.operatorCertificateFile().toAbsolutePath());
        } else {
            throw new IllegalStateException("first start with mutual TLS: the hub does not hold its client CA's key ("
                    + "hub.tls.client-ca-private-key), so put the first operator's certificate, issued by that CA, at "
                    + properties.operatorCertificateFile());
        }
        certificates.register(operator, certificate, "created on first start", operator);
        return "client certificate " + ClientCertificates.fingerprint(certificate);
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
                log.warn(
                        "Operator {} is still not visible in the ISD read model; is the isd processor running?",
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
                : Health.outOfService()
                        .withDetail("waiting-for", "the operator's role in the ISD read model")
                        .build();
    }
}

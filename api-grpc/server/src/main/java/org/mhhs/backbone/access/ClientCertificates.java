package org.mhhs.backbone.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mhhs.backbone.kernel.ParticipantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Participant client certificates: the operator registers a certificate for a participant; a TLS connection that
 * presents it (and proves it holds its key, which TLS does) acts as that participant. The certificate must chain to
 * the hub's client CA and be valid at the moment of each call, by the system clock ({@link HubTls#CERTIFICATE_CLOCK}).
 * Only the SHA-256 fingerprint and descriptive fields are stored; revoking deletes the row.
 */
@Component
public class ClientCertificates {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final HubTls tls;
    private final Clock clock;

    ClientCertificates(JdbcClient jdbc, HubTls tls, Clock clock) {
        this.jdbc = jdbc;
        this.tls = tls;
        this.clock = clock;
    }

    public record CertificateInfo(
            String fingerprint,
            ParticipantId participantId,
            String subject,
            String serialNumber,
            Instant notBefore,
            Instant notAfter,
            String description,
            Instant registeredAt,
            ParticipantId registeredBy) {}

    /** The outcome of checking a presented certificate chain. */
    public sealed interface Check {}

    public record Accepted(ParticipantId participantId, String fingerprint, Instant notAfter) implements Check {

        public Credential.ClientCertificate credential() {
            return new Credential.ClientCertificate(participantId, fingerprint, notAfter);
        }
    }

    /** Refused, with the rule (the ErrorInfo reason) and a message for the caller. */
    public record Refused(String reason, String message) implements Check {}

    /** Checks the chain a TLS client presented (leaf first) and maps it to its participant. */
    public Check authenticate(X509Certificate[] chain) {
        X509Certificate leaf = chain[0];
        Optional<Refused> invalid = validate(leaf, Arrays.asList(chain));
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String fingerprint = fingerprint(leaf);
        return jdbc.sql("SELECT participant_id FROM access.client_certificate WHERE fingerprint_sha256 = :fingerprint")
                .param("fingerprint", HEX.parseHex(fingerprint))
                .query(String.class)
                .optional()
                .<Check>map(participant -> new Accepted(
                        ParticipantId.of(participant),
                        fingerprint,
                        leaf.getNotAfter().toInstant()))
                .orElseGet(() -> new Refused(
                        "CertificateNotRegistered",
                        "the client certificate " + fingerprint + " is not registered with the hub (or was revoked)"));
    }

    /**
     * Of the certificates that open calls were authenticated with, those the hub would refuse now, and why: expired
     * ({@code CertificateExpired}), or no longer registered to that participant ({@code CredentialRevoked}). One
     * query for them all.
     */
    public Map<Credential.ClientCertificate, Refused> refusedNow(Collection<Credential.ClientCertificate> presented) {
        Instant now = HubTls.CERTIFICATE_CLOCK.instant();
        Map<Credential.ClientCertificate, Refused> refused = new HashMap<>();
        List<Credential.ClientCertificate> unexpired = new ArrayList<>();
        for (Credential.ClientCertificate certificate : presented) {
            if (now.isAfter(certificate.notAfter())) {
                refused.put(
                        certificate,
                        new Refused(
                                "CertificateExpired",
                                "the client certificate " + certificate.fingerprint() + " expired at "
                                        + certificate.notAfter()));
            } else {
                unexpired.add(certificate);
            }
        }
        if (unexpired.isEmpty()) {
            return refused;
        }
        Map<String, ParticipantId> registered = new HashMap<>();
        jdbc.sql("""
                SELECT fingerprint_sha256, participant_id FROM access.client_certificate
                WHERE fingerprint_sha256 = ANY (
                    SELECT decode(f, 'hex') FROM unnest(CAST(:fingerprints AS text[])) f)""")
                .param(
                        "fingerprints",
                        unexpired.stream()
                                .map(Credential.ClientCertificate::fingerprint)
                                .distinct()
                                .toArray(String[]::new))
                .query((rs, row) -> Map.entry(HEX.formatHex(rs.getBytes(1)), ParticipantId.of(rs.getString(2))))
                .list()
                .forEach(entry -> registered.put(entry.getKey(), entry.getValue()));
        for (Credential.ClientCertificate certificate : unexpired) {
            if (!certificate.participantId().equals(registered.get(certificate.fingerprint()))) {
                refused.put(
                        certificate,
                        new Refused(
                                "CredentialRevoked",
                                "the client certificate " + certificate.fingerprint() + " was revoked"));
            }
        }
        return refused;
    }

    /**
     * Checks a certificate is one the hub would accept from a client now: issued by the client CA, within its
     * validity, meant for client authentication. Empty when it is.
     */
    public Optional<Refused> validate(X509Certificate leaf, List<X509Certificate> chain) {
        Date now = Date.from(HubTls.CERTIFICATE_CLOCK.instant());
        try {
            leaf.checkValidity(now);
        } catch (CertificateExpiredException e) {
            return Optional.of(new Refused(
                    "CertificateExpired",
                    "the client certificate expired at " + leaf.getNotAfter().toInstant()));
        } catch (CertificateNotYetValidException e) {
            return Optional.of(new Refused(
                    "CertificateNotYetValid",
                    "the client certificate is valid only from "
                            + leaf.getNotBefore().toInstant()));
        }
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
                return Optional.of(new Refused(
                        "CertificateNotForClientAuthentication",
                        "the certificate's extended key usage does not include TLS client authentication"));
            }
        } catch (CertificateParsingException e) {
            return Optional.of(new Refused("CertificateMalformed", "the certificate's extensions cannot be read"));
        }
        List<X509Certificate> anchors = tls.clientCaCertificates();
        List<X509Certificate> path =
                chain.stream().filter(c -> !anchors.contains(c)).toList();
        try {
            PKIXParameters parameters = new PKIXParameters(tls.clientCaTrustAnchors());
            parameters.setRevocationEnabled(false); // revocation is deleting the registration
            parameters.setDate(now);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(new Refused(
                    "CertificateNotIssuedByHubCa",
                    "the client certificate does not chain to the hub's client CA (" + e.getMessage() + ")"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation is not available", e);
        }
    }

    /** Registers a certificate; false when that certificate is already registered (to anyone). */
    public boolean register(
            ParticipantId participant, X509Certificate certificate, String description, ParticipantId registeredBy) {
        try {
            jdbc.sql("""
                    INSERT INTO access.client_certificate (fingerprint_sha256, participant_id, subject, serial_number,
                        not_before, not_after, description, registered_at, registered_by)
                    VALUES (:fingerprint, :participant, :subject, :serial, :notBefore, :notAfter, :description, :now,
                        :by)""")
                    .param("fingerprint", HEX.parseHex(fingerprint(certificate)))
                    .param("participant", participant.value())
                    .param(
                            "subject",
                            truncate(certificate.getSubjectX500Principal().getName(), 512))
                    .param("serial", truncate(certificate.getSerialNumber().toString(16), 80))
                    .param(
                            "notBefore",
                            Timestamp.from(certificate.getNotBefore().toInstant()))
                    .param("notAfter", Timestamp.from(certificate.getNotAfter().toInstant()))
                    .param("description", description == null ? "" : description)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("by", registeredBy.value())
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyRegistered) {
            return false;
        }
    }

    /** Deletes a registration; the participant it belonged to, or empty when there was none. */
    public Optional<ParticipantId> revoke(String fingerprint) {
        return jdbc.sql("DELETE FROM access.client_certificate WHERE fingerprint_sha256 = :fingerprint "
                        + "RETURNING participant_id")
                .param("fingerprint", HEX.parseHex(fingerprint))
                .query(String.class)
                .optional()
                .map(ParticipantId::of);
    }

    public Optional<CertificateInfo> find(String fingerprint) {
        return jdbc.sql(SELECT_INFO + " WHERE fingerprint_sha256 = :fingerprint")
                .param("fingerprint", HEX.parseHex(fingerprint))
                .query(ClientCertificates::info)
                .optional();
    }

    public List<CertificateInfo> certificatesOf(ParticipantId participant) {
        return jdbc.sql(SELECT_INFO + " WHERE participant_id = :participant ORDER BY registered_at, fingerprint_sha256")
                .param("participant", participant.value())
                .query(ClientCertificates::info)
                .list();
    }

    /** SHA-256 of the certificate's DER encoding, 64 lower-case hex digits. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    private static final String SELECT_INFO = """
            SELECT fingerprint_sha256, participant_id, subject, serial_number, not_before, not_after, description,
                   registered_at, registered_by
            FROM access.client_certificate""";

    private static CertificateInfo info(ResultSet rs, int row) throws SQLException {
        return new CertificateInfo(
                HEX.formatHex(rs.getBytes(1)),
                ParticipantId.of(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getObject(6, OffsetDateTime.class).toInstant(),
                rs.getString(7),
                rs.getObject(8, OffsetDateTime.class).toInstant(),
                ParticipantId.of(rs.getString(9)));
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
